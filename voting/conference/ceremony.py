"""The committee's key ceremony, relayed: the server passes the members' messages on, checks
what is public, and never holds a secret (docs/voting.md "Key ceremony").

Order: the organiser issues one single-use join token per member; each member's phone redeems
it once and receives its binding (sent as `Authorization: Member <binding>` afterwards); every
member posts its commitment hash; once all hashes are in, reveals are accepted (each checked
against its hash and its proof); once all reveals are in, sealed shares; once all shares are in,
each member confirms that its shares verified, its backup is saved and its key is in the joint
key. The last confirmation completes the ceremony. A complaint stops the round; the organiser
restarts it (bindings kept, messages cleared).

After the ceremony, a member whose phone is lost or broken takes its seat again on a new phone:
the organiser issues a replacement token (the old phone's binding is revoked at once), and the
new phone redeems it with a proof signed by the key in the member's backup (`rejoin`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from voting.conference import box as boxes
from voting.conference import conferences, events
from voting.conference.errors import refused
from voting.crypto.committee_json import CommitteeError
from voting.crypto.dkg import (
    Ceremony,
    Commitment,
    CommitmentHash,
    Complaint,
    SealedShare,
    Transcript,
    check_distinct_keys,
)
from voting.crypto.rejoin import Rejoin, verify_rejoin
from voting.shape import Absent, Shape, absent
from voting.store import BallotBox, CommitteeSeat, CommitteeShare, Conference, Phase

BEFORE_OPENING = (Phase.SETUP, Phase.CHECKIN)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ceremony_of(conference: Conference) -> Ceremony:
    return Ceremony(conference.id, conference.committee_threshold, conference.committee_size)


def seats(session: Session, conference_id: str) -> list[CommitteeSeat]:
    return list(
        session.execute(
            select(CommitteeSeat)
            .where(CommitteeSeat.conference_id == conference_id)
            .order_by(CommitteeSeat.member)
        ).scalars()
    )


def pending(
    session: Session, conference_id: str, tokens: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """Those of `tokens` (member, token) still waiting for a phone: issued for the seat now,
    not yet redeemed. The console shows these again on a reload, never anything else."""
    by_member = {seat.member: seat for seat in seats(session, conference_id)}
    return [
        (member, token)
        for member, token in tokens
        if (seat := by_member.get(member)) is not None
        and seat.join_hash == token_hash(token)
        and seat.binding_hash is None
    ]


def joined_any(session: Session, conference_id: str) -> bool:
    """Whether a phone holds a seat: issuing the tokens again would cut it off."""
    return any(seat.binding_hash is not None for seat in seats(session, conference_id))


def issue_tokens(session: Session, conference_id: str, actor: str) -> list[tuple[int, str]]:
    """New join tokens for members 1..n; any earlier ceremony (and binding) is discarded."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, *BEFORE_OPENING)
    box = boxes.of(session, conference)
    again = bool(seats(session, conference_id))
    _clear(session, conference_id)
    session.execute(delete(CommitteeSeat).where(CommitteeSeat.conference_id == conference_id))
    tokens = []
    for member in range(1, conference.committee_size + 1):
        token = secrets.token_urlsafe(24)
        session.add(
            CommitteeSeat(
                conference_id=conference_id,
                member=member,
                join_hash=token_hash(token),
                shares_sent=False,
                confirmed=False,
            )
        )
        tokens.append((member, token))
    box.ceremony_round += 1 if again else 0
    box.transcript, box.complaint = None, None
    events.record(
        session,
        conference,
        "committee.tokens_issued",
        actor,
        {"members": conference.committee_size, "threshold": conference.committee_threshold},
    )
    session.flush()
    return tokens


def join(session: Session, conference_id: str, token: str) -> tuple[int, str]:
    """Redeem a join token once; the member number and the phone's binding token."""
    conference = conferences.lock(session, conference_id)
    seat = _seat_of_token(session, conference_id, token)
    if boxes.of(session, conference).transcript is not None:
        raise refused("rejoin_required")
    conferences.require_phase(conference, *BEFORE_OPENING)
    return seat.member, _bind(session, conference, seat, "committee.joined")


