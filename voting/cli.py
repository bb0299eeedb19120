"""The `voting` command: one backend for the terminal and the web server."""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click

from voting import __version__, canonical
from voting.ballots.printed_cards import print_cards
from voting.crypto.cards import CardError
from voting.crypto.installation import load_or_create
from voting.rules import KH331, RulesError, RuleSet, load_rule_set
from voting.rules.eligibility import EligibilityReport, PersonEligibility, eligibility
from voting.rules.people import parse_month, people_from_rows, planning_from_rows
from voting.rules.ruleset import Step
from voting.rules.structure import LimitReport, StructureReport, check_limits, structure_report
from voting.tabular import TableError, read_rows
from voting.tally.exports import counts_csv, counts_xlsx
from voting.tally.minutes import minutes_pdf
from voting.tally.record import key_fingerprint
from voting.tally.simulation import SimulationError, simulate
from voting.tally.verify import RecordError, Summary, receipt_listed, verify_record

F = TypeVar("F", bound=Callable[..., Any])


def domain_errors(func: F) -> F:
    """Print a domain error's message and exit non-zero instead of showing a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (RulesError, TableError, SimulationError, CardError) as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


class WebCommands(click.Group):
    """The group, with the commands that need the web application (Flask, SQLAlchemy) imported
    only when one of them is called: `voting verify` on an offline laptop starts fast."""

    WEB: ClassVar[dict[str, str]] = {
        "serve": "voting.web.commands:serve",
        "admin": "voting.web.commands:admin",
        "db": "voting.web.commands:database",
        "demo": "voting.web.demo:demo",
        "backup": "voting.web.backup:backup",
        "restore": "voting.web.backup:restore",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.WEB])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.WEB:
            return super().get_command(ctx, name)
        module, attribute = self.WEB[name].split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=WebCommands)
@click.version_option(__version__, prog_name="voting")
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


@main.command("eligibility")
@click.argument("people", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reference", required=True, metavar="YYYY-MM", help="Month the dossier is made.")
@click.option("--term", required=True, type=click.Choice(["current", "next"]))
@click.option("--term-start", metavar="YYYY-MM", help="First month of the next term.")
@click.option(
    "--planning",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The current planning list (columns of sample-current-planning.csv).",
)
@click.option("--rules", type=click.Path(dir_okay=False, path_type=Path), help="Rule-set file.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@domain_errors
def eligibility_command(
    people: Path,
    reference: str,
    term: str,
    term_start: str | None,
    planning: Path | None,
    rules: Path | None,
    output: str,
) -> None:
    """Who may be planned for which position, and every reason against (PEOPLE: .csv/.xlsx)."""
    rule_set = load_rule_set(rules) if rules else KH331
    persons = people_from_rows(
        ((row.number, row.cells) for row in read_rows(people, ("id",))), rule_set
    )
    entries = (
        planning_from_rows(((row.number, row.cells) for row in read_rows(planning)), rule_set)
        if planning
        else []
    )
    month = parse_month(reference, "--reference")
    report = eligibility(
        persons,
        month,
        term,
        parse_month(term_start, "--term-start") if term_start else None,
        entries,
        rule_set,
    )
    by_id = {person.id: person for person in persons}
    limits = check_limits(entries, rule_set) if entries else None
    structure = structure_report(entries, by_id, month, rule_set) if entries else None
    if output == "json":
        data = report.to_dict()
        if structure is not None and limits is not None:
            data["structure"] = structure.to_dict()
            data["limits"] = {
                "crowded_positions": limits.crowded_positions,
                "busy_cadres": limits.busy_cadres,
            }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(format_eligibility(report, structure, limits))


def format_eligibility(
    report: EligibilityReport, structure: StructureReport | None, limits: LimitReport | None
) -> str:
    """The report as text: one block per person, then the planning's structure and limits."""
    start = f", term from {report.term_start:%m/%Y}" if report.term_start else ""
    lines = [
        f"Eligibility for the {report.term} term, reference {report.reference:%m/%Y}{start}",
        f"Rules: {report.rule_set} {report.rule_set_hash}",
    ]
    for verdict in report.people:
        lines += ["", *_person_lines(verdict)]
    if structure is not None:
        lines += [
            "",
            f"Current planning: {structure.planned} cadres; "
            f"under 40: {structure.young} ({_percent(structure.young, structure.planned)}, "
            f"{'met' if structure.young_met else 'below target'}); "
            f"women: {structure.women} ({_percent(structure.women, structure.planned)}, "
            f"{'met' if structure.women_met else 'below target'}); "
            f"woman among key leaders: {'yes' if structure.woman_key_leader_met else 'no'}",
        ]
    if limits is not None:
        for position, cadres in limits.crowded_positions.items():
            lines.append(f"  over the limit: {position} has {len(cadres)} cadres")
        for cadre, positions in limits.busy_cadres.items():
            lines.append(f"  over the limit: {cadre} is planned for {'; '.join(positions)}")
    return "\n".join(lines)


