"""Voting cards: batches of public keys, dealt and replacement counters, undo, the undealt
keys returned at the opening (voting.conference.cards)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from voting.conference import cards, casting
from voting.store import Conference
from voting.web import parse
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.room import push_state

bp = Blueprint("cards", __name__, url_prefix="/api/conferences/<conference_id>/cards")


def _keys(data: dict[str, Any]) -> list[Any]:
    keys = data.get("keys")
    if not isinstance(keys, list):
        raise parse.bad("keys", "phải là danh sách khóa thẻ", "must be a list of card keys")
    return keys


@bp.get("")
@requires(Action.CARDS_READ)
def summary(conference: Conference) -> dict[str, Any]:
    """Public counters: pool, dealt, replaced, undone, undealt, voided; the batches."""
    return cards.summary(db(), conference)


@bp.get("/keys")
@requires(Action.CARDS_READ)
def keys(conference: Conference) -> dict[str, Any]:
    """Every card key and the voided ones (public keys: committee phones check ballots)."""
    every, voided = cards.all_keys(db(), conference.id)
    return {"keys": every, "voided": voided}


@bp.get("/<card>/status")
@requires(Action.CARDS_READ)
def status(conference: Conference, card: str) -> dict[str, Any]:
    """What the card (its public key, hex) can do now: ready, used, voided or unknown."""
    return {"card": card, "status": casting.card_status(db(), conference, card)}


@bp.post("/batches")
@requires(Action.CARDS_UPLOAD)
def upload(conference: Conference) -> tuple[dict[str, Any], int]:
    """A batch of sorted keys: `{keys}` from the desk, or `keys.json` of `voting cards`
    (`{conference, keys, card_list_hash}`, both checked)."""
    data = parse.body()
    batch, list_hash = cards.upload_batch(
        db(),
        conference.id,
        _keys(data),
        current_principal().actor,
        claimed_conference=parse.optional_text(data, "conference"),
        claimed_hash=parse.optional_text(data, "card_list_hash"),
    )
    push_state(conference)
    return {"batch": batch.number, "count": batch.count, "list_hash": list_hash}, 201


@bp.post("/dealt")
@requires(Action.CARDS_DEAL)
def dealt(conference: Conference) -> dict[str, Any]:
    """One more card dealt (`{"replacement": true}` for a lost card's replacement)."""
    data = parse.body()
    replacement = data.get("replacement", False)
    if not isinstance(replacement, bool):
        raise parse.bad("replacement", "phải là true hoặc false", "must be a boolean")
    cards.deal(db(), conference.id, replacement, current_principal().actor)
    push_state(conference)
    return cards.summary(db(), conference)


@bp.post("/undo")
@requires(Action.CARDS_UNDO)
def undo(conference: Conference) -> dict[str, Any]:
    """A dealt card's check-in was undone: the card is out; the reason is recorded."""
    cards.undo(db(), conference.id, parse.text(parse.body(), "reason"), current_principal().actor)
    push_state(conference)
    return cards.summary(db(), conference)


@bp.put("/undealt")
@requires(Action.CARDS_UPLOAD)
def undealt(conference: Conference) -> dict[str, Any]:
    """The keys never dealt, sorted (replaces an earlier upload); voided at the opening."""
    cards.set_undealt(db(), conference.id, _keys(parse.body()), current_principal().actor)
    push_state(conference)
    return cards.summary(db(), conference)