def _seat_of_token(session: Session, conference_id: str, token: str) -> CommitteeSeat:
    seat = session.execute(
        select(CommitteeSeat).where(
            CommitteeSeat.conference_id == conference_id,
            CommitteeSeat.join_hash == token_hash(token),
        )
    ).scalar_one_or_none()
    if seat is None:
        raise refused("join_token_unknown")
    return seat


def _bind(session: Session, conference: Conference, seat: CommitteeSeat, kind: str) -> str:
    """Bind the calling phone to the seat once; its binding token is returned, kept nowhere."""
    if seat.binding_hash is not None:
        raise refused("join_token_used", member=seat.member)
    binding = secrets.token_urlsafe(32)
    seat.binding_hash = token_hash(binding)
    events.record(session, conference, kind, f"member:{seat.member}", {"member": seat.member})
    session.flush()
    return binding


def replaceable(conference: Conference, box: BallotBox | None) -> bool:
    """Whether a member's phone can still be replaced: the joint key made, the vote not
    aborted, the record not yet written."""
    return (
        box is not None
        and box.transcript is not None
        and conference.phase != Phase.ABORTED
        and box.record is None
    )


def _replaceable(session: Session, conference_id: str) -> tuple[Conference, BallotBox]:
    """A phone can be replaced from the joint key's making until the record is written."""
    conference = conferences.lock(session, conference_id)
    box = boxes.of(session, conference)
    if box.transcript is None:
        raise refused("ceremony_incomplete.replace")
    if not replaceable(conference, box):
        raise refused("committee_done")
    return conference, box


def replace_phone(session: Session, conference_id: str, member: int, actor: str) -> str:
    """A member's phone is lost or broken: its binding is revoked now, and a single-use
    replacement token issued that only the member's backup can redeem (`rejoin`)."""
    conference, _ = _replaceable(session, conference_id)
    seat = session.get(CommitteeSeat, (conference_id, member))
    if seat is None:
        raise refused("member_unknown.seat", member=member)
    token = secrets.token_urlsafe(24)
    seat.join_hash, seat.binding_hash = token_hash(token), None
    events.record(session, conference, "committee.phone_replaced", actor, {"member": member})
    session.flush()
    return token


def rejoin(session: Session, conference_id: str, proof: Rejoin) -> tuple[int, str]:
    """Redeem a replacement token with the backup's proof; the new phone's binding."""
    conference, box = _replaceable(session, conference_id)
    seat = _seat_of_token(session, conference_id, proof.token)
    try:
        if proof.member != seat.member:
            raise CommitteeError(f"the token is member {seat.member}'s, not {proof.member}'s")
        verify_rejoin(boxes.transcript(box), proof)
    except CommitteeError as error:
        raise refused("backup_not_for_seat", member=seat.member, error=error) from error
    return seat.member, _bind(session, conference, seat, "committee.rejoined")


def by_binding(session: Session, binding: str) -> CommitteeSeat | None:
    """The seat a phone's binding token belongs to."""
    return session.execute(
        select(CommitteeSeat).where(CommitteeSeat.binding_hash == token_hash(binding))
    ).scalar_one_or_none()


def read(kind: Any, data: Any) -> Any:
    """A committee message of `kind` from a phone's JSON (the web layer's schema reads its body
    with this), or the refusal of a malformed one."""
    try:
        return kind.from_json(data)
    except (CommitteeError, KeyError, TypeError) as error:
        raise refused("committee_message_invalid", error=error) from error


def _running(
    session: Session, conference_id: str, member: int
) -> tuple[Conference, BallotBox, CommitteeSeat]:
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, *BEFORE_OPENING)
    box = boxes.of(session, conference)
    if box.transcript is not None:
        raise refused("ceremony_complete")
    if box.complaint is not None:
        raise refused("ceremony_stopped")
    seat = session.get(CommitteeSeat, (conference_id, member))
    if seat is None or seat.binding_hash is None:
        raise refused("not_joined")
    return conference, box, seat