def _person_lines(verdict: PersonEligibility) -> list[str]:
    person = verdict.person
    lines = [
        f"{person.id}  {person.full_name}  ({person.post}, {person.unit})",
        f"  retirement {verdict.retirement:%m/%Y}; {verdict.months_left} months left",
    ]
    allowed = [
        f"{c.title} (category {c.category}, {c.months_required} months)"
        for c in verdict.may_be_planned_for
    ]
    lines.append(f"  may be planned for: {'; '.join(allowed) or 'none'}")
    for reason in verdict.general:
        lines.append(f"  against: {reason.en}{' (removal)' if reason.removal else ''}")
    for check in verdict.positions:
        for reason in check.reasons:
            if reason not in verdict.general:
                lines.append(f"  against {check.title}: {reason.en}")
        for flag in check.flags:
            lines.append(f"  flag {check.title}: {flag.en}")
    for planned in verdict.planning:
        rule = "transitional" if planned.transitional else "QĐ 50"
        state = "keeps" if planned.keeps else "leaves"
        why = "; ".join(reason.en for reason in planned.reasons)
        lines.append(
            f"  planned for {planned.position} ({rule}, needs {planned.months_required}): "
            f"{state}{': ' + why if why else ''}"
        )
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def instance_folder() -> Path:
    """Where the installation keeps its key and database: $VOTING_INSTANCE or ./instance."""
    return Path(os.environ.get("VOTING_INSTANCE", "instance"))


