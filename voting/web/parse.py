"""Reading request bodies: JSON fields of the right type, or a 400 that names the field."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from flask import request

from voting.web.errors import ApiError

UPLOAD_SUFFIXES = (".csv", ".xlsx")


def bad(field: str, what_vi: str, what_en: str) -> ApiError:
    """The error for a field of the wrong type or shape."""
    return ApiError(
        400, "bad_request", f"Trường “{field}” {what_vi}.", f"Field {field!r} {what_en}."
    )


def body() -> dict[str, Any]:
    """The JSON object sent with the request."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(
            400,
            "bad_request",
            "Nội dung gửi lên phải là một đối tượng JSON.",
            "The request body must be a JSON object.",
        )
    return data


def text(data: dict[str, Any], field: str, default: str | None = None) -> str:
    """A string field (required unless a default is given)."""
    value = data.get(field, default)
    if not isinstance(value, str):
        raise bad(field, "phải là chuỗi ký tự", "must be a string")
    return value


def optional_text(data: dict[str, Any], field: str) -> str | None:
    """A string field that may be absent or null."""
    value = data.get(field)
    return None if value is None else text(data, field)


def integer(data: dict[str, Any], field: str, default: int | None = None) -> int:
    """A whole-number field (required unless a default is given)."""
    value = data.get(field, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise bad(field, "phải là số nguyên", "must be an integer")
    return value


def optional_integer(data: dict[str, Any], field: str) -> int | None:
    """A whole-number field that may be absent or null."""
    return None if data.get(field) is None else integer(data, field)


def day(data: dict[str, Any], field: str, default: date | None = None) -> date:
    """A date field written YYYY-MM-DD."""
    if field not in data and default is not None:
        return default
    value = text(data, field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad(field, "phải là ngày dạng YYYY-MM-DD", "must be a date YYYY-MM-DD") from None


def items(data: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """A list of JSON objects."""
    value = data.get(field)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise bad(field, "phải là danh sách các đối tượng", "must be a list of objects")
    return value


@contextmanager
def upload() -> Iterator[Path]:
    """The uploaded `file` (multipart) saved to a temporary file with its own suffix, which
    the table reader needs to tell CSV from XLSX."""
    uploaded = request.files.get("file")
    suffix = Path(uploaded.filename or "").suffix.lower() if uploaded else ""
    if uploaded is None or suffix not in UPLOAD_SUFFIXES:
        raise ApiError(
            400,
            "bad_upload",
            "Cần gửi một tệp .csv hoặc .xlsx trong trường “file”.",
            "Send one .csv or .xlsx file in the multipart field 'file'.",
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        uploaded.save(path)
        yield path
