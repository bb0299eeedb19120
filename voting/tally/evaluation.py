"""The threshold decisions and the final step's selection as the record holds them: plain data
computed by the rules engine from the counts, so the verifier recomputes them the same way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from voting.crypto.ballot import BallotDefinition
from voting.json_shapes import JsonObject
from voting.rules import HeadDecision, Selection, Step, evaluate, select
from voting.tally.shapes import Evaluated, Evaluation, Position
from voting.tally.versions import FORMAT_VERSION

Counts = Mapping[str, Mapping[str, int]]
# Section → candidate id → the cadre it is: a cadre standing in several sections has one
# identity, which the 3-positions cap counts (the registry id; else the candidate id).
Cadres = Mapping[str, Mapping[str, str]]


def evaluation(step: Step, counts: Counts, present: int, convened: int) -> Evaluation:
    """Section → candidate → the agree count, its base (named and counted), the exact share
    "n/d" and whether it passes: what the minutes print, never a float."""
    result: Evaluation = {}
    for section, agrees in counts.items():
        result[section] = {}
        for candidate, agree in agrees.items():
            e = evaluate(step, agree, present, convened)
            result[section][candidate] = Evaluated(
                agree=e.agree,
                base=e.base,
                base_count=e.base_count,
                share=f"{e.share.numerator}/{e.share.denominator}",
                passed=e.passed,
            )
    return result


def evaluation_data(evaluated: Evaluation) -> JsonObject:
    """The `evaluation` key of a record."""
    return {
        section: {candidate: e.to_json() for candidate, e in rows.items()}
        for section, rows in evaluated.items()
    }


def cadres_of(positions: Sequence[Position]) -> dict[str, dict[str, str]]:
    """Who each candidate is, from the record's `positions` (their cadres)."""
    return {p.id: {c.id: c.cadre for c in p.candidates} for p in positions}


def select_candidates(
    step: Step,
    counts: Counts,
    quotas: Mapping[str, int],
    present: int,
    convened: int,
    cadres: Cadres,
    planned: Mapping[str, int],
    decision: HeadDecision | None,
    version: int = FORMAT_VERSION,
) -> Selection:
    """The rules engine's selection over cadres, read back in candidate ids: the cap counts
    each cadre once across sections and with the positions `planned` already holds; the
    head's decision and everything shown name candidates of a section, as the ballot does."""
    by_cadre = {s: {cadres[s][c]: n for c, n in agrees.items()} for s, agrees in counts.items()}
    back = {s: {cadre: c for c, cadre in ids.items()} for s, ids in cadres.items()}
    decided = None
    if decision is not None:
        decided = replace(
            decision,
            chosen={
                s: [cadres[s].get(c, c) for c in chosen] for s, chosen in decision.chosen.items()
            },
        )
    chosen = select(
        step,
        by_cadre,
        quotas,
        present,
        convened,
        planned=planned,
        decision=decided,
        leave_out_full=version >= 3,
    )
    return replace(
        chosen,
        passing={s: [(back[s][c], n) for c, n in ranked] for s, ranked in chosen.passing.items()},
        chosen={s: [back[s][c] for c in cs] for s, cs in chosen.chosen.items()},
        ties={s: (n, [back[s][c] for c in among]) for s, (n, among) in chosen.ties.items()},
        over_cap=_over_cap_by_candidate(chosen.over_cap, back, merge=version >= 2),
        decision=decision,
    )


def _over_cap_by_candidate(
    over_cap: Mapping[str, Sequence[str]], back: Mapping[str, Mapping[str, str]], merge: bool
) -> dict[str, list[str]]:
    """Candidate id → its over-cap positions in ballot order. Format v1 kept one position per
    candidate id (the last one written), losing the others when a candidate id stands in
    several over-cap positions; `merge` (format v2) keeps every one."""
    result: dict[str, list[str]] = {}
    for cadre, sections in over_cap.items():
        for section in sections:
            candidate = back[section][cadre]
            if merge:
                result.setdefault(candidate, []).append(section)
            else:
                result[candidate] = [section]
    if merge:
        order = {section: index for index, section in enumerate(back)}
        for positions in result.values():
            positions.sort(key=order.__getitem__)
    return result


def selection(
    step: Step,
    definition: BallotDefinition,
    counts: Counts,
    present: int,
    convened: int,
    decision: HeadDecision | None,
    cadres: Cadres,
    planned: Mapping[str, int],
    version: int = FORMAT_VERSION,
) -> dict[str, Any]:
    """At a step that fills quotas: who is chosen, the boundary ties and over-cap cadres left to
    the head, the open places, and whether it is complete (with the head's decision applied);
    empty at any other step."""
    if not step.fills_quota:
        return {}
    quotas = {section.id: section.quota for section in definition.sections}
    chosen = select_candidates(
        step, counts, quotas, present, convened, cadres, planned, decision, version
    )
    return {
        "chosen": chosen.chosen,
        "ties": {p: {"places": n, "among": c} for p, (n, c) in chosen.ties.items()},
        "over_cap": chosen.over_cap,
        "open_places": chosen.open_places,
        "contested": chosen.contested,
        "complete": chosen.complete,
    }
