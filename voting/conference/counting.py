"""Opening the box: each committee member's partial decryption is verified against the
aggregate the server recomputes from the stored ballots; with t of them the counts are
combined, evaluated and stored; with t count signatures the signed record is written from the
stored data and the event log, and written again when the head decides (docs/voting.md "Opening
the box", docs/record.md)."""

from __future__ import annotations

from typing import Any, Protocol

import pysodium
from sqlalchemy.orm import Session

from voting import canonical
from voting.conference import box as boxes
from voting.conference import cards, casting, ceremony, conferences, events, opening, results
from voting.conference.errors import refused
from voting.conference.installation import Installation
from voting.crypto.ballot import aggregate
from voting.crypto.committee_json import CommitteeError
from voting.crypto.decryption import (
    Aggregate,
    CountSignature,
    PartialDecryption,
    combine,
    counts_message,
    verify_partial,
)
from voting.crypto.installation import load_or_create
from voting.rules import HeadDecision
from voting.store import CommitteeSeat, Conference, Phase
from voting.tally.ballot_list import CheckedList
from voting.tally.bundles import served_bundles
from voting.tally.opening import far_fewer
from voting.tally.record import CardCounts, counts_by_section, make_record, sign_record
from voting.tally.shapes import Position, RecordCandidate, RecordConference
from voting.translations import texts

_AGGREGATES: dict[tuple[str, str], tuple[Any, list[Aggregate]]] = {}


def _aggregates(session: Session, conference: Conference) -> tuple[Any, list[Aggregate]]:
    """(sums by section, the flat list of (a, b)) of the frozen ballot list, cached by its hash."""
    box = boxes.of(session, conference)
    assert box.final_list_hash is not None
    key = (conference.id, box.final_list_hash)
    if key not in _AGGREGATES:
        definition = boxes.definition(session, conference.id)
        sums = aggregate(definition, casting.ballots(session, conference.id))
        flat = [(c.a, c.b) for section in sums.values() for c in section.values()]
        if len(_AGGREGATES) >= 16:
            _AGGREGATES.pop(next(iter(_AGGREGATES)))
        _AGGREGATES[key] = (sums, flat)
    return _AGGREGATES[key]


def _seat(session: Session, conference_id: str, member: int) -> CommitteeSeat:
    seat = session.get(CommitteeSeat, (conference_id, member))
    assert seat is not None
    return seat


class _Message(Protocol):
    @property
    def conference_id(self) -> str: ...

    @property
    def member(self) -> int: ...


# What a member's malformed message raises while it is parsed.
_MALFORMED = (CommitteeError, KeyError, TypeError)


def read_partial(data: Any) -> PartialDecryption:
    """A member's partial decryption from its phone's JSON (the web layer's schema reads its
    body with this), or the refusal of a malformed one."""
    try:
        return PartialDecryption.from_json(data)
    except _MALFORMED as error:
        raise refused("partial_malformed", error=error) from error


def read_count_signature(data: Any) -> CountSignature:
    """A member's count signature from its phone's JSON, or the refusal of a malformed one."""
    try:
        return CountSignature.from_json(data)
    except _MALFORMED as error:
        raise refused("signature_malformed", error=error) from error


def _own(message: _Message, conference_id: str, member: int, what: str) -> None:
    """Refuse a member's message unless it is the caller's own for this conference (`what`:
    the catalogue's key of its name)."""
    if message.conference_id != conference_id or message.member != member:
        what_vi, what_en = texts(what)
        raise refused("committee_message_foreign.named", what_vi=what_vi, what_en=what_en)


def refuse_opening(
    session: Session, conference_id: str, member: int, ballots: int, present: int
) -> None:
    """A member's phone refused to open the box because the list is far smaller than the room
    (`voting.tally.opening.far_fewer`): logged with the numbers, so the console and the record
    of the step say why it went to paper (issue 16, item 4)."""
    if not far_fewer(ballots, present) or ballots < 0:
        raise refused("refusal_invalid", ballots=ballots, present=present)
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.CLOSED)
    events.record(
        session,
        conference,
        "box.refused",
        f"member:{member}",
        {"member": member, "reason": "far_fewer", "ballots": ballots, "present": present},
    )
    session.flush()


def post_partial(
    session: Session, conference_id: str, member: int, partial: PartialDecryption
) -> bool:
    """Store member's verified partial decryption; True when it was the t-th (box opened)."""
    _own(partial, conference_id, member, "counting.partial")
    conference = conferences.lock(session, conference_id)
    if conference.phase == Phase.OPENED:
        raise refused("box_opened")
    conferences.require_phase(conference, Phase.CLOSED)
    box = boxes.of(session, conference)
    opening.require_minimum(conference, box)
    transcript = boxes.transcript(box)
    _, flat = _aggregates(session, conference)
    try:
        verify_partial(transcript, flat, partial)
    except CommitteeError as error:
        raise refused("partial_invalid", error=error) from error
    seat = _seat(session, conference_id, member)
    seat.partial = partial.to_json()
    events.record(session, conference, "box.partial", f"member:{member}", {"member": member})
    given = [s for s in ceremony.seats(session, conference_id) if s.partial is not None]
    opened = len(given) >= transcript.ceremony.threshold
    if opened:
        assert box.final_count is not None
        partials = [PartialDecryption.from_json(s.partial) for s in given]
        flat_counts = combine(transcript, flat, partials, box.final_count)
        definition = boxes.definition(session, conference_id)
        counts = counts_by_section(definition, flat_counts)
        box.counts = counts
        box.result = results.compute(session, conference, counts).to_json()
        conference.phase = Phase.OPENED
        # The counts stay out of the event log: desks read it, and the step may be sealed.
        events.record(
            session,
            conference,
            "box.opened",
            f"member:{member}",
            {"members": [s.member for s in given], "ballots": box.final_count},
        )
    session.flush()
    return opened


