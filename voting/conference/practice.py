"""A practice round before the real vote (docs/voting.md "Practice round"): a conference of its
own, copied from the real one — details, step, committee size, roster (nobody present yet) and
ballot — with its own cards, key ceremony and box. Its result is always shown openly, and
everything about it says "practice"."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from voting.conference import conferences, events
from voting.conference.errors import refused
from voting.store import Attendee, BallotCandidate, BallotSection, Conference, Phase

PREFIX = "Bỏ phiếu thử — "


def create(session: Session, conference_id: str, actor: str) -> Conference:
    """The practice round of `conference_id`, in set-up (the organiser opens check-in)."""
    real = conferences.lock(session, conference_id)
    if real.practice_of is not None:
        raise refused("already_practice")
    conferences.require_phase(real, Phase.SETUP, Phase.CHECKIN)
    practice = Conference(
        id=secrets.token_hex(16),
        rule_set_name=real.rule_set_name,
        rule_set_hash=real.rule_set_hash,
        rule_set_content=dict(real.rule_set_content),
        procedure=real.procedure,
        step_number=real.step_number,
        tier=real.tier,
        ballot_kind=real.ballot_kind,
        title=(PREFIX + real.title)[:300],
        held_on=real.held_on,
        place=real.place,
        phase=Phase.SETUP,
        committee_size=real.committee_size,
        committee_threshold=real.committee_threshold,
        revision=0,
        practice_of=real.id,
    )
    session.add(practice)
    session.flush()
    for attendee in real.attendees:
        session.add(
            Attendee(
                conference_id=practice.id,
                ref=attendee.ref,
                source=attendee.source,
                full_name=attendee.full_name,
                sex=attendee.sex,
                post=attendee.post,
                unit=attendee.unit,
                present=False,
            )
        )
    for section in real.sections:
        copy = BallotSection(
            conference_id=practice.id,
            number=section.number,
            position=section.position,
            quota=section.quota,
        )
        copy.candidates = [
            BallotCandidate(
                number=c.number,
                full_name=c.full_name,
                post=c.post,
                unit=c.unit,
                person_ref=c.person_ref,
            )
            for c in section.candidates
        ]
        session.add(copy)
    events.record(
        session,
        practice,
        "conference.created",
        actor,
        {"practice_of": real.id, "title": practice.title, "step": practice.step_number},
    )
    events.record(session, real, "practice.created", actor, {"practice": practice.id})
    session.flush()
    return practice
