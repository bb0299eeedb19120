"""What the JSON API answers: one model per response shape, declared on its view with
`replies.answers` and published as the response schemas of /api/openapi.json. A shape a
service answers is defined next to the service (`voting.shape.Shape`, e.g.
`voting.conference.cards.Counters`); the shapes here are those the views compose from records
and values (`Conference.of(row)`, …). Either way the view returns the shape. A stored text a
model names as a Literal is cast to it, and the strict shape checks it as it is built; a stored
StrEnum is converted (`Phase(row.phase)`). The tests check every answer against its view's
model. Requests are modelled in voting.web.api.bodies.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, Self, cast

from pydantic import Field

from voting import store
from voting.conference import ballot, conferences
from voting.conference.casting import PublishedBallot
from voting.conference.events import Entry
from voting.conference.public import State
from voting.crypto import ballot as crypto_ballot
from voting.planning import warnings
from voting.planning.conditions import Unmet
from voting.planning.lists import Approval
from voting.planning.outcome import Dates, Lateness
from voting.planning.source_list import SourceRow, Structure
from voting.planning.state import Outcome, PaperEntry, Review, StepResult
from voting.rules import ruleset
from voting.shape import Absent, Moment, Shape, absent
from voting.store import DeviceKind, Phase
from voting.web import principals


class OpenApiDocument(Shape):
    """This document (OpenAPI 3.1)."""

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]
    components: dict[str, Any]


class Ping(Shape):
    """A phone that gets this reply reaches the server."""

    ok: bool
    public_url: str


PrincipalKind = Literal["anonymous", "user", "device", "member"]
Role = Literal["public", "organiser", "leadership", "head", "checkin_desk", "kiosk", "committee"]


class Principal(Shape):
    """Who is calling."""

    kind: PrincipalKind
    role: Role
    id: int | None
    name: str
    display_name: str = Field(description="An account's person, as pages name them")
    conference: str | None = Field(description="A device link's or member's one conference")

    @classmethod
    def of(cls, caller: principals.Principal) -> Self:
        return cls(
            kind=cast(PrincipalKind, caller.kind),
            role=cast(Role, caller.role),
            id=caller.id,
            name=caller.name,
            display_name=caller.display_name or caller.name,
            conference=caller.conference_id,
        )


class Session(Shape):
    """The caller and the CSRF token."""

    principal: Principal | None
    csrf_token: str = Field(description="Send as X-CSRF-Token on every state-changing call")


class RuleStep(Shape):
    """A step of a procedure: one conference."""

    number: int
    title: str
    title_en: str
    ballot: ruleset.BallotKind
    composition: list[str]
    extra_composition: dict[str, list[str]]
    threshold: str | None = Field(description="e.g. '≥ 3/10 of present'")
    announced: bool

    @classmethod
    def of(cls, step: ruleset.Step) -> Self:
        return cls(
            number=step.number,
            title=step.title,
            title_en=step.title_en,
            ballot=step.ballot,
            composition=list(step.composition),
            extra_composition={
                tier: list(groups) for tier, groups in step.extra_composition.items()
            },
            threshold=step.threshold.describe() if step.threshold else None,
            announced=step.announced,
        )


class Procedure(Shape):
    """A procedure of the rule set and its steps."""

    key: str
    title: str
    title_en: str
    steps: list[RuleStep]

    @classmethod
    def of(cls, procedure: ruleset.Procedure) -> Self:
        return cls(
            key=procedure.key,
            title=procedure.title,
            title_en=procedure.title_en,
            steps=[RuleStep.of(step) for step in procedure.steps],
        )


class RuleSet(Shape):
    """The built-in rule set a conference is made from."""

    name: str
    title: str
    hash: str
    tiers: dict[str, str]
    groups: dict[str, str]
    procedures: list[Procedure]

    @classmethod
    def of(cls, rule_set: ruleset.RuleSet) -> Self:
        return cls(
            name=rule_set.name,
            title=rule_set.title,
            hash=rule_set.hash,
            tiers={key: tier.title for key, tier in rule_set.tiers.items()},
            groups=dict(rule_set.groups),
            procedures=[Procedure.of(p) for p in rule_set.procedures.values()],
        )


class Person(Shape):
    """A person of the agency's registry."""

    id: str
    full_name: str
    sex: ruleset.Sex
    born: date
    post: str
    unit: str
    groups: list[str]

    @classmethod
    def of(cls, item: store.Person) -> Self:
        return cls(
            id=item.ref,
            full_name=item.full_name,
            sex=cast(ruleset.Sex, item.sex),
            born=item.born,
            post=item.post,
            unit=item.unit,
            groups=list(item.groups),
        )


class People(Shape):
    """The agency's registry."""

    people: list[Person]


class Imported(Shape):
    """How many rows a file import stored."""

    imported: int


class RuleSetOf(Shape):
    """The rule set a conference was made from."""

    name: str
    hash: str


class CommitteeSize(Shape):
    """The counting committee: members, and how many open the box."""

    size: int
    threshold: int