def _own(message: Any, conference_id: str, member: int, field: str = "member") -> None:
    if message.conference_id != conference_id or getattr(message, field) != member:
        raise refused("committee_message_foreign")


def _awaited(missing: list[int]) -> dict[str, Any]:
    """The members still awaited, as both texts of a `ceremony_waiting` refusal name them."""
    return {"members": ", ".join(map(str, missing)), "missing": missing}


def post_hash(session: Session, conference_id: str, member: int, message: CommitmentHash) -> None:
    """Step 1: the member's commitment hash (before anyone reveals)."""
    conference, _, seat = _running(session, conference_id, member)
    _own(message, conference_id, member)
    if seat.commitment_hash is not None:
        if seat.commitment_hash == message.to_json():
            conferences.unchanged(session, conference)
            return
        raise refused("already_sent")
    seat.commitment_hash = message.to_json()
    events.record(
        session,
        conference,
        "committee.commitment_hash",
        f"member:{member}",
        {"member": member, "hash": message.digest},
    )
    session.flush()


def post_reveal(session: Session, conference_id: str, member: int, message: Commitment) -> None:
    """Step 2: the reveal, accepted only once every hash is in, checked against the member's
    hash and its proof of possession."""
    conference, _, seat = _running(session, conference_id, member)
    _own(message, conference_id, member)
    all_seats = seats(session, conference_id)
    missing = [s.member for s in all_seats if s.commitment_hash is None]
    if missing:
        raise refused("ceremony_waiting.hashes", **_awaited(missing))
    if message.ceremony != ceremony_of(conference):
        raise refused("committee_message_foreign.reveal")
    assert seat.commitment_hash is not None
    if message.digest() != seat.commitment_hash["hash"]:
        raise refused("reveal_mismatch")
    try:
        message.verify()
    except CommitteeError as error:
        raise refused("reveal_proof_invalid", error=error) from error
    others = [Commitment.from_json(s.reveal) for s in all_seats if s.reveal and s is not seat]
    try:
        check_distinct_keys([*others, message])
    except CommitteeError as error:
        raise refused("committee_key_shared", error=error) from error
    if seat.reveal is not None:
        conferences.unchanged(session, conference)
        return
    seat.reveal = message.to_json()
    events.record(
        session,
        conference,
        "committee.reveal",
        f"member:{member}",
        {"member": member, "hash": message.digest()},
    )
    session.flush()


def transcript_now(session: Session, conference: Conference) -> Transcript | None:
    """The transcript once every reveal is in, else None."""
    all_seats = seats(session, conference.id)
    if not all_seats or any(s.reveal is None or s.commitment_hash is None for s in all_seats):
        return None
    ceremony = ceremony_of(conference)
    return Transcript.assemble(
        ceremony,
        [CommitmentHash.from_json(s.commitment_hash) for s in all_seats],
        [Commitment.from_json(s.reveal) for s in all_seats],
    )


def read_shares(data: Any) -> list[SealedShare]:
    """The sealed shares of `{"shares": [committee-share…]}`, or the refusal."""
    items = data.get("shares") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise refused("committee_message_invalid.shares")
    return [read(SealedShare, item) for item in items]


