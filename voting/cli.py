"""The `voting` command: one backend for the terminal and the web server."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from voting.rules import KH331, RulesError, RuleSet, load_rule_set
from voting.rules.ruleset import Step

F = TypeVar("F", bound=Callable[..., Any])


def domain_errors(func: F) -> F:
    """Print a domain error's message and exit non-zero instead of showing a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RulesError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


@click.group()
def main() -> None:
    """Secret-ballot voting for cadre-planning conferences (hội nghị quy hoạch cán bộ)."""


@main.group()
def rules() -> None:
    """Rule sets: the procedures, steps and thresholds the system enforces."""


@rules.command("show")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@domain_errors
def rules_show(file: Path | None) -> None:
    """Print a rule set (KH 331 unless FILE, a .toml or .json rule set, is given) as a table."""
    rule_set = load_rule_set(file) if file else KH331
    click.echo(format_rule_set(rule_set))


def format_rule_set(rule_set: RuleSet) -> str:
    """A readable table of a rule set's procedures and steps."""
    lines = [
        f"{rule_set.name} — {rule_set.title}",
        f"Nguồn / source: {rule_set.source}",
        f"Hash: {rule_set.hash}",
        f"Quorum: present ≥ {rule_set.quorum} of convened; "
        f"≤ {rule_set.max_cadres_per_position} cadres per position, "
        f"≤ {rule_set.max_positions_per_cadre} positions per cadre",
    ]
    for procedure in rule_set.procedures.values():
        lines += ["", f"{procedure.title} ({procedure.key}: {procedure.title_en})"]
        rows = [("Step", "Conference", "Ballot", "Passes when", "Announced", "Fills quota")]
        rows += [_step_row(rule_set, step) for step in procedure.steps]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            lines.append(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
            if index == 0:
                lines.append("  " + "  ".join("-" * width for width in widths))
        for step in procedure.steps:
            groups = step.composition
            if groups or step.extra_composition:
                names = "; ".join(rule_set.groups[g] for g in groups)
                extra = "".join(
                    f" [+ {tier}: {'; '.join(rule_set.groups[g] for g in extra)}]"
                    for tier, extra in step.extra_composition.items()
                )
                lines.append(f"  {step.number}. {names}{extra}")
    lines += ["", "Positions (chức danh): category 1 / category 2"]
    for position in rule_set.positions.values():
        by = {
            n: [rule_set.posts[p].title for p, c in position.categories.items() if c == n]
            for n in (1, 2)
        }
        first, second = ", ".join(by[1]) or "—", ", ".join(by[2]) or "—"
        lines.append(f"  {position.title} [{position.tier}]: {first} / {second}")
    return "\n".join(lines)


def _step_row(rule_set: RuleSet, step: Step) -> tuple[str, str, str, str, str, str]:
    threshold = step.threshold.describe() if step.threshold else "—"
    return (
        str(step.number),
        rule_set.conferences[step.conference],
        step.ballot,
        threshold,
        "yes" if step.announced else "no",
        "yes" if step.fills_quota else "no",
    )
