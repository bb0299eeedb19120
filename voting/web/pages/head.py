"""The head's page (người đứng đầu): at a final step with a tie at the boundary or a cadre
chosen for more than three positions, the head sees each open place and who competes for it,
and decides. The rules engine checks the decision (voting.conference.results.decide); the code
never decides these itself."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from voting.conference import conferences, results
from voting.conference.errors import refused
from voting.planning import conditions, paper, processes
from voting.store import Conference, Phase, ProcessStatus, StepStatus
from voting.web import clock
from voting.web.api.box import record_decision
from voting.web.extensions import db
from voting.web.i18n import translate
from voting.web.pages import forms
from voting.web.pages.guard import html_errors, page_requires
from voting.web.policy import Action
from voting.web.principals import current_principal
from voting.web.schema import form

bp = Blueprint("head", __name__, url_prefix="/head")
html_errors(bp)


@bp.get("/")
@page_requires(Action.HEAD_DECIDE)
def index() -> str:
    """Every opened conference whose result waits for the head, with its contested places."""
    waiting = []
    for conference in conferences.every(db()):
        if conference.phase != Phase.OPENED:
            continue
        view = results.view(db(), conference, may_read_sealed=True)
        if view.status == "awaiting_head" and view.result is not None:
            places = contested(view.result, conference.held_positions or {})
            step = conferences.step_of(conference)
            waiting.append({"conference": conference, "step": step, "places": places})
    return render_template(
        "head.html", waiting=waiting, on_paper=paper_waiting(), unmet=unmet_waiting()
    )


@bp.post("/processes/<process_id>/overrides")
@page_requires(Action.HEAD_DECIDE)
def override(process_id: str) -> Response:
    """The head puts forward a chosen cadre who fails the conditions (KH 331 A.I), with the
    reason; flagged on every list printed after."""
    body = form(forms.OverrideForm, request.form)
    conditions.override(
        db(),
        process_id,
        body.cadre,
        body.position,
        body.reason,
        current_principal().actor,
        clock.today(),
    )
    flash(translate("head.done"))
    return redirect(url_for(".index"))


def unmet_waiting() -> list[dict[str, Any]]:
    """Chosen cadres who fail the conditions, in lists not yet approved, that no decision of
    the head has put forward: the list cannot be submitted or approved until one does."""
    waiting = []
    for process in processes.every(db()):
        if process.outcome is None or process.status == ProcessStatus.APPROVED:
            continue
        for entry in conditions.unmet(db(), process, clock.today()):
            if entry.override is None:
                waiting.append(
                    {
                        "process": process,
                        "cadre": entry.cadre,
                        "full_name": entry.full_name,
                        "position": entry.position,
                        "reasons": entry.reasons,
                    }
                )
    return waiting


@bp.post("/processes/<process_id>/steps/<int:number>/decision")
@page_requires(Action.HEAD_DECIDE)
def decide_paper(process_id: str, number: int) -> Response:
    """The head's choice at a final step held on paper: the form's `p<n>` checkboxes."""
    item = processes.step_of(processes.get(db(), process_id), number)
    contested = list((item.result or {}).get("contested", {}))
    body = form(forms.HeadChoice, request.form)
    chosen = {p: body.chosen.get(f"p{i}", []) for i, p in enumerate(contested)}
    paper.decide_paper(db(), process_id, number, chosen, reason(body), current_principal().actor)
    flash(translate("head.done"))
    return redirect(url_for(".index"))


def paper_waiting() -> list[dict[str, Any]]:
    """Final steps held on paper whose result waits for the head, with who competes."""
    waiting = []
    for process in processes.every(db()):
        for item in process.steps:
            result = item.result or {}
            if item.status != StepStatus.CURRENT or result.get("complete", True):
                continue
            names = {c["cadre"]: c for s in result["sections"] for c in s["candidates"]}
            waiting.append(
                {
                    "process": process,
                    "number": item.number,
                    "places": [
                        {
                            "position": position,
                            "open": result["open_places"].get(position, 0),
                            "chosen": [names[c]["full_name"] for c in result["chosen"][position]],
                            "candidates": [names[c] for c in among],
                        }
                        for position, among in result["contested"].items()
                    ],
                }
            )
    return waiting


@bp.post("/<conference_id>/decision")
@page_requires(Action.HEAD_DECIDE)
def decide(conference: Conference) -> Response:
    """The head's choice for each contested position: the form's `s<n>` checkboxes."""
    shown = results.view(db(), conference, may_read_sealed=True).result
    selection = shown.selection if shown is not None else None
    positions = selection.contested if selection is not None else []
    body = form(forms.HeadChoice, request.form)
    chosen = {position: body.chosen.get(position, []) for position in positions}
    record_decision(conference, chosen, reason(body))
    flash(translate("head.done"))
    return redirect(url_for(".index"))


def reason(choice: forms.HeadChoice) -> str:
    """The head's reason for the decision, which the minutes carry: required, and the form's
    confirmation ticked (the decision cannot be taken back)."""
    note = " ".join(choice.note.split())
    if not note:
        raise refused("reason_missing")
    if not choice.confirm:
        raise refused("confirm_missing.head")
    return note


def contested(result: results.BoxResult, held: dict[str, int]) -> list[dict[str, Any]]:
    """Per contested position: why it is contested (a tie at the boundary, a cadre over three
    positions, or both), how many places are still open, who is already chosen there, and
    every candidate's count — those the head may choose marked, each over-cap cadre with the
    positions already held and the positions passed at this step."""
    selection = result.selection
    assert selection is not None  # awaiting the head: a step that fills quotas
    cadre_of = {c.id: c.cadre for s in result.sections for c in s.candidates}
    reached: dict[str, list[str]] = {}  # over_cap names candidates; the cap counts cadres
    for section in result.sections:
        for candidate in section.candidates:
            if candidate.id in selection.over_cap:
                reached.setdefault(candidate.cadre, []).append(section.position)
    places = []
    for section in result.sections:
        sid = section.id
        if sid not in selection.contested:
            continue
        tie = selection.ties.get(sid)
        over = {
            c.id: reached[cadre_of[c.id]] for c in section.candidates if c.id in selection.over_cap
        }
        among = set(tie.among if tie is not None else []) | set(over)
        chosen = selection.chosen.get(sid, [])
        places.append(
            {
                "id": sid,
                "position": section.position,
                "quota": section.quota,
                "tie": tie is not None,
                "over_cap": bool(over),
                "open": selection.open_places.get(sid, 0),
                "chosen": [c.full_name for c in section.candidates if c.id in chosen],
                "candidates": [
                    {
                        **c.model_dump(),
                        "competes": c.id in among,
                        "chosen": c.id in chosen,
                        "held": held.get(c.cadre, 0),
                        "reached": over.get(c.id, []),
                    }
                    for c in section.candidates
                ],
            }
        )
    return places
