"""What the JSON API accepts: one model per request body (read by `schema.takes`, published
as the request schemas of /api/openapi.json). Responses are described in voting.web.openapi.
The services check content (rules, phases, signatures); these models check shape and type.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StrictStr

from voting.store import Phase
from voting.web.schema import (
    ITEMS,
    Body,
    Counts,
    Day,
    Flag,
    Month,
    OptionalDay,
    OptionalMonth,
    OptionalText,
    OptionalWhole,
    PositionIds,
    Says,
    Text,
    Whole,
)


class Login(Body):
    """A user's credentials (accounts of `voting accounts`)."""

    username: Text
    password: Text


class ConferenceDetails(Body):
    """A conference's title, date, place and counting committee (the set-up page's form)."""

    title: Text
    held_on: Day
    place: Text
    committee_size: Whole = Field(3, description="3 to 5 members")
    committee_threshold: Whole = Field(2, description="t members open the box; at least 2")


class NewConference(ConferenceDetails):
    """A conference for one step of the installation's rule set."""

    procedure: Text = Field(examples=["next_term", "annual_review"])
    step: Whole
    tier: Text = Field(examples=["province", "agency"])


class ConferenceEdit(Body):
    """Set-up edits; a field left out (or null) keeps its value."""

    title: OptionalText = None
    held_on: OptionalDay = None
    place: OptionalText = None
    committee_size: OptionalWhole = None
    committee_threshold: OptionalWhole = None


class PhaseChange(Body):
    """The phase to move to."""

    to: Annotated[Phase, Says("field.phase", textual=True)]


class NewAttendee(Body):
    """An attendee added by hand."""

    full_name: Text
    post: Text = ""
    unit: Text = ""
    sex: Text = Field("", description='"", "M" or "F"')
    ref: OptionalText = Field(None, description="The registry person's id, if any")


class BallotCandidate(Body):
    """A candidate on the ballot."""

    full_name: Text
    post: Text
    unit: Text
    person_ref: OptionalText = None


class BallotSection(Body):
    """One position (chức danh) of the ballot with its candidates."""

    position: Text
    quota: OptionalWhole = Field(
        None, description="Candidate ballots only; default min(3, candidates)"
    )
    candidates: Annotated[list[BallotCandidate], ITEMS]


class BallotSections(Body):
    """The whole ballot, replacing the stored one."""

    sections: Annotated[list[BallotSection], ITEMS]


class Reason(Body):
    """Why (an undone check-in or card, an aborted vote): recorded in the log."""

    reason: Text = Field(json_schema_extra={"maxLength": 500})


class Absence(Body):
    """Why an absent attendee is away, for the minutes: a reason code (empty clears it) and, for
    "khac", the words (the service checks both)."""

    reason: Text
    note: Text = ""


class NewDevice(Body):
    """A device link for a check-in desk or a voting kiosk."""

    kind: Text = Field(json_schema_extra={"enum": ["checkin_desk", "kiosk"]})
    label: Text


CardKeys = Annotated[
    list[Any],
    Field(json_schema_extra={"items": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}),
    Says("field.card_keys"),
]


class CardBatch(Body):
    """Sorted, distinct card keys: `{keys}` from the desk, or keys.json of `voting cards`."""

    keys: CardKeys
    conference: OptionalText = Field(None, description="keys.json: must be this conference")
    card_list_hash: OptionalText = Field(None, description="keys.json: must match the keys")


class UndealtKeys(Body):
    """The keys never dealt, sorted."""

    keys: CardKeys


class Dealt(Body):
    """One card dealt; `replacement` for a lost card's replacement."""

    replacement: Flag = False


class Decision(Body):
    """The head fills the contested places: section id → chosen candidate ids."""

    chosen: Annotated[
        dict[str, list[StrictStr]],
        Says("field.chosen"),
    ]
    note: Text = ""


class JoinToken(Body):
    """A committee phone's single-use join token."""

    token: Text


class Refusal(Body):
    """Why the phone will not open the box: the list is far smaller than the room."""

    ballots: Whole
    present: Whole


class PaperConfirmation(Body):
    """A committee member re-types the paper counts."""

    member: Text
    counts: Counts


class NewProcess(Body):
    """A planning process for a tier and term."""

    procedure: Text = Field(json_schema_extra={"enum": ["next_term", "annual_review"]})
    tier: Text
    term: Text = Field(examples=["2025-2030"])
    reference: Month
    term_start: OptionalMonth = None
    held_on: Day
    place: Text


class SourceCandidates(Body):
    """One position's candidates on the source list."""

    position: Text
    cadres: Annotated[list[StrictStr], Says("field.cadres")]


class Lists(Body):
    """A list as edited: position → cadre ids."""

    lists: PositionIds


class Removal(Body):
    """A cadre put to the removal ballot for a position."""

    cadre: Text
    position: Text


class StepRecord(Body):
    """A step held without a secret ballot on the list: when, and a note."""

    held_on: Day
    note: Text = ""


class StepApproval(StepRecord):
    """A step held without a secret ballot on the list, with (at the annual review's first
    step) who is put to the removal ballot."""

    removals: Annotated[list[Removal], ITEMS] = Field(default_factory=list)


class PaperMinutes(Body):
    """The head of a step's paper minutes: when, those convened and those present."""

    held_on: Day
    convened: Whole
    present: Whole


class PaperCounts(PaperMinutes):
    """A step's counts from its paper minutes."""

    counts: Counts


class PaperDecision(Body):
    """The head's decision on a final step held on paper."""

    chosen: PositionIds
    note: Text = ""


class Override(Body):
    """A chosen cadre who fails the conditions, put forward with the reason."""

    cadre: Text
    position: Text
    reason: Text


class NewAppointment(Body):
    """Start appointing the planned cadre to the planned position (KH 331 A.II)."""

    cadre: Text
    position: Text
    started_on: Day


class AppointmentDecision(Body):
    """The appointment decided: the day and the decision's number or words."""

    appointed_on: Day
    decision: Text


class OnDay(Body):
    """The day it happened."""

    on: Day