class Conference(Shape):
    """A conference."""

    id: str
    title: str
    held_on: date
    place: str
    rule_set: RuleSetOf
    procedure: str
    procedure_title: str
    step: int
    step_title: str
    step_title_en: str
    tier: str
    ballot_kind: ballot.Kind
    announced: bool
    phase: Phase
    phase_title: str
    phase_title_en: str
    committee: CommitteeSize
    revision: int
    convened_at_opening: int | None
    present_at_opening: int | None
    practice_of: str | None = Field(
        description="A practice round: the real conference it was copied from"
    )

    @classmethod
    def of(cls, item: store.Conference) -> Self:
        step = conferences.step_of(item)
        phase = Phase(item.phase)
        phase_vi, phase_en = conferences.PHASE_TITLES[phase]
        return cls(
            id=item.id,
            title=item.title,
            held_on=item.held_on,
            place=item.place,
            rule_set=RuleSetOf(name=item.rule_set_name, hash=item.rule_set_hash),
            procedure=item.procedure,
            procedure_title=conferences.rule_set_of(item).procedures[item.procedure].title,
            step=item.step_number,
            step_title=step.title,
            step_title_en=step.title_en,
            tier=item.tier,
            ballot_kind=cast(ballot.Kind, item.ballot_kind),
            announced=step.announced,
            phase=phase,
            phase_title=phase_vi,
            phase_title_en=phase_en,
            committee=CommitteeSize(size=item.committee_size, threshold=item.committee_threshold),
            revision=item.revision,
            convened_at_opening=item.convened_at_opening,
            present_at_opening=item.present_at_opening,
            practice_of=item.practice_of,
        )


class Conferences(Shape):
    """Every conference, newest first."""

    conferences: list[Conference]


class RecordedAbsence(Shape):
    """Why an attendee is absent, for the minutes."""

    reason: str
    note: str | None


Source = Literal["registry", "external", "manual"]


class Attendee(Shape):
    """An attendee on a conference's roster."""

    id: int
    ref: str | None
    source: Source
    full_name: str
    sex: str
    post: str
    unit: str
    present: bool
    checked_in_at: Moment | None
    absence: RecordedAbsence | None

    @classmethod
    def of(cls, item: store.Attendee) -> Self:
        return cls(
            id=item.id,
            ref=item.ref,
            source=cast(Source, item.source),
            full_name=item.full_name,
            sex=item.sex,
            post=item.post,
            unit=item.unit,
            present=item.present,
            checked_in_at=item.checked_in_at,
            absence=None
            if item.absence_reason is None
            else RecordedAbsence(reason=item.absence_reason, note=item.absence_note),
        )


class Attendees(Shape):
    """Attendees of the roster."""

    attendees: list[Attendee]


class EventLog(Shape):
    """The event log, oldest first, and whether its hash chain is intact."""

    events: list[Entry]
    chain_intact: bool
    first_break: int | None


class Device(Shape):
    """A device link."""

    id: int
    conference: str
    kind: DeviceKind
    label: str
    created_at: Moment
    revoked_at: Moment | None

    @staticmethod
    def of(item: store.DeviceLink) -> Device:
        """Always a Device, also as `IssuedDevice.of` (whose token it cannot know)."""
        return Device(
            id=item.id,
            conference=item.conference_id,
            kind=DeviceKind(item.kind),
            label=item.label,
            created_at=item.created_at,
            revoked_at=item.revoked_at,
        )


class IssuedDevice(Device):
    """A device link just issued, with its token (in this response only)."""

    token: str

    @classmethod
    def issued(cls, item: store.DeviceLink, token: str) -> Self:
        return cls(**Device.of(item).model_dump(), token=token)


class Devices(Shape):
    """A conference's device links, revoked ones included."""

    devices: list[Device]


class CardKeys(Shape):
    """Every card key and the voided ones, sorted (hex)."""

    keys: list[str]
    voided: list[str]


CardState = Literal["ready", "used", "voided", "unknown"]


class CardStatus(Shape):
    """What a card can do now."""

    card: str
    status: CardState


class UploadedBatch(Shape):
    """A batch of card keys stored."""

    batch: int
    count: int
    list_hash: str


class RegistryTable(Shape):
    """A registry table's rows, in the columns an import reads (docs/registry.md)."""

    columns: list[str]
    rows: list[dict[str, str]] = Field(description="Column → the cell as the file writes it")


AppointmentStatus = Literal["running", "appointed", "withdrawn"]


class Appointment(Shape):
    """An appointment of a planned cadre to the planned position (docs/planning.md)."""

    id: int
    cadre: str
    full_name: str
    position: str
    status: AppointmentStatus
    started_on: date
    started_by: str
    ended_on: date | None
    ended_by: str | None
    decision: str | None

    @classmethod
    def of(cls, item: store.Appointment) -> Self:
        return cls(
            id=item.id,
            cadre=item.cadre_ref,
            full_name=item.full_name,
            position=item.position,
            status=cast(AppointmentStatus, item.status),
            started_on=item.started_on,
            started_by=item.started_by,
            ended_on=item.ended_on,
            ended_by=item.ended_by,
            decision=item.decision,
        )


