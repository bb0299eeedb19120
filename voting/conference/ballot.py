"""The ballot editor: sections per position with candidates and a quota, or a removal ballot.

rules.md "Ballots": one section per position; the voter marks agree for at most the section's
quota (the places open, at most the rule set's cadres per position). A removal ballot lists
planned cadres, each agreed to removal or not on its own, so its sections carry no quota.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from sqlalchemy.orm import Session

from voting.conference import conferences, events
from voting.conference.errors import Problem, problem, refused
from voting.conference.search import fold
from voting.shape import Absent, Shape, absent
from voting.store import BallotCandidate, BallotSection, Conference, Phase


@dataclass(frozen=True)
class CandidateInput:
    """A candidate as the organiser enters it; `person_ref` links a person of the registry."""

    full_name: str
    post: str
    unit: str
    person_ref: str | None = None


@dataclass(frozen=True)
class SectionInput:
    """A section as entered; `quota` None takes the default (see `default_quota`)."""

    position: str
    candidates: tuple[CandidateInput, ...]
    quota: int | None = None


def default_quota(conference: Conference, candidates: int) -> int:
    """Quota K defaults to the rule set's cadres per position (3), or fewer when fewer stand."""
    limit = conferences.rule_set_of(conference).max_cadres_per_position
    return max(1, min(limit, candidates))


def replace(
    session: Session, conference_id: str, sections: Sequence[SectionInput], actor: str
) -> list[BallotSection]:
    """Replace the whole ballot, in set-up only; every fault is reported at once. A step of a
    planning process takes its ballot from the process alone (no one is added later in the
    chain, issue 7)."""
    conference = conferences.lock(session, conference_id)
    if conference.process_id is not None:
        raise refused("ballot_from_process")
    return _store(session, conference, sections, actor)


def set_for_process(
    session: Session,
    conference_id: str,
    sections: Sequence[SectionInput],
    held_positions: dict[str, int],
    actor: str,
) -> list[BallotSection]:
    """The ballot a planning process passes on, with the positions each cadre already holds
    (the final step's cap counts them)."""
    conference = conferences.lock(session, conference_id)
    conference.held_positions = dict(held_positions)
    return _store(session, conference, sections, actor)


def _store(
    session: Session, conference: Conference, sections: Sequence[SectionInput], actor: str
) -> list[BallotSection]:
    conference_id = conference.id
    conferences.require_phase(conference, Phase.SETUP)
    problems = _problems(conference, sections)
    if problems:
        raise refused("invalid_ballot", count=len(problems), problems=problems)
    # Through the ORM, not a bulk DELETE: the session may still hold the old rows.
    conference.sections.clear()
    session.flush()
    stored = [
        BallotSection(
            conference_id=conference_id,
            number=number,
            position=" ".join(section.position.split()),
            quota=_quota(conference, section),
            candidates=[
                BallotCandidate(
                    number=index,
                    full_name=" ".join(c.full_name.split()),
                    post=c.post.strip(),
                    unit=c.unit.strip(),
                    person_ref=c.person_ref or None,
                )
                for index, c in enumerate(section.candidates, start=1)
            ],
        )
        for number, section in enumerate(sections, start=1)
    ]
    conference.sections.extend(stored)
    session.flush()
    events.record(session, conference, "ballot.set", actor, describe(conference).to_json())
    session.flush()
    return stored


Kind = Literal["candidates", "removal"]


class Candidate(Shape):
    """A candidate on the ballot."""

    number: int
    full_name: str
    post: str
    unit: str
    person_ref: str | Absent = absent()


class Section(Shape):
    """A section of the ballot: one position."""

    number: int
    position: str
    quota: int | Absent = absent("Candidate ballots only")
    candidates: list[Candidate]


class Ballot(Shape):
    """The ballot of a conference."""

    kind: Kind
    sections: list[Section]


def describe(conference: Conference) -> Ballot:
    """The ballot (canonical: a removal section has no `quota`, a candidate outside the
    registry no `person_ref`)."""
    return Ballot(
        kind=cast(Kind, conference.ballot_kind),  # the shape checks the stored text
        sections=[
            Section(
                number=section.number,
                position=section.position,
                quota=section.quota,
                candidates=[
                    Candidate(
                        number=c.number,
                        full_name=c.full_name,
                        post=c.post,
                        unit=c.unit,
                        person_ref=c.person_ref or None,
                    )
                    for c in section.candidates
                ],
            )
            for section in conference.sections
        ],
    )


def _quota(conference: Conference, section: SectionInput) -> int | None:
    if conference.ballot_kind == "removal":
        return None
    if section.quota is None:
        return default_quota(conference, len(section.candidates))
    return section.quota


def _problems(conference: Conference, sections: Sequence[SectionInput]) -> list[Problem]:
    if not sections:
        return [problem("ballot.no_section", {})]
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    limit = conferences.rule_set_of(conference).max_cadres_per_position
    for number, section in enumerate(sections, start=1):
        where = {"section": number}
        title = fold(section.position)
        if not title or len(section.position) > 300:
            problems.append(problem("ballot.position_length", where))
        elif title in positions:
            problems.append(problem("ballot.position_repeated", where, first=positions[title]))
        positions.setdefault(title, number)
        problems += _candidate_problems(number, section.candidates)
        problems += _quota_problems(conference, number, section, limit)
    return problems


def _candidate_problems(section: int, candidates: Sequence[CandidateInput]) -> list[Problem]:
    if not candidates:
        return [problem("ballot.no_candidate", {"section": section})]
    problems: list[Problem] = []
    seen: dict[tuple[str, ...], int] = {}
    for index, candidate in enumerate(candidates, start=1):
        where = {"section": section, "candidate": index}
        fields = (candidate.full_name, candidate.post, candidate.unit)
        if not all(field.strip() for field in fields) or max(map(len, fields)) > 200:
            problems.append(problem("ballot.candidate_fields", where))
            continue
        key = (
            ("ref", candidate.person_ref)
            if candidate.person_ref
            else tuple(fold(field) for field in fields)
        )
        if key in seen:
            problems.append(problem("ballot.candidate_repeated", where, first=seen[key]))
        seen.setdefault(key, index)
    return problems


def _quota_problems(
    conference: Conference, number: int, section: SectionInput, limit: int
) -> list[Problem]:
    where = {"section": number}
    if conference.ballot_kind == "removal":
        if section.quota is None:
            return []
        return [problem("ballot.removal_quota", where)]
    if section.quota is None or not section.candidates:
        return []
    highest = min(limit, len(section.candidates))
    if not 1 <= section.quota <= highest:
        return [problem("ballot.quota_range", where, highest=highest)]
    return []
