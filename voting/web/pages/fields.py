"""Values typed into the organiser's HTML forms, read or refused in Vietnamese and English
(the JSON API reads its bodies with voting.web.parse)."""

from __future__ import annotations

from datetime import date

from voting.conference.errors import InvalidInput


def whole(value: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(
            f"Trường “{field}” phải là số nguyên.", f"Field {field!r} must be a whole number."
        ) from None


def day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            "Ngày phải có dạng YYYY-MM-DD.", "The date must be written YYYY-MM-DD."
        ) from None