def post_shares(
    session: Session, conference_id: str, member: int, shares: list[SealedShare]
) -> None:
    """Step 3: the member's sealed shares, one for every other member."""
    conference, _, seat = _running(session, conference_id, member)
    if transcript_now(session, conference) is None:
        missing = [s.member for s in seats(session, conference_id) if s.reveal is None]
        raise refused("ceremony_waiting.reveals", **_awaited(missing))
    for share in shares:
        _own(share, conference_id, member, "sender")
    receivers = sorted(share.receiver for share in shares)
    others = [m for m in range(1, conference.committee_size + 1) if m != member]
    if receivers != others:
        raise refused("shares_incomplete", others=others)
    if seat.shares_sent:
        conferences.unchanged(session, conference)
        return
    for share in shares:
        session.add(
            CommitteeShare(
                conference_id=conference_id,
                sender=member,
                receiver=share.receiver,
                message=share.to_json(),
            )
        )
    seat.shares_sent = True
    events.record(
        session, conference, "committee.shares_sent", f"member:{member}", {"member": member}
    )
    session.flush()


class SealedShares(Shape):
    """The sealed shares addressed to one member."""

    shares: list[dict[str, Any]] = Field(description="committee-share messages, by sender")


def shares_for(session: Session, conference_id: str, member: int) -> SealedShares:
    """The sealed shares addressed to `member` (only it can open them)."""
    return SealedShares(
        shares=[
            row.message
            for row in session.execute(
                select(CommitteeShare)
                .where(CommitteeShare.conference_id == conference_id)
                .where(CommitteeShare.receiver == member)
                .order_by(CommitteeShare.sender)
            ).scalars()
        ]
    )


class RoundComplaint(Shape):
    """The complaint that stopped the round: who accuses whom, and why."""

    accuser: int
    accused: int
    reason: str = Field(json_schema_extra={"enum": list(Complaint.REASONS)})


def complain(session: Session, conference_id: str, member: int, message: Complaint) -> None:
    """A member's complaint against a sender: the round stops (restart by the organiser)."""
    conference, box, _ = _running(session, conference_id, member)
    _own(message, conference_id, member, "accuser")
    box.complaint = RoundComplaint(
        accuser=message.accuser, accused=message.accused, reason=message.reason
    ).to_json()
    events.record(session, conference, "committee.complaint", f"member:{member}", box.complaint)
    session.flush()


@dataclass(frozen=True)
class Confirmation:
    """A member's confirmation once its backup is saved: the joint key Y and its own Y_j as
    its phone computed them, compared as sent (a value that is not the key is not in Y)."""

    joint_key: object
    public_share: object


def read_confirmation(data: Any) -> Confirmation:
    """`{"backup_saved": true, "joint_key", "public_share"}`, or the refusal to confirm
    before the backup is saved."""
    if not isinstance(data, dict) or data.get("backup_saved") is not True:
        raise refused("backup_required")
    return Confirmation(data.get("joint_key"), data.get("public_share"))


def confirm(session: Session, conference_id: str, member: int, sent: Confirmation) -> bool:
    """Step 4: the member's shares verified, its backup is saved, and the key it computed is
    in the joint key (`public_share` = Y_j, `joint_key` = Y). True when this completed it."""
    conference, box, seat = _running(session, conference_id, member)
    missing = [s.member for s in seats(session, conference_id) if not s.shares_sent]
    if missing:
        raise refused("ceremony_waiting.shares", **_awaited(missing))
    transcript = transcript_now(session, conference)
    assert transcript is not None
    if (
        sent.joint_key != transcript.joint_key.hex()
        or sent.public_share != transcript.public_share(member).hex()
    ):
        raise refused("key_not_in_joint_key")
    seat.confirmed = True
    events.record(
        session,
        conference,
        "committee.confirmed",
        f"member:{member}",
        {"member": member, "fingerprint": boxes.fingerprint(transcript.public_share(member).hex())},
    )
    done = all(s.confirmed for s in seats(session, conference_id))
    if done:
        box.transcript = transcript.to_json()
        events.record(
            session,
            conference,
            "committee.complete",
            f"member:{member}",
            {
                "joint_key": transcript.joint_key.hex(),
                "joint_fingerprint": boxes.fingerprint(transcript.joint_key.hex()),
            },
        )
    session.flush()
    return done


