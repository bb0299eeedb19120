"""Diacritic-insensitive matching of Vietnamese names, for the check-in desk's search box.

A clerk types "nguyen thi" on a keyboard without Vietnamese input and must still find
"Nguyễn Thị Trang"; typing the diacritics must work too.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics and with single spaces: "Đỗ  Thị" → "do thi"."""
    # đ/Đ is a letter of its own, not d with a combining mark, so NFD leaves it whole.
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.casefold().split())


def matches(query: str, *fields: str) -> bool:
    """Whether the folded query starts at a word of any folded field, as the clerk types it:
    "thi tr" finds "Nguyễn Thị Trang", "ang" does not. An empty query matches all."""
    wanted = fold(query)
    return not wanted or any(f" {wanted}" in f" {fold(field)}" for field in fields)