def post_count_signature(
    session: Session,
    conference_id: str,
    member: int,
    signature: CountSignature,
    installation: Installation,
) -> bool:
    """Store a member's signature of the counts; True when it was the t-th and the record was
    written (signed by the installation's key, with its agency)."""
    _own(signature, conference_id, member, "counting.signature")
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.OPENED)
    box = boxes.of(session, conference)
    transcript = boxes.transcript(box)
    try:
        pysodium.crypto_sign_verify_detached(
            signature.signature,
            counts_message(conference_id, member, boxes.opened(box), box.counts),
            transcript.reveal(member).signing_key,
        )
    except ValueError as error:
        raise refused("signature_invalid") from error
    seat = _seat(session, conference_id, member)
    seat.count_signature = signature.to_json()
    events.record(session, conference, "box.counts_signed", f"member:{member}", {"member": member})
    signed = [s for s in ceremony.seats(session, conference_id) if s.count_signature]
    written = box.record is None and len(signed) >= transcript.ceremony.threshold
    if written:
        _write(session, conference, signed, installation, f"member:{member}")
    session.flush()
    return written


def rewrite_after_decision(
    session: Session, conference_id: str, installation: Installation, actor: str
) -> None:
    """The head's decision completes the result: a record already written is written again
    with the decision and its event, so the downloaded record is always the whole story."""
    conference = conferences.lock(session, conference_id)
    box = boxes.of(session, conference)
    if box.record is None:
        return
    signed = [s for s in ceremony.seats(session, conference_id) if s.count_signature]
    _write(session, conference, signed, installation, actor)
    session.flush()


def _write(
    session: Session,
    conference: Conference,
    signed: list[CommitteeSeat],
    installation: Installation,
    actor: str,
) -> None:
    box = boxes.of(session, conference)
    box.record = _record(session, conference, signed, installation)
    events.record(
        session,
        conference,
        "record.written",
        actor,
        {"sha256": canonical.sha256_hex(canonical.loads(box.record.encode()))},
    )


def _record(
    session: Session,
    conference: Conference,
    signed: list[CommitteeSeat],
    installation: Installation,
) -> str:
    box = boxes.of(session, conference)
    transcript = boxes.transcript(box)
    sums, _ = _aggregates(session, conference)
    keys, voided = cards.all_keys(session, conference.id)
    hashes = opening.ballot_hashes(session, conference.id)
    assert box.final_list_hash is not None and box.fingerprint is not None
    assert box.counts is not None
    document = make_record(
        conference=RecordConference(
            installation.agency,
            installation.timezone,
            conference.id,
            conference.title,
            conference.procedure,
            conference.step_number,
            conferences.step_of(conference).title,
            conference.held_on.isoformat(),
            conference.place,
        ),
        rule_set=conferences.rule_set_of(conference),
        definition=boxes.definition(session, conference.id),
        positions=_positions(conference),
        card_keys=keys,
        voided=voided,
        card_counts=CardCounts(box.cards_dealt, box.cards_replaced, box.cards_undone),
        convened=conference.convened_at_opening or 0,
        present=conference.present_at_opening or 0,
        transcript=transcript,
        fingerprint=box.fingerprint,
        ballots=casting.ballots(session, conference.id),
        checked=CheckedList(tuple(hashes), box.final_list_hash, sums),
        partials=[
            PartialDecryption.from_json(s.partial)
            for s in ceremony.seats(session, conference.id)
            if s.partial
        ],
        counts=box.counts,
        count_signatures=[CountSignature.from_json(s.count_signature) for s in signed],
        decision=_decision(box.decision),
        planned=conference.held_positions,
        events=[events.to_entry(event).to_json() for event in events.log(session, conference.id)],
        bundles=served_bundles(),
    )
    return sign_record(document, load_or_create(installation.folder)).decode()


def _positions(conference: Conference) -> list[Position]:
    """The ballot's display data, so that the minutes can be made from the record alone."""
    return [
        Position(
            id=boxes.section_id(section.number),
            title=section.position,
            candidates=tuple(
                RecordCandidate(
                    id=boxes.candidate_id(section.number, candidate.number),
                    cadre=candidate.person_ref
                    or boxes.candidate_id(section.number, candidate.number),
                    full_name=candidate.full_name,
                    post=candidate.post,
                    unit=candidate.unit,
                )
                for candidate in section.candidates
            ),
        )
        for section in conference.sections
    ]


def _decision(stored: dict[str, Any] | None) -> HeadDecision | None:
    if stored is None:
        return None
    return HeadDecision(
        chosen=stored["chosen"],
        decided_by=stored["by"],
        decided_at=stored["at"],
        note=stored["note"],
    )


def record(session: Session, conference: Conference) -> bytes:
    """The signed record's bytes."""
    box = boxes.peek(session, conference.id)
    if box is None or box.record is None:
        raise refused("record_not_written")
    return box.record.encode()
