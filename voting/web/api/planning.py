"""Planning processes across steps (issue 7): start, the source list and its structure report,
the steps' approvals and paper fallback, the outcome, and the dossier summary."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, Response, current_app, request
from sqlalchemy.orm import Session

from voting.conference.errors import refused
from voting.planning import (
    conditions,
    dossier,
    outcome,
    paper,
    processes,
    source_list,
    steps,
    submission,
    warnings,
)
from voting.planning.lists import approval_of
from voting.planning.processes import NewProcess
from voting.planning.state import outcome_of, paper_of, result_of, review_of
from voting.store import Conference, Phase, Process
from voting.tally import dossier as printed
from voting.tally import submission as printed_submission
from voting.web import clock, parse
from voting.web.api import bodies, replies
from voting.web.config import installation_fingerprint, rule_set
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.schema import takes

bp = Blueprint("processes", __name__, url_prefix="/api")
P = "/processes/<process_id>"


@bp.get("/processes")
@requires(Action.PLANNING_READ)
@answers(replies.Processes)
def index() -> replies.Processes:
    """Every process, newest first."""
    return replies.Processes(processes=[replies.ProcessBrief.of(p) for p in processes.every(db())])


@bp.post("/processes")
@requires(Action.PLANNING_MANAGE)
@takes(bodies.NewProcess)
@answers(replies.Process)
def start(body: bodies.NewProcess) -> tuple[replies.Process, int]:
    """Start "next_term" or "annual_review" for a tier: steps, conferences, source list."""
    started = processes.start(
        db(),
        NewProcess(
            procedure=body.procedure,
            tier=body.tier,
            term=body.term,
            reference=body.reference,
            term_start=body.term_start,
            held_on=body.held_on,
            place=body.place,
        ),
        _actor(),
        rule_set(current_app),
    )
    return whole(started), 201


@bp.get(P)
@requires(Action.PLANNING_READ)
@answers(replies.Process)
def show(process_id: str) -> replies.Process:
    """The process with its steps, source list, review, outcome and dates."""
    return whole(processes.get(db(), process_id))


@bp.put(f"{P}/source")
@requires(Action.PLANNING_MANAGE)
@takes(bodies.SourceCandidates)
@answers(replies.Process)
def set_source(process_id: str, body: bodies.SourceCandidates) -> replies.Process:
    """Replace one position's candidates on the source list (until it is approved)."""
    changed = source_list.set_candidates(db(), process_id, body.position, body.cadres, _actor())
    return whole(changed)


@bp.post(f"{P}/structure")
@requires(Action.PLANNING_READ)
@takes(bodies.Lists)
@answers(source_list.Structure)
def structure(process_id: str, body: bodies.Lists) -> source_list.Structure:
    """The structure report of a list as edited (position → cadre ids), not saved."""
    return source_list.structure(db(), processes.get(db(), process_id), body.lists)


@bp.post(f"{P}/steps/<int:number>/approval")
@requires(Action.PLANNING_MANAGE)
@takes(bodies.StepApproval)
@answers(replies.Process)
def approve(process_id: str, number: int, body: bodies.StepApproval) -> replies.Process:
    """Record a step held without a secret ballot on the list (and, at the annual review's
    first step, who is put to the removal ballot)."""
    removals = [(item.cadre, item.position) for item in body.removals]
    changed = steps.approve(db(), process_id, number, body.held_on, body.note, removals, _actor())
    return whole(changed)


@bp.post(f"{P}/steps/<int:number>/again")
@requires(Action.PLANNING_MANAGE)
@answers(replies.Process)
def hold_again(process_id: str, number: int) -> replies.Process:
    """A new conference for a step whose vote was aborted: roster drawn again, same ballot."""
    return whole(steps.hold_again(db(), process_id, number, _actor()))


@bp.post(f"{P}/steps/<int:number>/paper")
@requires(Action.PLANNING_MANAGE)
@takes(bodies.PaperCounts)
@answers(replies.Process)
def enter_paper(process_id: str, number: int, body: bodies.PaperCounts) -> replies.Process:
    """The counts of a step held on paper, from its paper minutes."""
    changed = paper.enter_paper(
        db(),
        process_id,
        number,
        body.held_on,
        body.convened,
        body.present,
        body.counts,
        _actor(),
    )
    return whole(changed)


@bp.post(f"{P}/steps/<int:number>/paper/confirmations")
@requires(Action.PAPER_CONFIRM)
@takes(bodies.PaperConfirmation)
@answers(replies.Process)
def confirm_paper(process_id: str, number: int, body: bodies.PaperConfirmation) -> replies.Process:
    """A counting-committee member re-types the paper counts to confirm them, logged in with
    their own account (not the one that entered them)."""
    changed = paper.confirm_paper(db(), process_id, number, body.member, body.counts, _actor())
    return whole(changed)


@bp.post(f"{P}/steps/<int:number>/decision")
@requires(Action.HEAD_DECIDE)
@takes(bodies.PaperDecision)
@answers(replies.Process)
def decide(process_id: str, number: int, body: bodies.PaperDecision) -> replies.Process:
    """The head's decision on a final step held on paper (position → cadre ids)."""
    changed = paper.decide_paper(db(), process_id, number, body.chosen, body.note, _actor())
    return whole(changed)


@bp.post(f"{P}/overrides")
@requires(Action.HEAD_DECIDE)
@takes(bodies.Override)
@answers(replies.Process)
def override(process_id: str, body: bodies.Override) -> replies.Process:
    """The head puts forward a chosen cadre who fails the conditions, with the reason."""
    changed = conditions.override(
        db(), process_id, body.cadre, body.position, body.reason, _actor(), clock.today()
    )
    return whole(changed)