def restart(session: Session, conference_id: str, actor: str) -> None:
    """A new round with the same phones: every message of the old round is cleared."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, *BEFORE_OPENING)
    box = boxes.of(session, conference)
    if not seats(session, conference_id):
        raise refused("no_tokens")
    _clear(session, conference_id)
    complaint = box.complaint
    box.ceremony_round += 1
    box.transcript, box.complaint = None, None
    events.record(
        session,
        conference,
        "committee.restarted",
        actor,
        {"round": box.ceremony_round, **({"complaint": complaint} if complaint else {})},
    )
    session.flush()


def _clear(session: Session, conference_id: str) -> None:
    session.execute(delete(CommitteeShare).where(CommitteeShare.conference_id == conference_id))
    for seat in seats(session, conference_id):
        seat.commitment_hash, seat.reveal = None, None
        seat.shares_sent, seat.confirmed = False, False
        seat.partial, seat.count_signature = None, None


class CeremonyMember(Shape):
    """A committee member's progress through the key ceremony."""

    member: int
    joined: bool
    hash_sent: bool
    revealed: bool
    shares_sent: bool
    confirmed: bool
    partial_sent: bool
    counts_signed: bool
    public_share: str | Absent = absent("Once the ceremony is complete")
    fingerprint: str | Absent = absent("Once the ceremony is complete")


class Committee(Shape):
    """The key ceremony's public state (docs/crypto-committee.md)."""

    conference: str
    threshold: int
    size: int
    round: int
    tokens_issued: bool
    complete: bool
    phones_replaceable: bool = Field(
        description="A lost phone can be replaced: the ceremony complete, not aborted, "
        "no record yet"
    )
    complaint: RoundComplaint | None
    members: list[CeremonyMember]
    commitment_hashes: list[dict[str, Any]] = Field(
        description="committee-commitment-hash messages"
    )
    reveals: list[dict[str, Any]] = Field(
        description="committee-commitment messages, once every hash is in"
    )
    joint_key: str | None
    joint_fingerprint: str | None
    transcript: dict[str, Any] | None = Field(description="Once the ceremony is complete")


def _member(seat: CommitteeSeat, transcript: Transcript | None) -> CeremonyMember:
    share = transcript.public_share(seat.member).hex() if transcript else None
    return CeremonyMember(
        member=seat.member,
        joined=seat.binding_hash is not None,
        hash_sent=seat.commitment_hash is not None,
        revealed=seat.reveal is not None,
        shares_sent=seat.shares_sent,
        confirmed=seat.confirmed,
        partial_sent=seat.partial is not None,
        counts_signed=seat.count_signature is not None,
        public_share=share,
        fingerprint=boxes.fingerprint(share) if share else None,
    )


def status(session: Session, conference: Conference) -> Committee:
    """The ceremony's public state: who joined and sent what, the published messages, and —
    once complete — the joint key and every fingerprint."""
    box = boxes.peek(session, conference.id)
    all_seats = seats(session, conference.id)
    complete = box is not None and box.transcript is not None
    transcript = boxes.transcript(box) if complete and box is not None else None
    hashes_in = bool(all_seats) and all(s.commitment_hash is not None for s in all_seats)
    complaint = box.complaint if box else None
    return Committee(
        conference=conference.id,
        threshold=conference.committee_threshold,
        size=conference.committee_size,
        round=box.ceremony_round if box else 1,
        tokens_issued=bool(all_seats),
        complete=complete,
        phones_replaceable=replaceable(conference, box),
        complaint=RoundComplaint(**complaint) if complaint else None,
        members=[_member(seat, transcript) for seat in all_seats],
        commitment_hashes=[s.commitment_hash for s in all_seats if s.commitment_hash],
        # Reveals are published only once every hash is in (nobody picks after seeing).
        reveals=[s.reveal for s in all_seats if s.reveal] if hashes_in else [],
        joint_key=transcript.joint_key.hex() if transcript else None,
        joint_fingerprint=boxes.fingerprint(transcript.joint_key.hex()) if transcript else None,
        transcript=box.transcript if complete and box else None,
    )
