"""The pages' forms that have no JSON body of the same shape, as models of the schema layer
(read by `schema.form`, like the API's bodies). A field the form always sends defaults to what a
browser sends when it is left empty ("", a checkbox unticked), so a form missing it is answered
by the service's own refusal, as an empty one is. The forms of the API's shape are read by the
API's models (voting.web.api.bodies).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainValidator, StrictStr, WithJsonSchema
from werkzeug.datastructures import MultiDict

from voting.store import DeviceKind
from voting.web.api.bodies import NewAppointment, NewConference, StepRecord
from voting.web.schema import Body, Says, Text, Ticked


class ConferenceChoice(NewConference):
    """A new conference, its step chosen as one "procedure:step" option."""

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        procedure, _, step = values.get("step", "").partition(":")
        return {**values.to_dict(), "procedure": procedure, "step": step}


class DeviceLink(Body):
    """A device link to issue: the desk's form sends no kind, the kiosk's sends `kiosk`."""

    kind: Text = DeviceKind.CHECKIN_DESK.value
    label: Text = ""


class PhaseMove(Body):
    """The phase to move to; closing the vote is confirmed, as it cannot be undone."""

    to: Text = ""
    confirm: Ticked = False


class Reissue(Body):
    """Issuing the committee's codes again, confirmed once a phone has joined."""

    again: Ticked = False


class LostPhone(Body):
    """The organiser confirms the member's phone is lost or broken."""

    lost: Ticked = False


class SeatNames(Body):
    """Each committee seat's member by name, from the fields `member-1` … `member-n`."""

    names: Annotated[
        dict[int, StrictStr],
        Says("field.seats"),
    ]

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        seats = (re.fullmatch(r"member-(\d+)", key) for key in values)
        return {"names": {m[1]: values[m[0]] for m in seats if m}}


class Why(Body):
    """The reason typed for an undone card or an aborted vote, recorded in the log."""

    reason: Text = ""


class AbsenceNote(Body):
    """Why an absent attendee was away: the reason chosen and, for "khac", the words."""

    reason: Text = ""
    note: Text = ""


class Credentials(Body):
    """The login form."""

    username: Text = ""
    password: Text = ""


class NewAccount(Credentials):
    """An account to create, with its role and the name documents print."""

    role: Text = ""
    display_name: Text = ""


class Password(Body):
    """A new password for an account."""

    password: Text = ""


class DisplayName(Body):
    """The name documents print for an account."""

    display_name: Text = ""


class Disabling(Body):
    """Disable an account (`disabled=yes`) or enable it again."""

    disabled: Ticked = False


class PlannedEntry(NewAppointment):
    """An appointment started from the planning in force, chosen as one "cadre|position"."""

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        cadre, _, position = values.get("entry", "").partition("|")
        return {"cadre": cadre, "position": position, "started_on": values.get("started_on", "")}


class OverrideForm(Body):
    """The head puts forward a chosen cadre who fails the conditions, with the reason."""

    cadre: Text = ""
    position: Text = ""
    reason: Text = ""


def _places(value: Any) -> dict[str, list[str]]:
    """Place → ticked ids, checked here: a form's repeated values are lists, which a model
    read from strings does not take."""
    if not isinstance(value, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in value.values()
    ):
        raise ValueError("not a mapping of places to ids")
    return value


# Ids gathered from a form's repeated fields, by the place they were ticked for.
IdsByPlace = Annotated[
    dict[str, list[str]],
    PlainValidator(_places),
    WithJsonSchema(
        {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
    ),
    Says("field.places"),
]


class HeadChoice(Body):
    """The head's choice: the ticked candidates of each contested place (checkboxes named
    after the place: `s<n>` a ballot's section, `p<n>` a paper step's n-th contested
    position), the reason the minutes carry, and the confirmation that it is final."""

    chosen: IdsByPlace
    note: Text = ""
    confirm: Ticked = False

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        places = {k: values.getlist(k) for k in values if re.fullmatch(r"[sp]\d+", k)}
        return {**values.to_dict(), "chosen": places}


class SourceChoice(Body):
    """The source list as ticked: for each position (by its index on the list) the cadres
    ticked (`cadre:<i>`), then the ids typed in to add someone not proposed (`add:<i>`,
    comma-separated), each once."""

    chosen: IdsByPlace

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        places = (re.fullmatch(r"(?:cadre|add):(\d+)", key) for key in values)
        indices = {m[1] for m in places if m}
        return {
            "chosen": {
                i: list(dict.fromkeys(values.getlist(f"cadre:{i}") + _typed(values, f"add:{i}")))
                for i in indices
            }
        }

    def of(self, index: int) -> list[str]:
        """The cadres wanted for the position at `index` (none ticked: none)."""
        return self.chosen.get(str(index), [])


def _typed(values: MultiDict[str, str], name: str) -> list[str]:
    return [c.strip() for c in values.get(name, "").split(",") if c.strip()]


def _removals(value: Any) -> list[tuple[str, str]]:
    """The removal ballot's ticks, each "cadre|position", in the form's order (numbered by
    `from_form`: a model read from strings takes a mapping, not a list)."""
    ticks = list(value.values()) if isinstance(value, dict) else None
    if ticks is None or not all(isinstance(v, str) and "|" in v for v in ticks):
        raise ValueError("not a list of cadre|position")
    return [(cadre, position) for cadre, _, position in (v.partition("|") for v in ticks)]


class StepRecordForm(StepRecord):
    """A step's record from the page, with who is ticked for the removal ballot (`removal`,
    each "cadre|position")."""

    removals: Annotated[
        list[tuple[str, str]],
        PlainValidator(_removals),
        WithJsonSchema({"type": "array", "items": {"type": "string", "pattern": "[|]"}}),
        Says("field.cadre_positions"),
    ]

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        return {**values.to_dict(), "removals": dict(enumerate(values.getlist("removal")))}


class PaperConfirmer(Body):
    """The committee member who confirms a step's paper counts by typing them again."""

    member: Text = ""


class CountFields(Body):
    """The counts typed on a paper step's page, each field `count:<section>:<cadre>` with the
    number as typed; the page checks them against the step's ballot (pages.planning)."""

    typed: Annotated[dict[str, str], Says("field.typed")]

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        return {"typed": {k: v for k, v in values.items() if k.startswith("count:")}}
