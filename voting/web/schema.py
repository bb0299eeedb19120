"""The one schema layer: request bodies declared once as pydantic models, which both read a
body (refusing it with the project's bilingual 400 that names the field) and are the request
schemas of the OpenAPI document (voting.web.openapi), so the document cannot drift from what
the views accept. A page's form of the same shape is read by the same model (`form`).

Every field's type carries `Says`: what the field must be, in Vietnamese and English. A
refused body names the innermost field at fault, as `Trường “field” phải là …` /
`Field 'field' must be …` with code `bad_request`, the messages the API has always given.
Field types are strict (a string is not a number, `true` is not 1) and unknown fields are
ignored, as before.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Annotated, Any, ClassVar, TypeVar, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    RootModel,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import ErrorDetails
from werkzeug.datastructures import MultiDict

from voting.conference.errors import refused
from voting.translations import texts
from voting.web.parse import body, json_body

M = TypeVar("M", bound="Body")
B = TypeVar("B", bound=BaseModel)
W = TypeVar("W")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Says:
    """What a field must be, to complete “Trường “x” …” / “Field 'x' …”: the catalogue's key
    of the words (`field.…`), a part of the refusal and not one of its own. `textual` fields
    are read from a string first: a value that is not one is refused as not a string."""

    key: str
    textual: bool = False


STRING = Says("field.string")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")  # refused with STRING (Says.textual)
    return value


def _iso_day(value: Any) -> date:
    return date.fromisoformat(_text(value))


def _optional_day(value: Any) -> date | None:
    return None if value is None else _iso_day(value)


def _iso_month(value: Any) -> date:
    text = _text(value)
    return date.fromisoformat(f"{text}-01" if len(text) == 7 else text)


def _optional_month(value: Any) -> date | None:
    return None if value in ("", None) else _iso_month(value)


Text = Annotated[StrictStr, STRING]
OptionalText = Annotated[StrictStr | None, STRING]
Whole = Annotated[StrictInt, Says("field.integer")]
OptionalWhole = Annotated[StrictInt | None, Says("field.integer")]
Flag = Annotated[StrictBool, Says("field.boolean")]
# A page's checkbox: ticked when it sends "yes", as the forms' checkboxes do; absent is not.
Ticked = Annotated[
    bool,
    PlainValidator(lambda value: value == "yes"),
    WithJsonSchema({"const": "yes"}),
    Says("field.ticked"),
]
Day = Annotated[
    date,
    BeforeValidator(_iso_day),
    WithJsonSchema({"type": "string", "format": "date"}),
    Says("field.date", textual=True),
]
OptionalDay = Annotated[
    date | None,
    BeforeValidator(_optional_day),
    WithJsonSchema({"type": ["string", "null"], "format": "date"}),
    Says("field.date", textual=True),
]
Month = Annotated[
    date,
    BeforeValidator(_iso_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}$"}),
    Says("field.month", textual=True),
]
OptionalMonth = Annotated[
    date | None,
    BeforeValidator(_optional_month),
    WithJsonSchema({"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}$"}),
    Says("field.month", textual=True),
]
Counts = Annotated[
    dict[str, dict[str, StrictInt]],
    WithJsonSchema(
        {
            "type": "object",
            "description": "position → cadre id → agree count, from the paper minutes",
            "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}},
        }
    ),
    Says("field.counts"),
]
PositionIds = Annotated[
    dict[str, list[StrictStr]],
    Says("field.position_ids"),
]
ITEMS = Says("field.items")


class Body(BaseModel):
    """A request body: unknown fields ignored (clients may send more), values immutable."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        """A page's form as this model reads it: the first value of each field. A model of a
        form with repeated or numbered fields (`p0`, `member-1`) gathers them here."""
        return values.to_dict()


class Wire(RootModel[W]):
    """A body in a frozen wire format (the committee's messages, the ballot: docs/crypto*.md),
    read whole by the reader of its service, which checks its shape and encodings and refuses
    it with the codes that format has always had (`committee_message_invalid`,
    `ballot_malformed`, …); its schema is the format's envelope. Its `root` is the message
    parsed. `objects_only`: anything but a JSON object is refused first, as any body is."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)
    objects_only: ClassVar[bool] = True


def parse(model: type[B]) -> B:
    """The request's JSON object read as `model`, or the 400 naming the first field at fault."""
    data = body() if getattr(model, "objects_only", True) else json_body()
    try:
        return model.model_validate(data)
    except ValidationError as error:
        name, says = _fault(model, error.errors()[0])
        what_vi, what_en = texts(says.key)
        raise refused("bad_request.field", field=name, what_vi=what_vi, what_en=what_en) from None


def form(model: type[M], values: MultiDict[str, str]) -> M:
    """A page's form read as `model` (every value a string, as a browser sends it: "4" is read
    as the number 4); a refusal is the page's 422 with the API's words for the field."""
    try:
        return model.model_validate_strings(model.from_form(values))
    except ValidationError as error:
        name, says = _fault(model, error.errors()[0])
        what_vi, what_en = texts(says.key)
        raise refused("invalid_input.field", field=name, what_vi=what_vi, what_en=what_en) from None


def takes(model: type[BaseModel]) -> Callable[[F], F]:
    """The view receives its request body parsed as `model` in the argument `body`; the
    OpenAPI document reads the model from the view (`view.body_model`). Put it under
    `requires`, so that a caller is authorised before the body is read."""

    def decorate(view: F) -> F:
        @wraps(view)
        def parsed(*args: Any, **kwargs: Any) -> Any:
            return view(*args, body=parse(model), **kwargs)

        parsed.body_model = model  # type: ignore[attr-defined]
        return parsed  # type: ignore[return-value]

    return decorate


def _fault(model: type[BaseModel], error: ErrorDetails) -> tuple[str, Says]:
    """The innermost declared field on the error's path, and what it must be."""
    name, says = "", STRING
    current: type[BaseModel] | None = model
    for part in error["loc"]:
        if isinstance(part, str) and current is not None and part in current.model_fields:
            field = current.model_fields[part]
            name, says = part, says_of(field.metadata)
            current = _model_inside(field.annotation)
    if says.textual and not isinstance(error.get("input"), str):
        says = STRING
    return name, says


def says_of(metadata: list[Any]) -> Says:
    """The `Says` of a field (every field of a body declares one)."""
    return next(m for m in metadata if isinstance(m, Says))


def _model_inside(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, directly or in a list or optional, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (list, Union, types.UnionType):
        return next((m for m in map(_model_inside, get_args(annotation)) if m is not None), None)
    return None
