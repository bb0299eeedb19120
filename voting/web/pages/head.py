"""The head's page (người đứng đầu): at a final step with a tie at the boundary or a cadre
chosen for more than three positions, the head sees each open place and who competes for it,
and decides. The rules engine checks the decision (voting.conference.results.decide); the code
never decides these itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from voting.conference import conferences, results
from voting.planning import conditions, paper, processes, steps
from voting.store import Conference, Phase, ProcessStatus, StepStatus
from voting.web.extensions import db
from voting.web.i18n import translate
from voting.web.pages.guard import html_errors, page_requires
from voting.web.policy import Action
from voting.web.principals import current_principal

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
        if view["status"] == "awaiting_head":
            waiting.append({"conference": conference, "places": contested(view["result"])})
    return render_template(
        "head.html", waiting=waiting, on_paper=paper_waiting(), unmet=unmet_waiting()
    )


@bp.post("/processes/<process_id>/overrides")
@page_requires(Action.HEAD_DECIDE)
def override(process_id: str) -> Response:
    """The head puts forward a chosen cadre who fails the conditions (KH 331 A.I), with the
    reason; flagged on every list printed after."""
    form = request.form
    conditions.override(
        db(),
        process_id,
        form.get("cadre", ""),
        form.get("position", ""),
        form.get("reason", ""),
        current_principal().actor,
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
        for entry in conditions.unmet(db(), process, date.today()):
            if entry["override"] is None:
                waiting.append({"process": process, **entry})
    return waiting


@bp.post("/processes/<process_id>/steps/<int:number>/decision")
@page_requires(Action.HEAD_DECIDE)
def decide_paper(process_id: str, number: int) -> Response:
    """The head's choice at a final step held on paper: the form's `p<n>` checkboxes."""
    item = processes.step_of(processes.get(db(), process_id), number)
    contested = list((item.result or {}).get("contested", {}))
    chosen = {p: request.form.getlist(f"p{i}") for i, p in enumerate(contested)}
    paper.decide_paper(
        db(), process_id, number, chosen, request.form.get("note", ""), current_principal().actor
    )
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
    view = results.view(db(), conference, may_read_sealed=True)
    positions = view["result"]["selection"]["contested"] if "result" in view else []
    chosen = {position: request.form.getlist(position) for position in positions}
    actor = current_principal().actor
    results.decide(db(), conference.id, chosen, request.form.get("note", ""), actor)
    steps.after_conference(db(), conference.id, actor)
    flash(translate("head.done"))
    return redirect(url_for(".index"))


def contested(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Per contested position: its name, how many places are open and who competes for them
    (the tied cadres, and those chosen for more than three positions)."""
    selection = result["selection"]
    places = []
    for section in result["sections"]:
        if section["id"] not in selection["contested"]:
            continue
        tie = selection["ties"].get(section["id"], {})
        among = set(tie.get("among", [])) | {
            c for c, ps in selection["over_cap"].items() if section["id"] in ps
        }
        places.append(
            {
                "id": section["id"],
                "position": section["position"],
                "open": tie.get("places", selection["open_places"].get(section["id"], 0)),
                "chosen": selection["chosen"].get(section["id"], []),
                "candidates": [c for c in section["candidates"] if c["id"] in among],
                "names": {c["id"]: c["full_name"] for c in section["candidates"]},
            }
        )
    return places
