"""The organiser's planning processes (issue 7): start one, edit the source list with its
warnings and live structure report, record the steps without a ballot, follow each step's
conference, fall back to paper, submit and approve the outcome, print the published lists and
the dossier summary. Each form posts here and calls the same services as the JSON API."""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from voting.conference import accounts, roster
from voting.conference.errors import ConferenceError, refused
from voting.planning import (
    conditions,
    dossier,
    outcome,
    paper,
    processes,
    source_list,
    standards,
    steps,
    warnings,
)
from voting.planning.lists import StepBallotSection, approval_of, source_of
from voting.planning.processes import RULES, NewProcess
from voting.planning.state import outcome_of
from voting.registry import terms
from voting.store import Conference, Process, ProcessStatus, StepStatus
from voting.web import clock
from voting.web.api import bodies
from voting.web.config import rule_set
from voting.web.extensions import db
from voting.web.i18n import translate
from voting.web.pages import fields, forms
from voting.web.pages.guard import page_requires, show_refusals_on
from voting.web.policy import Action, allowed
from voting.web.principals import current_principal
from voting.web.schema import form

bp = Blueprint("planning", __name__, url_prefix="/organiser/planning")
_COUNT = re.compile(r"^count:(\d+):(.+)$")


def _refused_page(error: ConferenceError) -> str:
    """The page a refused form came from, with the reason (and each problem)."""
    process_id = (request.view_args or {}).get("process_id")
    if process_id is None:
        return _index_page(error)
    return _process_page(processes.get(db(), process_id), error)


show_refusals_on(bp, _refused_page)


@bp.get("/")
@page_requires(Action.PLANNING_MANAGE)
def index() -> str:
    """The processes and the form that starts one."""
    return _index_page()


@bp.post("/")
@page_requires(Action.PLANNING_MANAGE)
def start() -> Response:
    """Start a process: its steps, conferences and proposed source list."""
    body = form(bodies.NewProcess, request.form)
    started = processes.start(
        db(),
        NewProcess(
            procedure=body.procedure,
            tier=body.tier,
            term=body.term.strip(),
            reference=body.reference,
            term_start=body.term_start,
            held_on=body.held_on,
            place=body.place,
        ),
        _actor(),
        rule_set(current_app),
    )
    return redirect(url_for(".show", process_id=started.id))


@bp.get("/<process_id>")
@page_requires(Action.PLANNING_MANAGE)
def show(process_id: str) -> str:
    """One process: its steps, source list, structure report and outcome."""
    return _process_page(processes.get(db(), process_id))


@bp.post("/<process_id>/source")
@page_requires(Action.PLANNING_MANAGE)
def save_source(process_id: str) -> Response:
    """Save the source list as ticked (and ids typed in to add someone not proposed)."""
    choice = form(forms.SourceChoice, request.form)
    process = processes.get(db(), process_id)
    for index, section in enumerate(source_of(process)):
        wanted = choice.of(index)
        if wanted != section.candidates:
            source_list.set_candidates(db(), process_id, section.position, wanted, _actor())
    flash(translate("planning.source.saved"))
    return redirect(url_for(".show", process_id=process_id, _anchor="source"))


@bp.post("/<process_id>/steps/<int:number>/approval")
@page_requires(Action.PLANNING_MANAGE)
def approve(process_id: str, number: int) -> Response:
    """Record a step held without a secret ballot on the list."""
    record = form(forms.StepRecordForm, request.form)
    steps.approve(db(), process_id, number, record.held_on, record.note, record.removals, _actor())
    flash(translate("planning.step.recorded", n=number))
    return redirect(url_for(".show", process_id=process_id))


@bp.post("/<process_id>/steps/<int:number>/again")
@page_requires(Action.PLANNING_MANAGE)
def hold_again(process_id: str, number: int) -> Response:
    """Hold an aborted step again electronically, in a new conference."""
    steps.hold_again(db(), process_id, number, _actor())
    flash(translate("planning.again.done", n=number))
    return redirect(url_for(".show", process_id=process_id, _anchor=f"step-{number}"))


@bp.post("/<process_id>/steps/<int:number>/paper")
@page_requires(Action.PLANNING_MANAGE)
def enter_paper(process_id: str, number: int) -> Response:
    """The counts of a step held on paper."""
    minutes = form(bodies.PaperMinutes, request.form)
    paper.enter_paper(
        db(),
        process_id,
        number,
        minutes.held_on,
        minutes.convened,
        minutes.present,
        _counts(process_id, number, form(forms.CountFields, request.form)),
        _actor(),
    )
    flash(translate("planning.paper.entered"))
    return redirect(url_for(".show", process_id=process_id, _anchor=f"step-{number}"))


@bp.get("/<process_id>/steps/<int:number>/paper/confirmations")
@page_requires(Action.PAPER_CONFIRM)
def paper_confirmation(process_id: str, number: int) -> str:
    """A committee member's own page to confirm the paper counts, logged in with their own
    account (the organiser's page links it); it never shows the counts entered."""
    process = processes.get(db(), process_id)
    item = processes.step_of(process, number)
    return render_template(
        "planning/paper_confirm.html",
        process=process,
        item=item,
        row={"ballot": steps.ballot_of(process, number)},
    )


