"""The schema layer refuses a body with the 400 that names the field at fault, in Vietnamese
and English, and every body model says what each of its fields must be."""

from __future__ import annotations

import inspect
from datetime import date
from typing import Any

import pytest
from flask import Flask

from voting.conference.errors import ConferenceError
from voting.web.api import bodies
from voting.web.schema import Body, parse, says_of

app = Flask(__name__)


def refusal(model: type[Body], data: Any) -> tuple[str, str]:
    with app.test_request_context(json=data), pytest.raises(ConferenceError) as caught:
        parse(model)
    assert (caught.value.status, caught.value.code) == (400, "bad_request")
    return caught.value.message, caught.value.message_en


def test_a_string_where_a_number_belongs_is_named() -> None:
    data = {"procedure": "next_term", "step": "4", "tier": "agency", "title": "T",
            "held_on": "2026-01-02", "place": "P"}  # fmt: skip
    assert refusal(bodies.NewConference, data) == (
        "Trường “step” phải là số nguyên.",
        "Field 'step' must be an integer.",
    )
    assert refusal(bodies.NewConference, data | {"step": 4, "committee_size": True})[1] == (
        "Field 'committee_size' must be an integer."
    )


def test_a_date_is_first_a_string_then_a_date() -> None:
    assert refusal(bodies.OnDay, {})[1] == "Field 'on' must be a string."
    assert refusal(bodies.OnDay, {"on": 20260102})[1] == "Field 'on' must be a string."
    assert refusal(bodies.OnDay, {"on": "02/01/2026"}) == (
        "Trường “on” phải là ngày dạng YYYY-MM-DD.",
        "Field 'on' must be a date YYYY-MM-DD.",
    )
    with app.test_request_context(json={"on": "2026-01-02"}):
        assert parse(bodies.OnDay).on == date(2026, 1, 2)


def test_the_innermost_field_of_a_ballot_is_named() -> None:
    section = {"position": "Giám đốc", "candidates": [{"full_name": "A", "post": "B"}]}
    assert refusal(bodies.BallotSections, {"sections": [section]})[1] == (
        "Field 'unit' must be a string."
    )
    assert refusal(bodies.BallotSections, {"sections": [5]})[1] == (
        "Field 'sections' must be a list of objects."
    )


def test_a_body_that_is_not_an_object_is_refused() -> None:
    assert refusal(bodies.Reason, ["why"])[1] == "The request body must be a JSON object."


def test_a_phase_that_does_not_exist_is_named_as_such() -> None:
    assert refusal(bodies.PhaseChange, {"to": "later"})[0] == "Trường “to” phải là một giai đoạn."
    assert refusal(bodies.PhaseChange, {"to": 3})[1] == "Field 'to' must be a string."


def test_optional_fields_take_null_and_unknown_fields_are_ignored() -> None:
    with app.test_request_context(json={"keys": [], "conference": None, "extra": 1}):
        batch = parse(bodies.CardBatch)
    assert (batch.keys, batch.conference, batch.card_list_hash) == ([], None, None)


def test_every_field_of_every_body_says_what_it_must_be() -> None:
    models = [m for _, m in inspect.getmembers(bodies, inspect.isclass) if issubclass(m, Body)]
    assert len(models) > 20
    for model in models:
        for name, field in model.model_fields.items():
            assert says_of(field.metadata), f"{model.__name__}.{name}"


def test_a_form_is_read_by_the_same_model_from_strings() -> None:
    """Is a page's form (all strings) read by the API's model, and refused with its words?"""
    from werkzeug.datastructures import MultiDict

    from voting.conference.errors import InvalidInput
    from voting.web.schema import form

    refusal = form(bodies.Refusal, MultiDict({"ballots": "5", "present": "40"}))
    assert (refusal.ballots, refusal.present) == (5, 40)
    assert form(bodies.OnDay, MultiDict({"on": "2026-01-02"})).on == date(2026, 1, 2)
    with pytest.raises(InvalidInput) as caught:
        form(bodies.OnDay, MultiDict({"on": "02/01/2026"}))
    assert caught.value.message == "Trường “on” phải là ngày dạng YYYY-MM-DD."


def test_every_field_of_every_page_form_says_what_it_must_be() -> None:
    from voting.web.pages import forms

    models = [m for _, m in inspect.getmembers(forms, inspect.isclass) if issubclass(m, Body)]
    assert len(models) > 10
    for model in models:
        for name, field in model.model_fields.items():
            assert says_of(field.metadata), f"{model.__name__}.{name}"