@main.command("demo-record")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--voters", type=click.IntRange(min=1), required=True)
@click.option("--candidates", type=click.IntRange(min=1), required=True)
@click.option("--sections", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--quota", type=click.IntRange(min=1), default=3, show_default=True)
@click.option(
    "--step",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="The next-term step; 5 (the final one) ranks and selects.",
)
@domain_errors
def demo_record(
    out: Path, voters: int, candidates: int, sections: int, quota: int, step: int
) -> None:
    """Write the signed record of a simulated conference to OUT, and its expected counts
    beside it (rec.json → rec.counts.json)."""
    result = simulate(voters, candidates, sections, quota, load_or_create(instance_folder()), step)
    out.write_bytes(result.record)
    expected = out.with_name(out.name.removesuffix(".json") + ".counts.json")
    expected.write_bytes(canonical.dumps(result.expected))
    click.echo(f"{out}: {voters} ballots, {candidates} candidates; expected counts in {expected}")


@main.command("verify")
@click.argument("record", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--key", metavar="HEX", help="The installation's public key the record must carry.")
@click.option(
    "--receipt",
    "receipts",
    multiple=True,
    metavar="TEXT",
    help="A voter's receipt (e.g. '3F2A 91C0 5B7D E418') that must be in the ballot list.",
)
def verify_command(record: Path, key: str | None, receipts: tuple[str, ...]) -> None:
    """Re-check a conference record offline; exit 0 only when every check holds (and every
    receipt given is in the ballot list)."""
    summary = _verified(record, key)[1]
    click.echo(format_summary(summary))
    _warn_unpinned(key)
    for receipt in receipts:
        try:
            listed = receipt_listed(receipt, summary.ballot_hashes)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--receipt") from error
        if not listed:
            raise click.ClickException(f"receipt {receipt} is NOT in the record's ballot list")
        click.echo(f"Receipt {receipt}: in the ballot list")


def _verified(record: Path, key: str | None) -> tuple[bytes, Summary]:
    """The record's bytes and summary once `voting verify` accepts them: nothing is printed
    from a record that does not verify."""
    try:
        data = record.read_bytes()
        summary = verify_record(data, key)
    except OSError as error:
        raise click.ClickException(f"{record}: {error.strerror}") from error
    except RecordError as error:
        raise click.ClickException(
            f"{record}: NOT VERIFIED (check {error.check}, docs/record.md): {error}"
        ) from error
    return data, summary


def _warn_unpinned(key: str | None) -> None:
    """After the output of a command that verified a record: without --key, say loudly that
    the record proves nothing about who wrote it."""
    if key is None:
        click.echo(UNPINNED, err=True)


UNPINNED = (
    "WARNING: no --key given. The record is only consistent with itself: anyone can make a "
    "whole fabricated record that passes every check. Run again with --key and the "
    "installation's public key as printed at the conference (see docs/verify.md)."
)


@main.command("minutes")
@click.argument("record", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--key", metavar="HEX", help="The installation's public key the record must carry.")
@click.option(
    "--parent",
    default="",
    envvar="VOTING_AGENCY_PARENT",
    help="The managing body printed above the agency (cơ quan chủ quản).",
)
def minutes_command(record: Path, out: Path, lang: str, key: str | None, parent: str) -> None:
    """Biên bản kiểm phiếu (A4 PDF) of a record, after verifying it."""
    out.write_bytes(minutes_pdf(_verified(record, key)[0], lang, parent=parent))
    click.echo(f"{out}: minutes of {record}")
    _warn_unpinned(key)


@main.command("export")
@click.argument("record", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--key", metavar="HEX", help="The installation's public key the record must carry.")
def export_command(
    record: Path, csv_out: Path | None, xlsx_out: Path | None, key: str | None
) -> None:
    """The counts of a record as CSV and/or XLSX, after verifying it."""
    if csv_out is None and xlsx_out is None:
        raise click.UsageError("give --csv FILE, --xlsx FILE or both")
    document = canonical.loads(_verified(record, key)[0])
    for path, write in ((csv_out, counts_csv), (xlsx_out, counts_xlsx)):
        if path is not None:
            path.write_bytes(write(document))
            click.echo(f"{path}: counts of {record}")
    _warn_unpinned(key)


def format_summary(summary: Summary) -> str:
    """A verified record in a few lines a person can compare with the minutes, then what the
    projector showed (docs/verify.md): fingerprints are the first 16 hex digits in groups."""
    lines = [
        f"VERIFIED: {summary.title} ({summary.conference_id})",
        f"Rules {summary.rule_set}; {summary.procedure} step {summary.step}",
        f"Convened {summary.convened}, present {summary.present}; cards {summary.cards} "
        f"({summary.voided} voided); ballots {summary.ballots}",
        f"Fingerprint {summary.fingerprint}",
        f"Ballot list hash {summary.ballot_list_hash}",
        f"Opened by committee members {', '.join(map(str, summary.opened_by))}",
        f"Event chain of {summary.events} events intact; {summary.passed} candidate(s) pass",
        f"Installation key {summary.installation_key}"
        + ("" if summary.pinned else " — NOT PINNED: give --key"),
        "Compare with what the projector showed:",
        f"  installation key (every page's footer)  {key_fingerprint(summary.installation_key)}",
        f"  ballots / present                       {summary.ballots} / {summary.present}",
        f"  final ballot-list hash                  {_grouped(summary.ballot_list_hash)}",
        f"  card list                               {_grouped(summary.card_list_hash)}",
        f"  cards dealt, replaced, voided           {summary.dealt}, {summary.replaced}, "
        f"{summary.voided}",
        f"  joint key                               {key_fingerprint(summary.joint_key)}",
    ]
    for member, share in enumerate(summary.member_keys, start=1):
        lines.append(f"  member {member} key{' ' * 28}{key_fingerprint(share)}")
    for section, counts in summary.counts.items():
        lines.append(f"  {section}: " + ", ".join(f"{c} {n}" for c, n in counts.items()))
    return "\n".join(lines)


def _grouped(hex_text: str) -> str:
    return " ".join(hex_text[i : i + 4] for i in range(0, 16, 4))


@main.command("cards")
@click.option("--conference", "conference_id", required=True, help="The conference's id.")
@click.option("--count", type=click.IntRange(min=1, max=2000), required=True)
@click.option(
    "--base-url", required=True, help="The voting page's address, e.g. http://10.0.0.2/vote"
)
@click.option("--title", default="", help="The conference title printed on each card.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--keys", type=click.Path(dir_okay=False, path_type=Path), required=True)
@domain_errors
def cards_command(
    conference_id: str, count: int, base_url: str, title: str, out: Path, keys: Path
) -> None:
    """Printed voting cards (A4 PDF, QR and typed code, no name) and their public keys, for the
    organiser to upload. Run it on a machine other than the server."""
    printed = print_cards(conference_id, title or conference_id, base_url, count)
    out.write_bytes(printed.pdf)
    keys.write_bytes(printed.keys)
    click.echo(f"{count} cards in {out}; upload {keys} (public keys only) to the server")
