"""Who sits on the counting committee, by name: the organiser types each seat's member on the
console, and the count minutes print the names beside the seats' keys and under the signature
boxes (a committee phone proves a seat's key, not who held it). Kept apart from the seats'
join codes, which issuing codes again makes anew."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from voting.conference import conferences, events
from voting.conference.errors import refused
from voting.store import CommitteeMember, Conference

NAME_LIMIT = 200


def name(session: Session, conference_id: str, names: Mapping[int, str], actor: str) -> None:
    """Set the names of the seats in `names` (seat number → full name; an empty name clears the
    seat's). Refused, changing nothing, for a seat outside the committee or a name over 200
    characters."""
    cleaned = {member: " ".join(text.split()) for member, text in names.items()}
    conference = conferences.lock(session, conference_id)
    outside = sorted(m for m in cleaned if not 1 <= m <= conference.committee_size)
    if outside:
        raise refused(
            "committee_member_unknown",
            committee_size=conference.committee_size,
            members=", ".join(map(str, outside)),
        )
    long = sorted(m for m, text in cleaned.items() if len(text) > NAME_LIMIT)
    if long:
        raise refused(
            "committee_name_too_long", name_limit=NAME_LIMIT, members=", ".join(map(str, long))
        )
    session.execute(
        delete(CommitteeMember).where(
            CommitteeMember.conference_id == conference_id,
            CommitteeMember.member.in_(list(cleaned)),
        )
    )
    session.add_all(
        CommitteeMember(conference_id=conference_id, member=member, full_name=text)
        for member, text in cleaned.items()
        if text
    )
    events.record(
        session,
        conference,
        "committee.named",
        actor,
        {"names": {str(member): text for member, text in sorted(cleaned.items())}},
    )
    session.flush()


def names(session: Session, conference: Conference) -> tuple[str, ...]:
    """The name of each seat, member 1 first, "" for a seat nobody named: as many as the
    committee has members."""
    named = {
        seat.member: seat.full_name
        for seat in session.execute(
            select(CommitteeMember).where(CommitteeMember.conference_id == conference.id)
        ).scalars()
    }
    return tuple(named.get(member, "") for member in range(1, conference.committee_size + 1))
