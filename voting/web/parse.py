"""Reading requests: the JSON body within its limits, dates in query arguments, uploads.
The fields of a JSON body are read by the models of voting.web.schema.

Every JSON body is read by `json_body`, which refuses before parsing a body over
`JSON_MAX_BYTES` (413) or nested deeper than `JSON_MAX_DEPTH` (400): a deeply nested body would
otherwise exhaust the parser's recursion and end in a server error (issue 16, item 10).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any

from flask import request

from voting.conference.errors import ConferenceError, refused

UPLOAD_SUFFIXES = (".csv", ".xlsx")


# The largest JSON body any call needs (a ballot of many candidates, a file of card keys) is
# well under this; files go up as multipart uploads, under MAX_CONTENT_LENGTH.
JSON_MAX_BYTES = 1024 * 1024
# The deepest body any call sends is a ballot (object → sections → entries → proof → values).
JSON_MAX_DEPTH = 16
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_body() -> Any:
    """The request's JSON value, or None when the body is not JSON (or not sent as
    application/json). Refuses a body over
    `JSON_MAX_BYTES` (413 `body_too_large`) or nested deeper than `JSON_MAX_DEPTH` (400
    `json_too_deep`) before parsing it."""
    if not request.is_json:
        return None
    length = request.content_length
    if length is not None and length > JSON_MAX_BYTES:
        raise _too_large()
    raw = request.get_data(cache=True)
    if len(raw) > JSON_MAX_BYTES:
        raise _too_large()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if max(accumulate(_STEP[c] for c in brackets), default=0) > JSON_MAX_DEPTH:
        raise _too_deep()
    try:
        return json.loads(text)
    except ValueError:
        return None
    except RecursionError:  # not reached past the depth check; kept as the last guard
        raise _too_deep() from None


def _too_large() -> ConferenceError:
    return refused("body_too_large", kib=JSON_MAX_BYTES // 1024, limit=JSON_MAX_BYTES)


def _too_deep() -> ConferenceError:
    return refused("json_too_deep", depth=JSON_MAX_DEPTH)


def body() -> dict[str, Any]:
    """The JSON object sent with the request."""
    data = json_body()
    if not isinstance(data, dict):
        raise refused("bad_request.object")
    return data


def day(data: dict[str, Any], field: str) -> date:
    """A date written YYYY-MM-DD (a query argument; bodies are read by voting.web.schema)."""
    value = data.get(field)
    if not isinstance(value, str):
        raise refused("bad_request.string", field=field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise refused("bad_request.date", field=field) from None


@contextmanager
def upload() -> Iterator[Path]:
    """The uploaded `file` (multipart) saved to a temporary file with its own suffix, which
    the table reader needs to tell CSV from XLSX."""
    uploaded = request.files.get("file")
    suffix = Path(uploaded.filename or "").suffix.lower() if uploaded else ""
    if uploaded is None or suffix not in UPLOAD_SUFFIXES:
        raise refused("bad_upload")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        uploaded.save(path)
        yield path
