"""Casting a ballot: verify it against the opened conference, then burn the card and store the
ballot in one transaction; the caller's unit of work commits it before the receipt (the ballot's
hash) is answered — the web request commits before its response is sent (docs/voting.md
"Casting", docs/server.md "One unit of work per request"). Nothing here logs, and no stored
value says when or in which order a ballot arrived; the file's physical layout does until the
closing rewrites the table in hash order (`voting.store.secrecy`)."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from voting import canonical
from voting.conference import conferences, opening, verifier
from voting.conference.errors import refused
from voting.crypto.ballot import Ballot, BallotError, ballot_hash
from voting.shape import Shape
from voting.store import Card, Conference, Phase
from voting.store import CastBallot as StoredBallot


class Receipt(Shape):
    """A ballot cast: its hash and the count with it; no running list hash, which would date
    the ballot against the published list."""

    receipt: str = Field(description="The ballot's hash")
    ballots: int = Field(description="Ballots cast with this one")


class CastBallot(Shape):
    """A ballot as cast and published (docs/crypto.md): the marks of each section, encrypted
    with their proofs, signed by the card."""

    conference: str
    fingerprint: str
    card: str = Field(pattern="^[0-9a-f]{64}$")
    sections: list[dict[str, Any]]
    signature: str


class PublishedBallot(Shape):
    """A ballot of the published list, by its hash (the voter's receipt)."""

    hash: str
    ballot: CastBallot


def _phase_refusal(conference: Conference) -> None:
    if conference.phase in (Phase.SETUP, Phase.CHECKIN):
        raise refused("voting_not_open.cast")
    if conference.phase == Phase.ABORTED:
        raise refused("vote_aborted")
    if conference.phase != Phase.VOTING:
        raise refused("voting_closed")


def read_ballot(data: Any) -> Ballot:
    """A ballot from a voter's JSON (the web layer's schema reads its body with this), checked
    for shape and encodings, or the refusal of a malformed one."""
    try:
        return Ballot.from_dict(data)
    except (BallotError, KeyError, TypeError, ValueError) as error:
        raise refused("ballot_malformed", error=error) from error


def cast(session: Session, conference_id: str, ballot: Ballot) -> Receipt:
    """Accept one ballot, or raise a refusal having changed nothing. A unit of work of its own:
    it ends the read transaction before verifying, so nothing may be written before it."""
    conference = conferences.get(session, conference_id)
    if ballot.conference != conference_id:
        raise refused("wrong_conference")
    _phase_refusal(conference)
    card_hex = ballot.card.hex()
    card = session.get(Card, (conference_id, card_hex))
    if card is None:
        raise refused("card_unknown")
    if card.undealt:
        raise refused("card_voided")
    if _burned(session, conference_id, card_hex):
        raise refused("card_used")
    context = opening.context(session, conference)
    # End the read transaction before verifying: the connection goes back to the pool while
    # the verifying process works, and the write lock is taken afresh below.
    session.rollback()
    try:
        verifier.verify(context, ballot, card_hex)
    except BallotError as error:
        if ballot.fingerprint != context.fingerprint:
            raise refused("wrong_fingerprint", error=error) from error
        raise refused("ballot_invalid", error=error) from error
    return _store(session, conference_id, ballot)


def _store(session: Session, conference_id: str, ballot: Ballot) -> Receipt:
    receipt = ballot_hash(ballot)
    try:
        conference = conferences.lock(session, conference_id)
        _phase_refusal(conference)
        present = conference.present_at_opening or 0
        cast_before = count(session, conference_id)
        if cast_before >= present:
            raise refused("ballot_box_full", present=present)
        session.add(
            StoredBallot(
                conference_id=conference_id,
                hash=receipt,
                card=ballot.card.hex(),
                content=canonical.dumps(ballot.to_dict()).decode(),
            )
        )
        session.flush()
    except IntegrityError:
        raise refused("card_used") from None
    return Receipt(receipt=receipt, ballots=cast_before + 1)


def card_status(session: Session, conference: Conference, card_hex: str) -> str:
    """What a card can do now, so a phone refuses it before the voter fills anything: "ready",
    "used", "voided" or "unknown". Nothing secret: the published list already shows which
    card keys cast a ballot, and the voided keys are public."""
    card = session.get(Card, (conference.id, card_hex.lower()))
    if card is None:
        return "unknown"
    if conference.phase == Phase.ABORTED or (
        card.undealt and conference.phase not in (Phase.SETUP, Phase.CHECKIN)
    ):
        return "voided"
    return "used" if _burned(session, conference.id, card.key) else "ready"


def _burned(session: Session, conference_id: str, card: str) -> bool:
    return (
        session.execute(
            select(StoredBallot.hash).where(
                StoredBallot.conference_id == conference_id, StoredBallot.card == card
            )
        ).first()
        is not None
    )


def count(session: Session, conference_id: str) -> int:
    """Ballots cast so far (an index count, not a read of the list)."""
    return int(
        session.execute(
            select(func.count())
            .select_from(StoredBallot)
            .where(StoredBallot.conference_id == conference_id)
        ).scalar_one()
    )


def _stored(session: Session, conference_id: str) -> list[tuple[str, Any]]:
    """Every ballot's hash and content (its JSON), in hash order."""
    rows = session.execute(
        select(StoredBallot.hash, StoredBallot.content)
        .where(StoredBallot.conference_id == conference_id)
        .order_by(StoredBallot.hash)
    ).all()
    return [(h, canonical.loads(c.encode())) for h, c in rows]


def published(session: Session, conference_id: str) -> list[PublishedBallot]:
    """Every ballot, in hash order, with its hash."""
    return [
        PublishedBallot(hash=h, ballot=CastBallot.model_validate(content))
        for h, content in _stored(session, conference_id)
    ]


def ballots(session: Session, conference_id: str) -> list[Ballot]:
    """The stored ballots as objects, in hash order."""
    return [Ballot.from_dict(content) for _, content in _stored(session, conference_id)]


def lookup(session: Session, conference_id: str, receipt: str) -> PublishedBallot:
    """One ballot by its receipt."""
    row = session.get(StoredBallot, (conference_id, receipt))
    if row is None:
        raise refused("receipt_unknown")
    return PublishedBallot(
        hash=row.hash, ballot=CastBallot.model_validate(canonical.loads(row.content.encode()))
    )
