"""Opening the box: each committee member's partial decryption is verified against the
aggregate the server recomputes from the stored ballots; with t of them the counts are
combined, evaluated and stored; with t count signatures the signed record is written from the
stored data and the event log, and written again when the head decides (docs/voting.md "Opening
the box", docs/record.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import pysodium
from sqlalchemy.orm import Session

from voting import canonical
from voting.conference import box as boxes
from voting.conference import cards, casting, ceremony, conferences, events, opening, results
from voting.conference.errors import Conflict, InvalidInput, refused
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
from voting.tally.record import Conference as RecordConference
from voting.tally.shapes import Candidate, Position

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


_M = TypeVar("_M", bound=_Message)


def _own(
    parse: Callable[[Any], _M], data: Any, conference_id: str, member: int, what: tuple[str, ...]
) -> _M:
    """A member's message parsed, and refused unless it is the caller's own for this conference
    (`what`: its Vietnamese and English names and the error code of a malformed one)."""
    what_vi, what_en, code = what
    try:
        message = parse(data)
    except (CommitteeError, KeyError, TypeError) as error:
        raise InvalidInput(
            f"{what_vi} không đúng định dạng: {error}",
            f"Malformed {what_en}: {error}",
            code=code,
        ) from error
    if message.conference_id != conference_id or message.member != member:
        raise refused("committee_message_foreign.named", what_vi=what_vi, what_en=what_en)
    return message


def refuse_opening(
    session: Session, conference_id: str, member: int, ballots: int, present: int
) -> None:
    """A member's phone refused to open the box because the list is far smaller than the room
    (`voting.tally.opening.far_fewer`): logged with the numbers, so the console and the record
    of the step say why it went to paper (issue 16, item 4)."""
    if not far_fewer(ballots, present) or ballots < 0:
        raise InvalidInput(
            "Lý do từ chối không đúng: số phiếu không ít hơn một nửa số người có mặt.",
            f"{ballots} ballots with {present} present is no refusal reason.",
            code="refusal_invalid",
        )
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


def post_partial(session: Session, conference_id: str, member: int, data: Any) -> bool:
    """Store member's verified partial decryption; True when it was the t-th (box opened)."""
    partial = _own(
        PartialDecryption.from_json,
        data,
        conference_id,
        member,
        ("Phần giải mã", "partial decryption", "partial_malformed"),
    )
    conference = conferences.lock(session, conference_id)
    if conference.phase == Phase.OPENED:
        raise Conflict("Hòm phiếu đã được mở.", "The box is already open.", code="box_opened")
    conferences.require_phase(conference, Phase.CLOSED)
    box = boxes.of(session, conference)
    opening.require_minimum(conference, box)
    transcript = boxes.transcript(box)
    _, flat = _aggregates(session, conference)
    try:
        verify_partial(transcript, flat, partial)
    except CommitteeError as error:
        raise InvalidInput(
            "Phần giải mã không kiểm chứng được với tổng các phiếu đã lưu.",
            f"The partial decryption does not verify against the stored ballots: {error}",
            code="partial_invalid",
        ) from error
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
        box.result = results.compute(session, conference, counts)
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
    session: Session, conference_id: str, member: int, data: Any, installation: Installation
) -> bool:
    """Store a member's signature of the counts; True when it was the t-th and the record was
    written (signed by the installation's key, with its agency)."""
    signature = _own(
        CountSignature.from_json,
        data,
        conference_id,
        member,
        ("Chữ ký kết quả", "count signature", "signature_malformed"),
    )
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
        raise InvalidInput(
            "Chữ ký kết quả không đúng với số phiếu đã kiểm.",
            "The signature does not verify over the counts.",
            code="signature_invalid",
        ) from error
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
        events=[events.to_entry(event) for event in events.log(session, conference.id)],
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
                Candidate(
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
        raise Conflict(
            "Biên bản chưa được lập: cần đủ chữ ký của ban kiểm phiếu.",
            "The record is not written yet: the committee's signatures are missing.",
            code="record_not_written",
        )
    return box.record.encode()