@bp.post("/<process_id>/steps/<int:number>/paper/confirmations")
@page_requires(Action.PAPER_CONFIRM)
def confirm_paper(process_id: str, number: int) -> Response:
    """A committee member confirms the paper counts by typing them again."""
    paper.confirm_paper(
        db(),
        process_id,
        number,
        form(forms.PaperConfirmer, request.form).member,
        _counts(process_id, number, form(forms.CountFields, request.form)),
        _actor(),
    )
    flash(translate("planning.paper.confirmed"))
    if not allowed(current_principal(), Action.PLANNING_MANAGE, None):
        return redirect(url_for(".paper_confirmation", process_id=process_id, number=number))
    return redirect(url_for(".show", process_id=process_id, _anchor=f"step-{number}"))


@bp.post("/<process_id>/submission")
@page_requires(Action.PLANNING_MANAGE)
def submit(process_id: str) -> Response:
    """The list submitted for approval."""
    outcome.submit(db(), process_id, form(bodies.OnDay, request.form).on, _actor())
    return redirect(url_for(".show", process_id=process_id, _anchor="outcome"))


@bp.post("/<process_id>/approval")
@page_requires(Action.PLANNING_MANAGE)
def approve_outcome(process_id: str) -> Response:
    """The list approved: the registry's planning changes; the lists can be published."""
    outcome.approve(db(), process_id, form(bodies.OnDay, request.form).on, _actor())
    return redirect(url_for(".show", process_id=process_id, _anchor="outcome"))


@bp.get("/<process_id>/standards")
@page_requires(Action.PLANNING_READ)
def standards_page(process_id: str) -> str:
    """The positions' standards, printable and for the room's screen before each vote (KH 331
    B.V.1: made known to those who vote)."""
    process = processes.get(db(), process_id)
    return render_template(
        "planning/standards.html", process=process, positions=standards.of_process(process)
    )


@bp.get("/<process_id>/published")
@page_requires(Action.PLANNING_READ)
def published(process_id: str) -> str:
    """The approved and removed lists, printable, for publication (rules.md "After the vote"),
    with how they were reached: the steps held on paper, marked "Phiếu giấy" as everything
    printed from them, and the head's decision at the final step when there was one."""
    process = processes.get(db(), process_id)
    return render_template(
        "planning/published.html",
        process=process,
        dates=outcome.dates(db(), process, current_app.config["AGENCY"]),
        approved=process.status == ProcessStatus.APPROVED,
        facts=dossier.published(db(), process, current_app.config["TIMEZONE"]),
    )


def _index_page(error: ConferenceError | None = None) -> str:
    return render_template(
        "planning/index.html",
        processes=processes.every(db()),
        procedures=list(RULES.procedures.values()),
        tiers=list(RULES.tiers.values()),
        terms=terms.every(db()),
        today=clock.today().isoformat(),
        error=error,
    )


def _process_page(process: Process, error: ConferenceError | None = None) -> str:
    rows = []
    for item in process.steps:
        recorded = approval_of(item).recorded
        step = steps.rule_step(process, item.number)
        conference = db().get(Conference, item.conference_id) if item.conference_id else None
        rows.append(
            {
                "item": item,
                "step": step,
                "conference": conference,
                "ballot": steps.ballot_of(process, item.number),
                "current": item.status == StepStatus.CURRENT,
                "structure": _structure(process, steps.ballot_of(process, item.number)),
                # Those convened are the step's roster: the paper form starts from it.
                "roster": len(roster.attendees(db(), conference.id)) if conference else None,
                # A step recorded without a ballot: its day as the pages write days, and who
                # recorded it by name (not the log's "user:" principal).
                "approved": {
                    "on": date.fromisoformat(recorded.held_on).strftime("%d/%m/%Y"),
                    "by": accounts.name_of(db(), recorded.by),
                }
                if recorded is not None
                else None,
            }
        )
    source = source_list.view(db(), process)
    chosen = outcome_of(process)
    return render_template(
        "planning/process.html",
        process=process,
        rows=rows,
        source=source,
        # Every candidate list shows the eligibility warnings of its cadres for the position.
        warnings={(s.position, c.cadre): c.warnings for s in source for c in s.candidates},
        frozen=steps.source_frozen(process),
        structure=source_list.structure(db(), process),
        dates=outcome.dates(db(), process, current_app.config["AGENCY"]),
        outcome_structure=source_list.structure(
            db(),
            process,
            {p.position: [c.cadre for c in p.cadres] for p in chosen.planned} if chosen else {},
        ),
        unmet=conditions.unmet(db(), process, clock.today()),
        notices=warnings.of(db(), process),
        today=clock.today().isoformat(),
        error=error,
    )


def _structure(process: Process, sections: list[StepBallotSection]) -> source_list.Structure | None:
    """The structure report of a step's candidate list (a removal ballot has none)."""
    if not sections or all(s.quota is None for s in sections):
        return None
    lists = {s.position: [c.cadre for c in s.candidates] for s in sections}
    return source_list.structure(db(), process, lists)


def _counts(process_id: str, number: int, entered: forms.CountFields) -> dict[str, dict[str, int]]:
    """The counts entered (`count:<section>:<cadre>`) as position → cadre → agree."""
    sections = steps.ballot_of(processes.get(db(), process_id), number)
    counts: dict[str, dict[str, int]] = {s.position: {} for s in sections}
    for name, value in entered.typed.items():
        match = _COUNT.match(name)
        if match is None:
            continue
        index = int(match.group(1))
        if not 0 <= index < len(sections):
            raise refused("invalid_input.section", index=index)
        counts[sections[index].position][match.group(2)] = fields.whole(value, name)
    return counts


def _actor() -> str:
    return current_principal().actor
