"""Voting cards as the server knows them: public keys only, in batches, and counters of cards
dealt, dealt as replacements and undone (docs/voting.md "Cards"). No table links a card to an
attendee: the desk says only that one more card was dealt."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import Field
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from voting.conference import box as boxes
from voting.conference import conferences, events
from voting.conference.errors import refused
from voting.crypto.cards import card_list_hash
from voting.shape import Shape
from voting.store import BallotBox, Card, CardBatch, Conference, Phase
from voting.store.secrecy import rewrite_cards_in_key_order

MAX_BATCH = 5000
_KEY = re.compile(r"^[0-9a-f]{64}$")


def _sorted_keys(keys: Sequence[Any]) -> list[str]:
    if not all(isinstance(k, str) and _KEY.match(k) for k in keys):
        raise refused("card_key_invalid")
    if list(keys) != sorted(set(keys)):
        raise refused("card_keys_unsorted")
    return list(keys)


def upload_batch(
    session: Session,
    conference_id: str,
    keys: Sequence[Any],
    actor: str,
    *,
    claimed_conference: str | None = None,
    claimed_hash: str | None = None,
) -> tuple[CardBatch, str]:
    """Add a batch of card public keys (sorted), before the opening: the batch and its keys'
    hash (told to the uploader, not kept: docs/voting.md "Card batches")."""
    keys = _sorted_keys(keys)
    if not keys or len(keys) > MAX_BATCH:
        raise refused("card_batch_size", max_batch=MAX_BATCH)
    if claimed_conference is not None and claimed_conference != conference_id:
        raise refused("card_batch_foreign")
    list_hash = card_list_hash(keys)
    if claimed_hash is not None and claimed_hash != list_hash:
        raise refused("card_list_hash_mismatch")
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.SETUP, Phase.CHECKIN)
    boxes.of(session, conference)
    known = set(
        session.execute(
            select(Card.key).where(Card.conference_id == conference_id, Card.key.in_(keys))
        ).scalars()
    )
    if known:
        raise refused("card_duplicate", count=len(known))
    number = (
        session.execute(
            select(func.max(CardBatch.number)).where(CardBatch.conference_id == conference_id)
        ).scalar_one()
        or 0
    ) + 1
    batch = CardBatch(conference_id=conference_id, number=number, count=len(keys))
    session.add(batch)
    session.add_all(
        Card(conference_id=conference_id, key=key, batch=number, undealt=False) for key in keys
    )
    events.record(
        session,
        conference,
        "cards.batch",
        actor,
        {"batch": number, "count": len(keys)},
    )
    session.flush()
    return batch, list_hash


def pool_size(session: Session, conference_id: str) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(Card).where(Card.conference_id == conference_id)
        ).scalar_one()
    )


def undealt_count(session: Session, conference_id: str) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(Card)
            .where(Card.conference_id == conference_id, Card.undealt.is_(True))
        ).scalar_one()
    )


def deal(session: Session, conference_id: str, replacement: bool, actor: str) -> BallotBox:
    """One more card left the desk (to a checked-in attendee, or as a replacement for a lost
    card). Which card is never said."""
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.CHECKIN)
    box = boxes.of(session, conference)
    if box.cards_dealt + box.cards_replaced >= pool_size(session, conference_id):
        raise refused("cards_exhausted")
    if replacement:
        box.cards_replaced += 1
        events.record(
            session, conference, "card.replacement", actor, {"replaced": box.cards_replaced}
        )
    else:
        box.cards_dealt += 1
    session.flush()
    return box


def undo(session: Session, conference_id: str, reason: str, actor: str) -> BallotBox:
    """A card was shown to an attendee whose check-in is then undone: the card is out (it stays
    counted as dealt); the organiser's reason is recorded."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > 500:
        raise refused("reason_required.card")
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.CHECKIN)
    box = boxes.of(session, conference)
    if box.cards_undone >= box.cards_dealt + box.cards_replaced:
        raise refused("nothing_to_undo")
    box.cards_undone += 1
    events.record(session, conference, "card.undone", actor, {"reason": reason})
    session.flush()
    return box


