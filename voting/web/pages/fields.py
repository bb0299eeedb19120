"""Values typed into the organiser's HTML forms whose shapes differ from the JSON bodies, read or
refused in Vietnamese and English (a form of a JSON body's shape is read by its model with
voting.web.schema.form)."""

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
