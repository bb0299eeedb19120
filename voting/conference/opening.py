"""Opening and closing the vote, and aborting it (docs/voting.md "Opening", "Closing").

The phase moves of `voting.conference.phases` call `open_box` and `close_box` as part of their
guards, under the conference's lock, in the same transaction as the move."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference import box as boxes
from voting.conference import cards, conferences, events
from voting.conference.errors import refused
from voting.crypto.ballot import BallotContext, ballot_list_hash, conference_fingerprint
from voting.crypto.cards import card_list_hash
from voting.shape import Shape
from voting.store import BallotBox, CastBallot, Conference, Phase, unit
from voting.store.secrecy import compact, rewrite_ballots_in_hash_order


class FrozenAtOpening(Shape):
    """The cards and the fingerprint the opening froze (logged with the phase change)."""

    cards: int
    dealt: int
    replaced: int
    voided: int
    fingerprint: str
    card_list_hash: str


def open_box(session: Session, conference: Conference) -> FrozenAtOpening:
    """Everything the opening freezes besides convened and present (already frozen by the
    caller): the ceremony must be complete and the cards must add up; the undealt cards are
    then void, and the conference fingerprint is computed over the whole card list."""
    box = boxes.of(session, conference)
    transcript = boxes.transcript(box)
    pool = cards.pool_size(session, conference.id)
    if pool == 0:
        raise refused("no_cards")
    undealt = cards.undealt_count(session, conference.id)
    dealt = box.cards_dealt + box.cards_replaced
    if pool - undealt != dealt:
        raise refused(
            "cards_mismatch", pool=pool, undealt=undealt, expected=pool - undealt, dealt=dealt
        )
    assert conference.convened_at_opening is not None
    assert conference.present_at_opening is not None
    _cards_within_present(box, conference.present_at_opening)
    cards.forget_batches(session, conference.id)
    keys, _ = cards.all_keys(session, conference.id)
    box.fingerprint = conference_fingerprint(
        conference.id,
        rule_set=conference.rule_set_name,
        rule_set_hash=conference.rule_set_hash,
        procedure=conference.procedure,
        step=conference.step_number,
        definition=boxes.definition(session, conference.id),
        card_keys=keys,
        joint_key=transcript.joint_key,
        convened=conference.convened_at_opening,
        present=conference.present_at_opening,
    )
    box.card_list_hash = card_list_hash(keys)
    return FrozenAtOpening(
        cards=pool,
        dealt=box.cards_dealt,
        replaced=box.cards_replaced,
        voided=undealt,
        fingerprint=box.fingerprint,
        card_list_hash=box.card_list_hash,
    )


def _cards_within_present(box: BallotBox, present: int) -> None:
    """Cards out may not exceed the people who can hold one: dealt (replacements included)
    less undone ≤ present + replacements. A surplus card could fill an abstainer's place up to
    the cap of `ballots ≤ present` (issue 16 item 11)."""
    out = box.cards_dealt + box.cards_replaced - box.cards_undone
    if out > present + box.cards_replaced:
        raise refused(
            "cards_exceed_present",
            out=out,
            cards_replaced=box.cards_replaced,
            cards_undone=box.cards_undone,
            present=present,
        )


def context(session: Session, conference: Conference) -> BallotContext:
    """What ballots of this opened conference are built and verified against."""
    box = boxes.peek(session, conference.id)
    if box is None or box.fingerprint is None:
        raise refused("voting_not_open")
    return _context(
        conference.id,
        box.fingerprint,
        boxes.transcript(box).joint_key.hex(),
        session,
    )


# Opened contexts by (conference, fingerprint): a fingerprint never changes once frozen.
_CACHE_SIZE = 16
_CONTEXTS: dict[tuple[str, str], BallotContext] = {}


def _context(conference_id: str, fingerprint: str, joint: str, session: Session) -> BallotContext:
    cached = _CONTEXTS.get((conference_id, fingerprint))
    if cached is None:
        box = boxes.peek(session, conference_id)
        assert box is not None
        cached = BallotContext(
            conference_id,
            fingerprint,
            boxes.definition(session, conference_id),
            boxes.transcript(box).joint_key,
        )
        assert cached.joint_key.hex() == joint
        if len(_CONTEXTS) >= _CACHE_SIZE:
            _CONTEXTS.pop(next(iter(_CONTEXTS)))
        _CONTEXTS[(conference_id, fingerprint)] = cached
    return cached


def ballot_hashes(session: Session, conference_id: str) -> list[str]:
    """Every cast ballot's hash, in hash order."""
    return list(
        session.execute(
            select(CastBallot.hash)
            .where(CastBallot.conference_id == conference_id)
            .order_by(CastBallot.hash)
        ).scalars()
    )


class FrozenAtClosing(Shape):
    """The final ballot list's count and hash (logged with the phase change)."""

    ballots: int
    ballot_list_hash: str


def close_box(session: Session, conference: Conference) -> FrozenAtClosing:
    """Freeze the final ballot list: its count and hash are what the committee must match;
    the ballots table is rewritten in hash order (`voting.store.secrecy`), the caller compacts
    the file once this is committed."""
    box = boxes.of(session, conference)
    rewrite_ballots_in_hash_order(session, conference.id)
    hashes = ballot_hashes(session, conference.id)
    box.final_count, box.final_list_hash = len(hashes), ballot_list_hash(hashes)
    return FrozenAtClosing(ballots=box.final_count, ballot_list_hash=box.final_list_hash)


def minimum(conference: Conference) -> int:
    """The fewest ballots the box may be opened with: the rule set's `min_ballots_to_open`,
    0 at a practice round (it has no secret to keep)."""
    if conference.practice_of is not None:
        return 0
    return conferences.rule_set_of(conference).min_ballots_to_open


def require_minimum(conference: Conference, box: BallotBox) -> None:
    """The box opens only with the rule set's minimum of ballots (`min_ballots_to_open`): its
    totals would tell how each of so few voters voted. Below it the committee is told why, and
    the step is held on paper (the organiser aborts the electronic vote)."""
    least, count = minimum(conference), box.final_count or 0
    if count < least:
        raise refused("box_below_minimum", count=count, least=least)


def abort(session: Session, conference_id: str, reason: str, actor: str) -> Conference:
    """Stop the vote with a reason: every card is void, nothing is ever decrypted."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > 500:
        raise refused("reason_required.abort")
    conference = conferences.lock(session, conference_id)
    conferences.require_phase(conference, Phase.CHECKIN, Phase.VOTING, Phase.CLOSED)
    box = boxes.of(session, conference)
    box.aborted_reason = reason
    rewrite_ballots_in_hash_order(session, conference_id)
    previous = conference.phase
    conference.phase = Phase.ABORTED
    events.record(
        session,
        conference,
        "vote.aborted",
        actor,
        {
            "from": previous,
            "reason": reason,
            "ballots": len(ballot_hashes(session, conference_id)),
            "cards_voided": cards.pool_size(session, conference_id),
        },
    )
    session.flush()
    # Guarantee 2: once the rewrite is committed, no free page or WAL frame keeps the order.
    unit.after_commit(session, lambda: compact(session))
    return conference
