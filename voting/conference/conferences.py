"""Creating a conference from a step of a rule set, reading it, and the lock every change takes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from voting import canonical
from voting.conference import events
from voting.conference.errors import refused
from voting.rules import KH331, RuleSet, RuleSetError, Step, rule_set_from_mapping
from voting.store import Conference, Phase
from voting.translations import texts

# design.md "Committee keys": t of n, default 2 of 3; the counting committee has 3–5 members.
COMMITTEE_SIZES = range(3, 6)
MIN_THRESHOLD = 2
# A phase as a refusal and the API name it (Vietnamese, English), the catalogue's texts.
PHASE_TITLES = {
    Phase.SETUP: texts("conference.phase.setup"),
    Phase.CHECKIN: texts("conference.phase.checkin"),
    Phase.VOTING: texts("conference.phase.voting"),
    Phase.CLOSED: texts("conference.phase.closed"),
    Phase.OPENED: texts("conference.phase.opened"),
    Phase.ABORTED: texts("conference.phase.aborted"),
}


@dataclass(frozen=True)
class Details:
    """What the organiser types about a conference."""

    title: str
    held_on: date
    place: str


@dataclass(frozen=True)
class Committee:
    """The counting committee's size n and threshold t (any t of the n open the box)."""

    size: int = 3
    threshold: int = 2


def get(session: Session, conference_id: str) -> Conference:
    """The conference, or NotFound."""
    conference = session.get(Conference, conference_id)
    if conference is None:
        raise refused("not_found.conference", conference_id=conference_id)
    return conference


def lock(session: Session, conference_id: str) -> Conference:
    """Take the conference's write lock and read it fresh. Every change starts here, first in
    its transaction: the UPDATE is a row lock on PostgreSQL and the database write lock on
    SQLite, so the event chain and the counts are never raced."""
    bumped = session.execute(
        update(Conference)
        .where(Conference.id == conference_id)
        .values(revision=Conference.revision + 1)
    )
    if getattr(bumped, "rowcount", 0) != 1:
        raise refused("not_found.conference", conference_id=conference_id)
    conference = session.get(Conference, conference_id, populate_existing=True)
    assert conference is not None
    return conference


def unchanged(session: Session, conference: Conference) -> None:
    """A change that turned out to be none (a retried tap or message) after `lock`: the bump is
    undone, so the revision still says nothing changed. The lock stays until the unit of work
    ends; rolling back here would undo the caller's other changes too."""
    conference.revision -= 1
    session.flush()


def every(session: Session) -> list[Conference]:
    """All conferences, newest first."""
    return list(
        session.execute(
            select(Conference).order_by(Conference.created_at.desc(), Conference.id)
        ).scalars()
    )


def rule_set_of(conference: Conference) -> RuleSet:
    """The rule set embedded in the conference, checked against the hash recorded with it."""
    return _rule_set(conference.rule_set_hash, canonical.dumps(conference.rule_set_content))


def step_of(conference: Conference) -> Step:
    """The step of the rule set this conference holds."""
    return rule_set_of(conference).step(conference.procedure, conference.step_number)


@lru_cache(maxsize=16)
def _rule_set(expected_hash: str, content: bytes) -> RuleSet:
    rule_set = rule_set_from_mapping(canonical.loads(content), origin="conference")
    if rule_set.hash != expected_hash:
        raise RuleSetError(f"embedded rule set hashes to {rule_set.hash}, not {expected_hash}")
    return rule_set


def require_phase(conference: Conference, *phases: Phase) -> None:
    """Refuse unless the conference is in one of `phases`."""
    if conference.phase not in phases:
        now_vi, now_en = PHASE_TITLES[Phase(conference.phase)]
        or_vi, or_en = texts("conference.phase.or")
        wanted_vi = or_vi.join(f"“{PHASE_TITLES[p][0]}”" for p in phases)
        wanted_en = or_en.join(PHASE_TITLES[p][1] for p in phases)
        raise refused(
            "wrong_phase", now_vi=now_vi, now_en=now_en, wanted_vi=wanted_vi, wanted_en=wanted_en
        )


def create(
    session: Session,
    *,
    procedure: str,
    step_number: int,
    tier: str,
    details: Details,
    committee: Committee,
    actor: str,
    rule_set: RuleSet = KH331,
) -> Conference:
    """A new conference in set-up for one step of `rule_set` that holds a secret ballot."""
    try:
        step = rule_set.step(procedure, step_number)
    except RuleSetError as error:
        raise refused(
            "unknown_step",
            rule_set=rule_set.name,
            step_number=step_number,
            procedure=procedure,
            error=error,
        ) from error
    if step.ballot == "none" or not step.composition:
        raise refused("no_ballot_step", title=step.title, title_en=step.title_en)
    if tier not in rule_set.tiers:
        known = ", ".join(rule_set.tiers)
        raise refused("unknown_tier", tier=tier, known=known)
    _check_details(details)
    _check_committee(committee)
    conference = Conference(
        id=secrets.token_hex(16),
        rule_set_name=rule_set.name,
        rule_set_hash=rule_set.hash,
        rule_set_content=dict(rule_set.content),
        procedure=procedure,
        step_number=step_number,
        tier=tier,
        ballot_kind=step.ballot,
        title=details.title,
        held_on=details.held_on,
        place=details.place,
        phase=Phase.SETUP,
        committee_size=committee.size,
        committee_threshold=committee.threshold,
        revision=0,
    )
    session.add(conference)
    session.flush()
    events.record(
        session,
        conference,
        "conference.created",
        actor,
        {
            "rule_set": rule_set.name,
            "rule_set_hash": rule_set.hash,
            "procedure": procedure,
            "step": step_number,
            "tier": tier,
            **_details_data(details),
            "committee_size": committee.size,
            "committee_threshold": committee.threshold,
        },
    )
    return conference


def update_details(
    session: Session,
    conference_id: str,
    *,
    details: Details,
    committee: Committee,
    actor: str,
) -> Conference:
    """Change the title, date, place or committee, in set-up only."""
    _check_details(details)
    _check_committee(committee)
    conference = lock(session, conference_id)
    require_phase(conference, Phase.SETUP)
    conference.title, conference.held_on, conference.place = (
        details.title,
        details.held_on,
        details.place,
    )
    conference.committee_size, conference.committee_threshold = (
        committee.size,
        committee.threshold,
    )
    events.record(
        session,
        conference,
        "conference.updated",
        actor,
        {
            **_details_data(details),
            "committee_size": committee.size,
            "committee_threshold": committee.threshold,
        },
    )
    session.flush()
    return conference


def _details_data(details: Details) -> dict[str, str]:
    return {
        "title": details.title,
        "held_on": details.held_on.isoformat(),
        "place": details.place,
    }


def _check_details(details: Details) -> None:
    for value, name in (
        (details.title, "conference.field.title"),
        (details.place, "conference.field.place"),
    ):
        if not value.strip() or len(value) > 300:
            name_vi, name_en = texts(name)
            raise refused("invalid_input.details", name_vi=name_vi, name_en=name_en)


def _check_committee(committee: Committee) -> None:
    if committee.size not in COMMITTEE_SIZES:
        raise refused("invalid_committee.size")
    if not MIN_THRESHOLD <= committee.threshold <= committee.size:
        raise refused("invalid_committee.threshold", low=MIN_THRESHOLD, high=committee.size)
