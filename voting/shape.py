"""Typed results: what a service answers and a view sends as JSON is one pydantic model.

A service returns a `Shape`; the view that answers it declares the same class with
`voting.web.replies.answers`, which publishes its JSON schema in /api/openapi.json and turns
the returned shape into JSON (`to_json`). So mypy checks the producer, the document is the
model's own schema, and the JSON is the model's dump: one shape for all three. Shapes are
strict (no coercion), forbid fields they do not name, and are frozen. No Flask here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer
from pydantic.json_schema import SkipJsonSchema

from voting.store.base import utc_text

Absent = SkipJsonSchema[None]
"""The type of a field some answers leave out: `str | Absent = absent()`."""

Moment = Annotated[datetime, PlainSerializer(utc_text, when_used="json")]
"""A time answered as it is sent and hashed: UTC to the second, "2022-04-20T08:00:00Z"
(pydantic's own JSON would keep microseconds, and another zone's offset)."""


def _is_none(value: object) -> bool:
    return value is None


def absent(description: str | None = None) -> Any:
    """A field that is left out of the JSON when it is None: not required in the schema, and
    never null when present."""
    return Field(None, description=description, exclude_if=_is_none)


class Shape(BaseModel):
    """A typed result: every field it answers, and nothing else."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def to_json(self) -> dict[str, Any]:
        """The shape as JSON values (ISO dates, lists), fields that are absent left out."""
        return self.model_dump(mode="json")
