"""The threshold decisions and the final step's selection as the record holds them: plain data
computed by the rules engine from the counts, so the verifier recomputes them the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from voting.crypto.ballot import BallotDefinition
from voting.rules import HeadDecision, Step, evaluate, select

Counts = Mapping[str, Mapping[str, int]]


def evaluation(step: Step, counts: Counts, present: int, convened: int) -> dict[str, Any]:
    """Section → candidate → the agree count, its base (named and counted), the exact share
    "n/d" and whether it passes: what the minutes print, never a float."""
    result: dict[str, Any] = {}
    for section, agrees in counts.items():
        result[section] = {}
        for candidate, agree in agrees.items():
            e = evaluate(step, agree, present, convened)
            result[section][candidate] = {
                "agree": e.agree,
                "base": e.base,
                "base_count": e.base_count,
                "share": f"{e.share.numerator}/{e.share.denominator}",
                "passed": e.passed,
            }
    return result


def decision_of(data: Mapping[str, Any]) -> HeadDecision | None:
    """The head's decision as the record holds it (`decision` key; empty when none)."""
    if not data:
        return None
    return HeadDecision(
        chosen={p: list(c) for p, c in data["chosen"].items()},
        decided_by=data["decided_by"],
        decided_at=data["decided_at"],
        note=data["note"],
    )


def decision_data(decision: HeadDecision | None) -> dict[str, Any]:
    """The `decision` key of a record: empty when the head decided nothing (JSON has no null
    in canonical form)."""
    if decision is None:
        return {}
    return {
        "chosen": {p: list(c) for p, c in decision.chosen.items()},
        "decided_by": decision.decided_by,
        "decided_at": decision.decided_at,
        "note": decision.note,
    }


def selection(
    step: Step,
    definition: BallotDefinition,
    counts: Counts,
    present: int,
    convened: int,
    decision: HeadDecision | None,
) -> dict[str, Any]:
    """At a step that fills quotas: who is chosen, the boundary ties and over-cap cadres left to
    the head, the open places, and whether it is complete (with the head's decision applied);
    empty at any other step."""
    if not step.fills_quota:
        return {}
    quotas = {section.id: section.quota for section in definition.sections}
    chosen = select(step, counts, quotas, present, convened, decision=decision)
    return {
        "chosen": chosen.chosen,
        "ties": {p: {"places": n, "among": c} for p, (n, c) in chosen.ties.items()},
        "over_cap": chosen.over_cap,
        "open_places": chosen.open_places,
        "contested": chosen.contested,
        "complete": chosen.complete,
    }
