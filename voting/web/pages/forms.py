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
from voting.web.api.bodies import NewAppointment, NewConference
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
        Says("phải ánh xạ số ghế → tên", "must map seat numbers to names"),
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


class HeadChoice(Body):
    """The head's choice: the ticked candidates of each contested place (checkboxes named
    after the place: `s<n>` a ballot's section, `p<n>` a paper step's n-th contested
    position), the reason the minutes carry, and the confirmation that it is final."""

    chosen: Annotated[
        dict[str, list[str]],
        PlainValidator(_places),
        WithJsonSchema(
            {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        ),
        Says("phải ánh xạ chỗ → danh sách mã", "must map places to lists of ids"),
    ]
    note: Text = ""
    confirm: Ticked = False

    @classmethod
    def from_form(cls, values: MultiDict[str, str]) -> dict[str, Any]:
        places = {k: values.getlist(k) for k in values if re.fullmatch(r"[sp]\d+", k)}
        return {**values.to_dict(), "chosen": places}
