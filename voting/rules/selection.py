"""The final step's selection: rank who passes and fill each position's quota from the top.

KH 331 B.IV.1 step 5 / B.IV.2 step 4: agree > 50% of convened, "lấy từ trên xuống cho đủ số
lượng"; equal counts competing for the last places go to the head ("giao cho người đứng đầu xem
xét, quyết định"). B.III.1: a cadre is planned for at most three positions at one level. The code
never decides what the plan leaves to people: a boundary tie leaves its places open and names who
is tied; a cadre who would exceed the cap is flagged and left out of `chosen` in every position
concerned. A recorded `HeadDecision` then completes the result. A cadre who already holds three
positions is no choice at all: left out before the places are filled (still listed as passing).

Every position given in one call is taken to be at the same approval level; `planned[cadre]` is
how many positions at that level the cadre already holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from voting.rules.errors import CountError, DecisionError, RuleSetError
from voting.rules.ruleset import Step
from voting.rules.thresholds import check_attendance, passes


@dataclass(frozen=True)
class HeadDecision:
    """The head's recorded choice for the contested places: position → cadres added there.

    A contested position listed with no cadres means the head leaves its open places empty.
    """

    chosen: Mapping[str, Sequence[str]]
    decided_by: str
    decided_at: str
    note: str = ""


@dataclass(frozen=True)
class Selection:
    """The outcome of a ranked step, with what the rules left to the head."""

    rule_set: str
    rule_set_hash: str
    procedure: str
    step: int
    passing: dict[str, list[tuple[str, int]]]
    chosen: dict[str, list[str]]
    ties: dict[str, tuple[int, list[str]]]
    over_cap: dict[str, list[str]]
    open_places: dict[str, int]
    decision: HeadDecision | None = None
    complete: bool = field(default=False)

    @property
    def contested(self) -> list[str]:
        """Positions the head must decide: boundary ties and positions of over-cap cadres."""
        positions = set(self.ties) | {p for ps in self.over_cap.values() for p in ps}
        return [p for p in self.passing if p in positions]


def select(
    step: Step,
    counts: Mapping[str, Mapping[str, int]],
    quotas: Mapping[str, int],
    present: int,
    convened: int,
    planned: Mapping[str, int] | None = None,
    decision: HeadDecision | None = None,
    leave_out_full: bool = True,
) -> Selection:
    """Rank and fill each position's quota; apply the head's `decision` when one is recorded.

    On a step that does not fill quotas (steps 3 and 4), everyone who passes is chosen, ranked.
    `leave_out_full` False fills as records before format v3 were counted: a cadre already at
    the cap took a place and was then flagged over the cap.
    """
    if step.threshold is None:
        raise RuleSetError(
            f"step {step.number} of {step.procedure!r} holds no ballot to select from"
        )
    check_attendance(present, convened)
    rules = step.rule_set
    _check_quotas(counts, quotas, rules.max_cadres_per_position)
    held = dict(planned or {})
    for cadre, number in held.items():
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise CountError(f"planned[{cadre!r}] must be a whole number ≥ 0, got {number!r}")

    positions = list(dict.fromkeys([*counts, *quotas]))
    passing = {p: _ranked_passing(step, p, counts.get(p, {}), present, convened) for p in positions}
    chosen: dict[str, list[str]] = {}
    ties: dict[str, tuple[int, list[str]]] = {}
    # B.III.1 "không quá ba chức danh": a cadre already planned for the cap takes no place, so
    # is left out before filling (never a false tie, never a place held for the head).
    full = {
        cadre
        for cadre, number in held.items()
        if leave_out_full and number >= rules.max_positions_per_cadre
    }
    for position in positions:
        if step.fills_quota:
            ranked = [(cadre, n) for cadre, n in passing[position] if cadre not in full]
            chosen[position], tie = _fill(ranked, quotas[position])
            if tie:
                ties[position] = tie
        else:
            chosen[position] = [cadre for cadre, _ in passing[position]]

    over_cap: dict[str, list[str]] = {}
    if step.fills_quota:
        over_cap = _over_cap(positions, chosen, ties, held, rules.max_positions_per_cadre)
        for cadre, concerned in over_cap.items():
            for position in concerned:
                if cadre in chosen[position]:
                    chosen[position].remove(cadre)

    selection = Selection(
        rule_set=rules.name,
        rule_set_hash=rules.hash,
        procedure=step.procedure,
        step=step.number,
        passing=passing,
        chosen=chosen,
        ties=ties,
        over_cap=over_cap,
        open_places=_open(chosen, quotas) if step.fills_quota else {},
        complete=not ties and not over_cap,
    )
    if decision is not None:
        return _apply(selection, decision, quotas, held, rules.max_positions_per_cadre)
    return selection


def _check_quotas(
    counts: Mapping[str, Mapping[str, int]], quotas: Mapping[str, int], maximum: int
) -> None:
    for position in counts:
        if position not in quotas:
            raise CountError(f"position {position!r} has counts but no quota")
    for position, quota in quotas.items():
        if not isinstance(quota, int) or isinstance(quota, bool) or not 0 <= quota <= maximum:
            raise CountError(
                f"quota of {position!r} must be a whole number 0..{maximum}, got {quota!r}"
            )


def _ranked_passing(
    step: Step, position: str, agree: Mapping[str, int], present: int, convened: int
) -> list[tuple[str, int]]:
    """Candidates who pass, best first; equal counts in cadre order so output is deterministic."""
    result = []
    for cadre, count in agree.items():
        try:
            if passes(step, count, present, convened):
                result.append((cadre, count))
        except CountError as exc:
            raise CountError(f"position {position!r}, cadre {cadre!r}: {exc}") from exc
    return sorted(result, key=lambda item: (-item[1], item[0]))


def _fill(
    ranked: list[tuple[str, int]], quota: int
) -> tuple[list[str], tuple[int, list[str]] | None]:
    """Take equal-count groups from the top while they fit; a group that does not fit is a tie."""
    chosen: list[str] = []
    for _, group in groupby(ranked, key=lambda item: item[1]):
        cadres = [cadre for cadre, _ in group]
        room = quota - len(chosen)
        if room == 0:
            break
        if len(cadres) > room:
            return chosen, (room, cadres)
        chosen.extend(cadres)
    return chosen, None


def _over_cap(
    positions: list[str],
    chosen: dict[str, list[str]],
    ties: dict[str, tuple[int, list[str]]],
    held: Mapping[str, int],
    cap: int,
) -> dict[str, list[str]]:
    """Cadres whose chosen or tied positions, with those already held, would exceed the cap."""
    reached: dict[str, list[str]] = {}
    for position in positions:
        tied = ties[position][1] if position in ties else []
        for cadre in [*chosen[position], *tied]:
            reached.setdefault(cadre, []).append(position)
    return {
        cadre: concerned
        for cadre, concerned in sorted(reached.items())
        if held.get(cadre, 0) + len(concerned) > cap
    }


def _open(chosen: Mapping[str, list[str]], quotas: Mapping[str, int]) -> dict[str, int]:
    return {p: quotas[p] - len(chosen[p]) for p in chosen if quotas[p] > len(chosen[p])}


def _apply(
    selection: Selection,
    decision: HeadDecision,
    quotas: Mapping[str, int],
    held: Mapping[str, int],
    cap: int,
) -> Selection:
    """Add the head's picks after checking each one passed, fits the quota and keeps the cap."""
    if not selection.contested:
        raise DecisionError("decision.nothing_contested")
    if not decision.decided_by.strip() or not decision.decided_at.strip():
        raise DecisionError("decision.unsigned")
    missing = [p for p in selection.contested if p not in decision.chosen]
    if missing:
        raise DecisionError("decision.uncovered", positions=", ".join(missing))
    chosen = {p: list(cadres) for p, cadres in selection.chosen.items()}
    counts = {p: dict(ranked) for p, ranked in selection.passing.items()}
    for position, picks in decision.chosen.items():
        if position not in selection.contested:
            raise DecisionError("decision.not_contested", position=position)
        for cadre in picks:
            if cadre not in counts[position]:
                raise DecisionError("decision.not_passed", cadre=cadre, position=position)
            if cadre in chosen[position]:
                raise DecisionError("decision.already_chosen", cadre=cadre, position=position)
            chosen[position].append(cadre)
        taken, quota = len(chosen[position]), quotas[position]
        if taken > quota:
            raise DecisionError("decision.over_quota", position=position, taken=taken, quota=quota)
        order = {cadre: index for index, cadre in enumerate(chosen[position])}
        chosen[position].sort(key=lambda cadre: (-counts[position][cadre], order[cadre]))
    for cadre in {c for cadres in chosen.values() for c in cadres}:
        total = held.get(cadre, 0) + sum(cadre in cadres for cadres in chosen.values())
        if total > cap:
            raise DecisionError("decision.over_cap", cadre=cadre, total=total, cap=cap)
    return Selection(
        rule_set=selection.rule_set,
        rule_set_hash=selection.rule_set_hash,
        procedure=selection.procedure,
        step=selection.step,
        passing=selection.passing,
        chosen=chosen,
        ties=selection.ties,
        over_cap=selection.over_cap,
        open_places=_open(chosen, quotas),
        decision=decision,
        complete=True,
    )
