"""Voting cards: batches of public keys, dealt and replacement counters, undo, the undealt
keys returned at the opening (voting.conference.cards)."""

from __future__ import annotations

from typing import cast

from flask import Blueprint

from voting.conference import cards, casting
from voting.store import Conference
from voting.web.api import replies
from voting.web.api.bodies import CardBatch, Dealt, Reason, UndealtKeys
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.room import push_state
from voting.web.schema import takes

bp = Blueprint("cards", __name__, url_prefix="/api/conferences/<conference_id>/cards")


@bp.get("")
@requires(Action.CARDS_READ)
@answers(cards.Counters)
def summary(conference: Conference) -> cards.Counters:
    """Public counters: pool, dealt, replaced, undone, undealt, voided; the batches."""
    return cards.summary(db(), conference)


@bp.get("/keys")
@requires(Action.CARDS_READ)
@answers(replies.CardKeys)
def keys(conference: Conference) -> replies.CardKeys:
    """Every card key and the voided ones (public keys: committee phones check ballots)."""
    every, voided = cards.all_keys(db(), conference.id)
    return replies.CardKeys(keys=every, voided=voided)


@bp.get("/<card>/status")
@requires(Action.CARDS_READ)
@answers(replies.CardStatus)
def status(conference: Conference, card: str) -> replies.CardStatus:
    """What the card (its public key, hex) can do now: ready, used, voided or unknown."""
    now = casting.card_status(db(), conference, card)
    return replies.CardStatus(card=card, status=cast(replies.CardState, now))


@bp.post("/batches")
@requires(Action.CARDS_UPLOAD)
@takes(CardBatch)
@answers(replies.UploadedBatch)
def upload(conference: Conference, body: CardBatch) -> tuple[replies.UploadedBatch, int]:
    """A batch of sorted keys: `{keys}` from the desk, or `keys.json` of `voting cards`
    (`{conference, keys, card_list_hash}`, both checked)."""
    batch, list_hash = cards.upload_batch(
        db(),
        conference.id,
        body.keys,
        current_principal().actor,
        claimed_conference=body.conference,
        claimed_hash=body.card_list_hash,
    )
    push_state(conference)
    return replies.UploadedBatch(batch=batch.number, count=batch.count, list_hash=list_hash), 201


@bp.post("/dealt")
@requires(Action.CARDS_DEAL)
@takes(Dealt)
@answers(cards.Counters)
def dealt(conference: Conference, body: Dealt) -> cards.Counters:
    """One more card dealt (`{"replacement": true}` for a lost card's replacement)."""
    cards.deal(db(), conference.id, body.replacement, current_principal().actor)
    push_state(conference)
    return cards.summary(db(), conference)


@bp.post("/undo")
@requires(Action.CARDS_UNDO)
@takes(Reason)
@answers(cards.Counters)
def undo(conference: Conference, body: Reason) -> cards.Counters:
    """A dealt card's check-in was undone: the card is out; the reason is recorded."""
    cards.undo(db(), conference.id, body.reason, current_principal().actor)
    push_state(conference)
    return cards.summary(db(), conference)


@bp.put("/undealt")
@requires(Action.CARDS_UPLOAD)
@takes(UndealtKeys)
@answers(cards.Counters)
def undealt(conference: Conference, body: UndealtKeys) -> cards.Counters:
    """The keys never dealt, sorted (replaces an earlier upload); voided at the opening."""
    cards.set_undealt(db(), conference.id, body.keys, current_principal().actor)
    push_state(conference)
    return cards.summary(db(), conference)