def set_undealt(session: Session, conference_id: str, keys: Sequence[Any], actor: str) -> int:
    """A desk returns the keys of its pool it never dealt (sorted); they are voided when voting
    opens. An upload replaces the earlier undealt keys of the batches it touches, so that two
    desks (each with its own batch) each return their own, and a desk may send its list again."""
    keys = _sorted_keys(keys)
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.CHECKIN)
    boxes.of(session, conference)
    found = (
        {
            key: batch
            for key, batch in session.execute(
                select(Card.key, Card.batch).where(
                    Card.conference_id == conference_id, Card.key.in_(keys)
                )
            )
        }
        if keys
        else {}
    )
    if len(found) != len(keys):
        raise refused("card_unknown.keys", count=len(keys) - len(found))
    batches = set(found.values())
    session.execute(
        update(Card)
        .where(Card.conference_id == conference_id, Card.batch.in_(batches))
        .values(undealt=False)
    )
    if keys:
        session.execute(
            update(Card)
            .where(Card.conference_id == conference_id, Card.key.in_(keys))
            .values(undealt=True)
        )
    events.record(
        session,
        conference,
        "cards.undealt",
        actor,
        {"count": len(keys), "batches": sorted(batches)},
    )
    session.flush()
    return len(keys)


def forget_batches(session: Session, conference_id: str) -> None:
    """At the opening, once the undealt cards are known: no card keeps its batch, and the
    table is rewritten in key order so that not even a row number says which batch a card
    came from (a late desk's batch would point at the few cards it dealt: issue 16 item 3)."""
    session.execute(update(Card).where(Card.conference_id == conference_id).values(batch=None))
    rewrite_cards_in_key_order(session, conference_id)


def all_keys(session: Session, conference_id: str) -> tuple[list[str], list[str]]:
    """(every key, the voided keys), each sorted. Undealt cards are void once voting opened."""
    rows = session.execute(
        select(Card.key, Card.undealt).where(Card.conference_id == conference_id).order_by(Card.key)
    ).all()
    conference = session.get(Conference, conference_id)
    opened = conference is not None and conference.phase not in (Phase.SETUP, Phase.CHECKIN)
    aborted = conference is not None and conference.phase == Phase.ABORTED
    voided = [key for key, undealt in rows if aborted or (opened and undealt)]
    return [key for key, _ in rows], voided


class BatchCount(Shape):
    """A batch of card keys and how many it holds."""

    batch: int
    count: int


class Counters(Shape):
    """Card counters and batches (public)."""

    pool: int
    dealt: int
    replaced: int
    undone: int
    undealt: int
    voided: int
    batches: list[BatchCount]
    card_list_hash: str | None = Field(description="Frozen at the opening")


def summary(session: Session, conference: Conference) -> Counters:
    """Public counters: the pool, dealt, replacements, undone, returned undealt and voided."""
    box = boxes.peek(session, conference.id)
    pool = pool_size(session, conference.id)
    undealt = undealt_count(session, conference.id)
    batches = session.execute(
        select(CardBatch).where(CardBatch.conference_id == conference.id).order_by(CardBatch.number)
    ).scalars()
    opened = conference.phase not in (Phase.SETUP, Phase.CHECKIN)
    return Counters(
        pool=pool,
        dealt=box.cards_dealt if box else 0,
        replaced=box.cards_replaced if box else 0,
        undone=box.cards_undone if box else 0,
        undealt=undealt,
        voided=pool if conference.phase == Phase.ABORTED else (undealt if opened else 0),
        batches=[BatchCount(batch=b.number, count=b.count) for b in batches],
        card_list_hash=box.card_list_hash if box else None,
    )
