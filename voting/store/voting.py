"""The second half of a conference: the committee's key ceremony, the cards, the cast ballots,
the box's public state and the opening of the box (docs/voting.md "Data model").

Nothing here links an attendee to a card or a ballot: cards are public keys only, with no
attendee column anywhere (a card's batch is cleared at the opening); a cast ballot is keyed by
its own hash (a SQLite table WITHOUT ROWID, so no hidden row number keeps the order of arrival)
and carries no time; the closing rewrites the table in hash order (`voting.store.secrecy`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from voting.store.base import Base

_CONFERENCE = "conferences.id"


class BallotBox(Base):
    """One row per conference that has begun its second half: counters and frozen hashes."""

    __tablename__ = "ballot_boxes"

    conference_id: Mapped[str] = mapped_column(
        ForeignKey(_CONFERENCE, ondelete="CASCADE"), primary_key=True
    )
    # The key ceremony: bumped by every restart, so stale messages are recognised.
    ceremony_round: Mapped[int] = mapped_column(Integer, default=1)
    # The public transcript once every member has confirmed (committee-transcript JSON).
    transcript: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Set when a complaint stopped the round: {"accuser", "accused", "reason"}.
    complaint: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    cards_dealt: Mapped[int] = mapped_column(Integer, default=0)
    cards_replaced: Mapped[int] = mapped_column(Integer, default=0)
    cards_undone: Mapped[int] = mapped_column(Integer, default=0)
    # Frozen at the opening.
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    card_list_hash: Mapped[str | None] = mapped_column(String(64))
    # Frozen at the closing.
    final_list_hash: Mapped[str | None] = mapped_column(String(64))
    final_count: Mapped[int | None] = mapped_column(Integer)
    # Once t partial decryptions are in: section id → candidate id → count (sealed at a
    # step that is not announced), then the evaluated result, then the signed record.
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    record: Mapped[str | None] = mapped_column(Text)
    aborted_reason: Mapped[str | None] = mapped_column(String(500))


class CommitteeSeat(Base):
    """Member j of the committee: its single-use join token and the phone bound to it (both
    as SHA-256 of the token), and its messages of the current round."""

    __tablename__ = "committee_seats"

    conference_id: Mapped[str] = mapped_column(
        ForeignKey(_CONFERENCE, ondelete="CASCADE"), primary_key=True
    )
    member: Mapped[int] = mapped_column(Integer, primary_key=True)
    join_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    binding_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    commitment_hash: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reveal: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    shares_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    partial: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    count_signature: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class CommitteeMember(Base):
    """The person who sits in committee seat `member`, named for the minutes. Kept apart from
    the seat (`CommitteeSeat`), which issuing new join codes deletes and makes again."""

    __tablename__ = "committee_members"

    conference_id: Mapped[str] = mapped_column(
        ForeignKey(_CONFERENCE, ondelete="CASCADE"), primary_key=True
    )
    member: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))


class CommitteeShare(Base):
    """A sealed share from one member to another (crypto_box_seal: only the receiver opens it)."""

    __tablename__ = "committee_shares"

    conference_id: Mapped[str] = mapped_column(
        ForeignKey(_CONFERENCE, ondelete="CASCADE"), primary_key=True
    )
    sender: Mapped[int] = mapped_column(Integer, primary_key=True)
    receiver: Mapped[int] = mapped_column(Integer, primary_key=True)
    message: Mapped[dict[str, Any]] = mapped_column(JSON)


class CardBatch(Base):
    """One upload of card public keys (a desk's pool or `keys.json`): its number and size. Its
    keys' hash is not kept (with the public card list it would tell which keys a late desk
    dealt)."""

    __tablename__ = "card_batches"

    conference_id: Mapped[str] = mapped_column(
        ForeignKey(_CONFERENCE, ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class Card(Base):
    """A card's Ed25519 public key; `undealt` once the desk returned it at the opening (void).
    There is no attendee column: the server never knows who holds which card. `batch` is
    needed only until the opening (a desk returns the undealt keys of its own batch); the
    opening rewrites the table in key order without it, so a late desk's batch does not point
    at its few cards."""

    __tablename__ = "cards"

    conference_id: Mapped[str] = mapped_column(
        ForeignKey(_CONFERENCE, ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    batch: Mapped[int | None] = mapped_column(Integer)
    undealt: Mapped[bool] = mapped_column(Boolean, default=False)


class CastBallot(Base):
    """A cast ballot, keyed by its hash; the unique card burns the card in the same insert.
    No time, no sequence, no row number (WITHOUT ROWID on SQLite): hash order is the only order."""

    __tablename__ = "cast_ballots"
    __table_args__ = (UniqueConstraint("conference_id", "card"), {"sqlite_with_rowid": False})

    conference_id: Mapped[str] = mapped_column(
        ForeignKey(_CONFERENCE, ondelete="CASCADE"), primary_key=True
    )
    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    card: Mapped[str] = mapped_column(String(64))
    # The ballot's canonical JSON, exactly the bytes its hash covers.
    content: Mapped[str] = mapped_column(Text)
