"""The conference's phases and the guarded moves between them (design.md "The conference's
life"). Opening the ballot box (closed → opened) belongs to the tally and is not a move here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voting.conference import conferences, events, opening, quorum
from voting.conference.errors import refused
from voting.store import BallotSection, Conference, Phase, ProcessStep, unit
from voting.store.secrecy import compact

log = logging.getLogger(__name__)
Guard = Callable[[Session, Conference], dict[str, Any]]


def _ready_for_checkin(session: Session, conference: Conference) -> dict[str, int]:
    convened, _ = quorum.count(session, conference.id)
    if convened == 0:
        raise refused("empty_roster")
    sections = session.execute(
        select(func.count(BallotSection.id)).where(BallotSection.conference_id == conference.id)
    ).scalar_one()
    if sections == 0:
        raise refused("no_ballot")
    if conference.committee_size > convened:
        raise refused("committee_too_large", committee_size=conference.committee_size)
    return {"convened": convened}


def _nobody_present(session: Session, conference: Conference) -> dict[str, int]:
    _, present = quorum.count(session, conference.id)
    if present:
        raise refused("already_checked_in", present=present)
    return {}


def _quorum_holds(session: Session, conference: Conference) -> dict[str, Any]:
    # KH 331 B.IV Lưu ý: the conference goes ahead only with 2/3 of the convened present.
    state = quorum.state(session, conference)
    if not state.quorum_met:
        raise refused("quorum_not_met", more_needed=state.more_needed)
    # rules.md "Who is present": convened and present are frozen as the step's bases.
    conference.convened_at_opening, conference.present_at_opening = state.convened, state.present
    # Issue 5: the ceremony is complete, the cards add up, the undealt are void, and the
    # conference fingerprint is frozen (voting.conference.opening).
    frozen = opening.open_box(session, conference)
    return {"convened": state.convened, "present": state.present, **frozen.to_json()}


def _close(session: Session, conference: Conference) -> dict[str, Any]:
    # The final ballot list: its count and hash, the reference for the committee.
    return opening.close_box(session, conference).to_json()


MOVES: dict[tuple[Phase, Phase], Guard] = {
    (Phase.SETUP, Phase.CHECKIN): _ready_for_checkin,
    (Phase.CHECKIN, Phase.SETUP): _nobody_present,
    (Phase.CHECKIN, Phase.VOTING): _quorum_holds,
    (Phase.VOTING, Phase.CLOSED): _close,
}


def change(session: Session, conference_id: str, to: Phase, actor: str) -> Conference:
    """Move the conference to phase `to` if the move exists and its guard holds."""
    conference = conferences.lock(session, conference_id)
    _refuse_on_paper(session, conference)
    now = Phase(conference.phase)
    guard = MOVES.get((now, to))
    if guard is None:
        raise refused(
            "wrong_phase.move",
            now=conferences.PHASE_TITLES[now][0],
            to=conferences.PHASE_TITLES[to][0],
            now_code=now.value,
            to_code=to.value,
        )
    # A guard may freeze something before refusing (the opening's bases): the refusal rolls
    # the unit of work back with it.
    counts = guard(session, conference)
    conference.phase = to
    events.record(
        session, conference, "phase.changed", actor, {"from": now.value, "to": to.value, **counts}
    )
    session.flush()
    if to in (Phase.VOTING, Phase.CLOSED):
        # Guarantee 2: once the cards (opening) or ballots (closing) rewritten in key order are
        # committed, no free page or WAL frame keeps the order before.
        unit.after_commit(session, lambda: compact(session))
    unit.after_commit(
        session,
        lambda: log.info(
            "conference %s: phase %s -> %s by %s", conference.id, now.value, to.value, actor
        ),
    )
    return conference


def _refuse_on_paper(session: Session, conference: Conference) -> None:
    """A planning step has one result: once its counts were entered from paper minutes, its
    electronic conference is not held any more (docs/planning.md "Paper fallback")."""
    if conference.process_id is None:
        return
    step = session.execute(
        select(ProcessStep).where(ProcessStep.conference_id == conference.id)
    ).scalar_one_or_none()
    if step is not None and step.paper:
        on_paper = step.number
        raise refused("step_on_paper", on_paper=on_paper)
