"""Download names carry their conference: date, step and the title without diacritics."""

from __future__ import annotations

from datetime import date

from voting.store import Conference
from voting.web.documents import file_name, slug


def test_the_name_carries_the_date_the_step_and_the_title() -> None:
    conference = Conference(
        title="Hội nghị Ban Thường vụ (lần 2) — Đảng ủy", held_on=date(2022, 4, 20), step_number=5
    )
    assert file_name(conference, "minutes") == (
        "2022-04-20_buoc-5_hoi-nghi-ban-thuong-vu-lan-2-dang-uy_bien-ban.pdf"
    )
    assert file_name(conference, "counts.xlsx").endswith("_so-phieu.xlsx")
    conference.practice_of = "abc"
    assert file_name(conference, "record").startswith("2022-04-20_thu_buoc-5_")


def test_a_slug_is_short_and_never_empty() -> None:
    assert slug("Đỗ   Thị!!") == "do-thi"
    assert slug("—") == "hoi-nghi"
    assert len(slug("Hội nghị " * 20)) <= 60 and not slug("Hội nghị " * 20).endswith("-")


def test_a_step_in_the_title_is_not_named_twice() -> None:
    """A process's conference is titled after its step: the name says "buoc-3" once."""
    conference = Conference(
        title="Bước 3: Hội nghị tập thể lãnh đạo mở rộng — Rà soát",
        held_on=date(2022, 4, 20),
        step_number=3,
    )
    assert file_name(conference, "counts.csv") == (
        "2022-04-20_buoc-3_hoi-nghi-tap-the-lanh-dao-mo-rong-ra-soat_so-phieu.csv"
    )
