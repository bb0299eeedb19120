"""Folding Vietnamese names for the desk's search."""

from __future__ import annotations

import pytest

from voting.conference.search import fold, matches


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Thị Trang", "nguyen thi trang"),
        ("ĐỖ  Ngọc   Hùng", "do ngoc hung"),
        ("đinh", "dinh"),
        ("Lương Bích Thảo", "luong bich thao"),
        ("Phạm Tiến Thắng", "pham tien thang"),
        ("Trịnh Thùy Linh", "trinh thuy linh"),
    ],
)
def test_fold_drops_tones_marks_case_and_extra_spaces(text: str, folded: str) -> None:
    """Is each Vietnamese letter (đ included) reduced to its bare Latin letter?"""
    assert fold(text) == folded


def test_composed_and_decomposed_input_fold_alike() -> None:
    """Does text typed with combining marks (NFD, as some keyboards send) fold the same?"""
    import unicodedata

    name = "Nguyễn Thị Thảo"
    assert fold(unicodedata.normalize("NFD", name)) == fold(name)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("nguyen thi", True),
        ("Nguyễn Thị", True),
        ("thi tr", True),
        ("", True),
        ("guyen", False),
        ("nguyen van", False),
    ],
)
def test_matches_at_the_start_of_a_word(query: str, found: bool) -> None:
    """Does a query match from the start of a word, with or without diacritics?"""
    assert matches(query, "Nguyễn Thị Trang") is found


def test_any_field_may_match() -> None:
    """Is a match in the second field (the id) enough?"""
    assert matches("sct00", "Đỗ Thị Dung", "SCT005")