@bp.post(f"{P}/submission")
@requires(Action.PLANNING_MANAGE)
@takes(bodies.OnDay)
@answers(replies.Process)
def submit(process_id: str, body: bodies.OnDay) -> replies.Process:
    """The dossier is complete and the list is submitted for approval on `on`."""
    return whole(outcome.submit(db(), process_id, body.on, _actor()))


@bp.post(f"{P}/approval")
@requires(Action.PLANNING_MANAGE)
@takes(bodies.OnDay)
@answers(replies.Process)
def approve_outcome(process_id: str, body: bodies.OnDay) -> replies.Process:
    """The approving body approved the list on `on`: the registry's planning changes."""
    return whole(outcome.approve(db(), process_id, body.on, _actor()))


@bp.get(f"{P}/dossier.pdf")
@requires(Action.PLANNING_READ)
def dossier_pdf(process_id: str) -> Response:
    """Bảng tổng hợp kết quả kiểm phiếu ở các bước, printable."""
    return _download(printed.dossier_pdf(_summary(process_id)), "application/pdf", "pdf")


@bp.get(f"{P}/dossier.xlsx")
@requires(Action.PLANNING_READ)
def dossier_xlsx(process_id: str) -> Response:
    """The same summary as a spreadsheet."""
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(printed.dossier_xlsx(_summary(process_id)), mimetype, "xlsx")


@bp.get(f"{P}/submission.pdf")
@requires(Action.PLANNING_READ)
def submission_pdf(process_id: str) -> Response:
    """Tờ trình (dossier item 1), printable; `?number=` and `?on=YYYY-MM-DD` optional."""
    return Response(
        printed_submission.submission_pdf(_submission(process_id)),
        mimetype="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="to-trinh.pdf"'},
    )


@bp.get(f"{P}/submission.docx")
@requires(Action.PLANNING_READ)
def submission_docx(process_id: str) -> Response:
    """The same Tờ trình as DOCX, for the office to edit before signing."""
    mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Response(
        printed_submission.submission_docx(_submission(process_id)),
        mimetype=mimetype,
        headers={"Content-Disposition": 'attachment; filename="to-trinh.docx"'},
    )


def _submission(process_id: str) -> printed_submission.Submission:
    """The Tờ trình's data, dated `?on=` (else the submission date, else today)."""
    process = processes.get(db(), process_id)
    if process.outcome is None:
        raise refused("no_outcome")
    on = request.args.get("on")
    number = request.args.get("number", "").strip()
    if len(number) > 20:
        raise refused("bad_request.too_long", field="number", most=20)
    config = current_app.config
    header = submission.Header(
        parent=config["AGENCY_PARENT"],
        agency=config["AGENCY"],
        place=config["AGENCY_PLACE"],
        code=config["AGENCY_CODE"],
        signer_title=config["HEAD_TITLE"],
        signer_name=config["HEAD_NAME"],
    )
    day = parse.day({"on": on}, "on") if on else process.submitted_on or clock.today()
    return submission.submission(db(), process, header, number, day)


def whole(process: Process) -> replies.Process:
    """A process with everything the console shows."""
    session = db()
    when = outcome.dates(session, process, current_app.config["AGENCY"])
    return replies.Process(
        **replies.ProcessBrief.of(process).model_dump(),
        reference=process.reference.strftime("%Y-%m"),
        term_start=process.term_start.strftime("%Y-%m") if process.term_start else None,
        steps=[
            replies.ProcessStep(
                number=item.number,
                title=steps.rule_step(process, item.number).title,
                status=cast(replies.StepStatus, item.status),
                conference=item.conference_id,
                phase=_phase(item.conference_id),
                approved=approval_of(item) if item.approved is not None else None,
                paper=paper_of(item),
                result=result_of(item),
            )
            for item in process.steps
        ],
        source=source_list.view(session, process),
        source_frozen=steps.source_frozen(process),
        structure=source_list.structure(session, process),
        review=review_of(process),
        warnings=[replies.ProcessWarning.of(w) for w in warnings.of(session, process)],
        outcome=_outcome(session, process, when.approval_late),
        dates=when,
        log=[replies.LogEntry.of(e) for e in process.log],
    )


def _outcome(
    session: Session, process: Process, late: outcome.Lateness | None
) -> replies.ProcessOutcome | None:
    """The outcome as stored, how late its approval came, and who fails the conditions today
    (with the head's override if any)."""
    stored = outcome_of(process)
    if stored is None:
        return None
    return replies.ProcessOutcome(
        **dict(stored),
        approval_late=late,
        unmet=conditions.unmet(session, process, clock.today()),
    )


def _phase(conference_id: str | None) -> Phase | None:
    if conference_id is None:
        return None
    conference = db().get(Conference, conference_id)
    return Phase(conference.phase) if conference is not None else None


def _summary(process_id: str) -> printed.DossierSummary:
    """The summary, its documents checked at `?review=YYYY-MM-DD`: by default the day the
    dossier was submitted ("thời điểm xem xét", B.VI), today until then."""
    process = processes.get(db(), process_id)
    review = request.args.get("review")
    return dossier.summary(
        db(),
        process,
        current_app.config["AGENCY"],
        installation_fingerprint(current_app),
        parse.day({"review": review}, "review")
        if review
        else process.submitted_on or clock.today(),
        current_app.config["TIMEZONE"],
        current_app.config["HEAD_NAME"],
        current_app.config["AGENCY_PARENT"],
        current_app.config["HEAD_TITLE"],
    )


def _download(body: bytes, mimetype: str, suffix: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="tong-hop-kiem-phieu.{suffix}"'},
    )


def _actor() -> str:
    return current_principal().actor