def test_a_forms_numbered_and_repeated_fields_are_read_as_a_mapping() -> None:
    """Are `member-<n>` and the head's `s<n>`/`p<n>` checkboxes gathered by the model, a
    checkbox ticked only by "yes", and a field the form leaves out read as empty?"""
    from werkzeug.datastructures import MultiDict

    from voting.web.pages import forms
    from voting.web.schema import form

    names = form(forms.SeatNames, MultiDict({"member-1": "An", "member-3": "Bình", "x": "y"}))
    assert names.names == {1: "An", 3: "Bình"}
    choice = form(
        forms.HeadChoice,
        MultiDict(
            [("s1", "s1c1"), ("s1", "s1c3"), ("p0", "SCT1"), ("note", "N"), ("confirm", "yes")]
        ),
    )
    assert (choice.chosen, choice.note, choice.confirm) == (
        {"s1": ["s1c1", "s1c3"], "p0": ["SCT1"]},
        "N",
        True,
    )
    assert not form(forms.HeadChoice, MultiDict({"confirm": "on"})).confirm
    assert form(forms.PhaseMove, MultiDict()) == forms.PhaseMove(to="", confirm=False)
    entry = form(forms.PlannedEntry, MultiDict({"entry": "SCT4|GĐ", "started_on": "2026-01-02"}))
    assert (entry.cadre, entry.position, entry.started_on) == ("SCT4", "GĐ", date(2026, 1, 2))


def test_the_planning_pages_ticks_are_read_as_a_mapping_and_a_list() -> None:
    """Are the source list's ticks and typed ids gathered per position (ticked first, each once,
    a position with none left empty), the removal ticks read as (cadre, position) pairs, and a
    removal tick without its position refused with the form's 422?"""
    from werkzeug.datastructures import MultiDict

    from voting.conference.errors import InvalidInput
    from voting.web.pages import forms
    from voting.web.schema import form

    source = form(
        forms.SourceChoice,
        MultiDict(
            [("cadre:0", "SCT2"), ("cadre:0", "SCT5"), ("add:0", " SCT9, SCT2 ,,"), ("add:2", "")]
        ),
    )
    assert (source.of(0), source.of(1), source.of(2)) == (["SCT2", "SCT5", "SCT9"], [], [])
    record = form(
        forms.StepRecordForm,
        MultiDict([("held_on", "2026-03-02"), ("removal", "SCT4|GĐ"), ("removal", "SCT7|PGĐ|2")]),
    )
    assert (record.held_on, record.note) == (date(2026, 3, 2), "")
    assert record.removals == [("SCT4", "GĐ"), ("SCT7", "PGĐ|2")]
    with pytest.raises(InvalidInput) as caught:
        form(forms.StepRecordForm, MultiDict([("held_on", "2026-03-02"), ("removal", "SCT4")]))
    assert caught.value.message == "Trường “removals” phải là danh sách “mã|chức danh”."
    assert form(forms.PaperConfirmer, MultiDict()).member == ""
    counts = form(forms.CountFields, MultiDict({"count:0:SCT2": "7", "member": "An"}))
    assert counts.typed == {"count:0:SCT2": "7"}


def wire_refusal(model: type[Any], data: Any) -> tuple[int, str]:
    from voting.conference.errors import ConferenceError

    with app.test_request_context(json=data), pytest.raises(ConferenceError) as caught:
        parse(model)
    return caught.value.status, caught.value.code


def test_a_wire_message_is_refused_as_its_format_always_was() -> None:
    """Is a malformed committee message or ballot refused by its service's reader, with its
    own code (not the schema layer's 400), and a body that is not an object as any body is?"""
    from voting.web.api import messages

    assert wire_refusal(messages.RejoinMessage, {"token": "t"}) == (
        422,
        "committee_message_invalid",
    )
    assert wire_refusal(messages.SharesMessage, {"shares": 3}) == (
        422,
        "committee_message_invalid",
    )
    assert wire_refusal(messages.PartialMessage, {"kind": "x"}) == (422, "partial_malformed")
    assert wire_refusal(messages.ConfirmationMessage, {"backup_saved": "yes"}) == (
        422,
        "backup_required",
    )
    assert wire_refusal(messages.CommitmentMessage, [1]) == (400, "bad_request")
    assert wire_refusal(messages.SignedBallot, {"hello": "world"}) == (422, "ballot_malformed")
    assert wire_refusal(messages.SignedBallot, [1]) == (422, "ballot_malformed")
    with (
        app.test_request_context(data="no", content_type="text/plain"),
        pytest.raises(ConferenceError) as caught,
    ):
        parse(messages.SignedBallot)
    assert (caught.value.status, caught.value.code) == (400, "ballot_malformed")
