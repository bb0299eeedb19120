"""The conditions checked before the list is submitted and approved, and the head's override.

KH 331 A.I: "Không đề xuất, phê duyệt quy hoạch những trường hợp không bảo đảm tiêu chuẩn,
điều kiện theo quy định"; B.II.3: a disciplined cadre leaves the planning of itself. So a cadre
the final step chose who fails the conditions for the position (too few months for the term,
deceased, over age, discipline in force on the day, political standard, a post that is no
source for the position) stops the submission and the approval. Only the head's recorded
decision, with a reason, lets such a cadre through; the dossier and the published list then
say so beside the cadre.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from voting.conference.errors import refused
from voting.planning import log
from voting.planning.lists import EligibilityReason
from voting.planning.processes import RULES, lock, registry_people
from voting.planning.state import HeadOverride, outcome_of
from voting.rules.eligibility import (
    PersonEligibility,
    Reason,
    eligibility,
    removal_reasons,
    term_kind,
)
from voting.rules.people import Person
from voting.shape import Shape
from voting.store import Process, ProcessStatus, utc_text
from voting.translations import texts

_MISSING = Reason.of("not_in_registry", texts("reason.not_in_registry"))


class Unmet(Shape):
    """A chosen cadre who fails the conditions for the position, why, and the head's override
    when one is recorded."""

    cadre: str
    full_name: str
    position: str
    reasons: list[EligibilityReason]
    override: HeadOverride | None


def unmet(session: Session, process: Process, on: date) -> list[Unmet]:
    """Each chosen cadre of the outcome who fails the conditions for the position: months and
    standing as of the process's reference month and term, a discipline or death also as of
    the day `on`; with the head's override when one is recorded."""
    outcome = outcome_of(process)
    if outcome is None:
        return []
    people = {person.id: person for person in registry_people(session)}
    chosen = [(section.position, cadre) for section in outcome.planned for cadre in section.cadres]
    known = [people[c.cadre] for _, c in chosen if c.cadre in people]
    report = {
        item.person.id: item
        for item in eligibility(
            list({p.id: p for p in known}.values()),
            process.reference,
            term_kind(process.procedure, process.reference, process.term_start),
            process.term_start,
            rule_set=RULES,
        ).people
    }
    overrides = overridden(process)
    out = []
    for position, cadre in chosen:
        reasons = _reasons(people.get(cadre.cadre), position, report, on)
        if reasons:
            out.append(
                Unmet(
                    cadre=cadre.cadre,
                    full_name=cadre.full_name,
                    position=position,
                    reasons=[EligibilityReason.of(reason) for reason in reasons],
                    override=overrides.get((position, cadre.cadre)),
                )
            )
    return out


def require_met(session: Session, process: Process, on: date, *, approving: bool) -> None:
    """Refuse (409 `conditions_unmet`) while a chosen cadre fails the conditions without the
    head's override, naming each cadre and why."""
    blocked = [u for u in unmet(session, process, on) if u.override is None]
    if not blocked:
        return
    vi = "; ".join(
        f"{u.full_name} ({u.position}): {', '.join(r.vi for r in u.reasons)}" for u in blocked
    )
    en = "; ".join(
        f"{u.cadre} ({u.position}): {', '.join(r.en for r in u.reasons)}" for u in blocked
    )
    if approving:
        raise refused("conditions_unmet.approve", unmet_vi=vi, unmet_en=en)
    raise refused("conditions_unmet.submit", unmet_vi=vi, unmet_en=en)


def override(
    session: Session,
    process_id: str,
    cadre: str,
    position: str,
    reason: str,
    actor: str,
    on: date,
) -> Process:
    """The head's decision to put forward a chosen cadre who fails the conditions, with the
    reason; recorded in the outcome and the log, and flagged on every list printed after.
    `on` is the room's date, the day the conditions are checked on."""
    process = lock(session, process_id)
    outcome = outcome_of(process)
    if outcome is None or process.status == ProcessStatus.APPROVED:
        raise refused("no_outcome.override")
    reason = reason.strip()
    if len(reason) < 10 or len(reason) > 1000:
        raise refused("reason_required.decision")
    found = next(
        (u for u in unmet(session, process, on) if u.cadre == cadre and u.position == position),
        None,
    )
    if found is None:
        raise refused("nothing_to_override")
    if found.override is not None:
        raise refused("already_recorded.decision")
    record = HeadOverride(
        cadre=cadre,
        full_name=found.full_name,
        position=position,
        reason=reason,
        unmet=[r.vi for r in found.reasons],
        by=actor,
        at=utc_text(datetime.now(UTC)),
    )
    process.outcome = outcome.model_copy(
        update={"overrides": [*outcome.overrides, record]}
    ).to_json()
    log.record(session, process, "outcome.override", actor, record.to_json())
    session.flush()
    return process


def overridden(process: Process) -> dict[tuple[str, str], HeadOverride]:
    """(position, cadre) → the head's override, for the lists that flag it."""
    outcome = outcome_of(process)
    return {(o.position, o.cadre): o for o in (outcome.overrides if outcome else [])}


def _reasons(
    person: Person | None, position: str, report: Mapping[str, PersonEligibility], on: date
) -> list[Reason]:
    if person is None:
        return [_MISSING]
    kind = RULES.position_for(position)
    verdict = report[person.id]
    check = next((c for c in verdict.positions if kind and c.position == kind.key), None)
    if check is not None:
        reasons = list(check.reasons)
    else:
        reasons = [
            *verdict.general,
            Reason.of(
                "not_a_source",
                texts("reason.not_a_source.listed", post=person.post, position=position),
            ),
        ]
    codes = {reason.code for reason in reasons}
    reasons += [r for r in removal_reasons(person, on, RULES, on=on) if r.code not in codes]
    return reasons