class Appointments(Shape):
    """Every appointment, the running ones first."""

    appointments: list[Appointment]


class ClosedPlanning(Shape):
    """A planning entry closed because its term ended."""

    cadre: str
    position: str
    removed_on: date


class ClosedPlannings(Shape):
    """The planning entries closed."""

    closed: list[ClosedPlanning]


class BallotList(Shape):
    """The published list in hash order with its hash: the ballots, or (`?hashes=1`) only
    their hashes."""

    count: int
    ballot_list_hash: str
    ballots: list[PublishedBallot] | Absent = absent()
    hashes: list[str] | Absent = absent()


class DefinitionSection(Shape):
    """A section of the ballot definition a voter's page encrypts against."""

    id: str
    candidates: list[str]
    quota: int


class BallotDefinition(Shape):
    """The ballot definition (ids "s1", "s1c1", …; docs/crypto.md)."""

    sections: list[DefinitionSection]

    @classmethod
    def of(cls, definition: crypto_ballot.BallotDefinition) -> Self:
        return cls(
            sections=[
                DefinitionSection(id=s.id, candidates=list(s.candidates), quota=s.quota)
                for s in definition.sections
            ]
        )


class Opening(Shape):
    """What voters build against once voting is open."""

    conference: str
    fingerprint: str
    definition: BallotDefinition
    joint_key: str
    convened: int | None
    present: int | None
    min_ballots: int = Field(description="The fewest ballots the box may be opened with")
    state: State


class MemberToken(Shape):
    """A member's single-use join or replacement token (a QR code on the organiser's
    screen)."""

    member: int
    token: str


class MemberTokens(Shape):
    """One single-use join token per member."""

    tokens: list[MemberToken]


class Seat(Shape):
    """A phone's seat on the committee; the binding authenticates the member from then on."""

    member: int
    binding: str
    conference_id: str
    threshold: int
    members: int


class PartialAccepted(Shape):
    """A partial decryption taken; whether the box is open now."""

    accepted: bool
    opened: bool


class RefusalAccepted(Shape):
    """A phone's refusal to open the box, logged."""

    accepted: bool


class CountSignatureAccepted(Shape):
    """A signature of the counts taken; whether the signed record is written now."""

    accepted: bool
    record_written: bool


ProcessStatus = Literal["running", "submitted", "approved"]
StepStatus = Literal["waiting", "current", "done"]


class ProcessBrief(Shape):
    """A planning process in a list."""

    id: str
    title: str
    procedure: str
    tier: str
    term: str
    status: ProcessStatus
    current_step: int | None

    @staticmethod
    def of(item: store.Process) -> ProcessBrief:
        """Always the brief, also as `Process.of` (the whole process adds its steps)."""
        return ProcessBrief(
            id=item.id,
            title=item.title,
            procedure=item.procedure,
            tier=item.tier,
            term=item.term,
            status=cast(ProcessStatus, item.status),
            current_step=next((s.number for s in item.steps if s.status == "current"), None),
        )


class Processes(Shape):
    """Every planning process."""

    processes: list[ProcessBrief]


class ProcessStep(Shape):
    """A step of a process, and its conference if it holds a secret ballot."""

    number: int
    title: str
    status: StepStatus
    conference: str | None
    phase: Phase | None
    approved: Approval | None = Field(
        description="A step recorded without a ballot, and the ballot it votes on"
    )
    paper: PaperEntry | None = Field(description="Counts entered from paper minutes")
    result: StepResult | None


class ProcessWarning(Shape):
    """A warning that applies to a process now."""

    code: str
    vi: str
    en: str

    @classmethod
    def of(cls, notice: warnings.Notice) -> Self:
        return cls(code=notice.code, vi=notice.vi, en=notice.en)


class LogEntry(Shape):
    """An entry of a process's log."""

    seq: int
    at: str = Field(
        description="ISO 8601 UTC, as the process log has always answered it (+00:00)",
        json_schema_extra={"format": "date-time"},
    )
    actor: str
    kind: str
    data: dict[str, Any]

    @classmethod
    def of(cls, item: store.ProcessEvent) -> Self:
        return cls(
            seq=item.seq, at=item.at.isoformat(), actor=item.actor, kind=item.kind, data=item.data
        )


class ProcessOutcome(Outcome):
    """The outcome as stored, with how late its approval came (a late approval is accepted and
    flagged wherever the outcome shows) and who fails the conditions today (KH 331 A.I)."""

    approval_late: Lateness | None
    unmet: list[Unmet]


class Process(ProcessBrief):
    """A planning process with everything the console shows (docs/planning.md)."""

    reference: str = Field(description="YYYY-MM")
    term_start: str | None = Field(description="YYYY-MM")
    steps: list[ProcessStep]
    source: list[SourceRow] = Field(
        description="Each position with its candidates, their warnings, and who was excluded"
    )
    source_frozen: bool
    structure: Structure
    review: Review
    warnings: list[ProcessWarning]
    outcome: ProcessOutcome | None = Field(
        description="The list submitted and approved, approval_late, and unmet conditions"
    )
    dates: Dates
    log: list[LogEntry]
