"""Typed results: a shape's JSON leaves out its absent fields and nothing else, refuses what it
does not name, and a view that returns one is answered with its JSON (and returns nothing
else but stored bytes)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from flask import Response
from pydantic import ValidationError

from voting.shape import Absent, Moment, Shape, absent
from voting.web.replies import answers


class Sample(Shape):
    held_on: date
    note: str | None
    extra: str | Absent = absent("Only some answers")


def test_absent_fields_are_left_out_and_null_ones_kept() -> None:
    assert Sample(held_on=date(2022, 4, 20), note=None).to_json() == {
        "held_on": "2022-04-20",
        "note": None,
    }
    assert Sample(held_on=date(2022, 4, 20), note="x", extra="y").to_json() == {
        "held_on": "2022-04-20",
        "note": "x",
        "extra": "y",
    }


def test_an_absent_field_is_optional_and_never_null_in_the_schema() -> None:
    schema = Sample.model_json_schema()
    assert schema["required"] == ["held_on", "note"]
    assert schema["properties"]["extra"]["type"] == "string"
    assert schema["additionalProperties"] is False


class Stamped(Shape):
    at: Moment
    until: Moment | None


def test_a_moment_is_answered_in_utc_to_the_second_as_a_date_time() -> None:
    """The JSON the event log and the API always wrote ("…Z", no fraction), whatever the
    zone and microseconds of the time held; the schema still says date-time."""
    hanoi = timezone(timedelta(hours=7))
    stamped = Stamped(at=datetime(2022, 4, 20, 15, 0, 0, 999_999, tzinfo=hanoi), until=None)
    assert stamped.to_json() == {"at": "2022-04-20T08:00:00Z", "until": None}
    assert stamped.at == datetime(2022, 4, 20, 8, 0, 0, 999_999, tzinfo=UTC)
    assert Stamped.model_json_schema()["properties"]["at"]["format"] == "date-time"


def test_a_shape_is_strict_and_names_all_it_holds() -> None:
    with pytest.raises(ValidationError):
        Sample(held_on="2022-04-20", note=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Sample(held_on=date(2022, 4, 20), note=None, other=1)  # type: ignore[call-arg]


def test_a_view_returning_a_shape_is_answered_with_its_json() -> None:
    shape = Sample(held_on=date(2022, 4, 20), note="n")

    @answers(Sample)
    def alone() -> Sample:
        return shape

    @answers(Sample)
    def created() -> tuple[Sample, int]:
        return shape, 201

    assert alone() == shape.to_json()
    assert created() == (shape.to_json(), 201)
    assert alone.reply_model is Sample  # type: ignore[attr-defined]


def test_a_view_answers_its_shape_or_a_response_and_nothing_else() -> None:
    """A dict built by hand would be answered unchecked by its model: it is refused, naming
    what the view returned; stored bytes (a Response) pass as they are."""
    served = Response(b"{}", mimetype="application/json")

    @answers(Sample)
    def stored() -> Response:
        return served

    @answers(Sample)
    def built() -> dict[str, str]:
        return {"as": "built"}

    assert stored() is served
    with pytest.raises(TypeError, match="built returned dict"):
        built()
