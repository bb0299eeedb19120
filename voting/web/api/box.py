"""The ballot box: casting (no session, no cookie, no log: the card's signature authenticates
the ballot), the published list, the result, the head's decision, the record, abort."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from voting import canonical
from voting.conference import (
    absence,
    accounts,
    casting,
    committee_members,
    counting,
    opening,
    public,
    results,
)
from voting.conference.errors import refused
from voting.crypto.ballot import ballot_list_hash
from voting.planning import steps
from voting.store import Conference, Phase
from voting.tally.exports import counts_csv, counts_xlsx
from voting.tally.minutes import RoomNotes, minutes_pdf
from voting.web.api import replies
from voting.web.api.bodies import Decision, Reason
from voting.web.api.messages import SignedBallot
from voting.web.api.signed_record import SignedRecordFile
from voting.web.config import installation
from voting.web.documents import file_name
from voting.web.extensions import db
from voting.web.policy import Action, allowed, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.room import push_state, push_turnout
from voting.web.schema import takes

bp = Blueprint("box", __name__, url_prefix="/api/conferences/<conference_id>")


@bp.post("/ballots")
@requires(Action.BALLOT_CAST, anonymous_post=True)
@takes(SignedBallot)
@answers(casting.Receipt)
def cast(conference: Conference, body: SignedBallot) -> tuple[casting.Receipt, int]:
    """Verify, burn the card and store in one transaction; 201 with the receipt after the
    commit."""
    receipt = casting.cast(db(), conference.id, body.root)
    push_turnout(conference.id)
    return receipt, 201


@bp.get("/ballots")
@requires(Action.BALLOTS_READ)
@answers(replies.BallotList)
def published(conference: Conference) -> replies.BallotList:
    """Every ballot in hash order with the list hash; `?hashes=1` gives only the hashes. While
    voting runs only the committee's phones may read it: anyone polling a growing list would
    learn when each ballot arrived. A voter looks up their own receipt (`/ballots/<receipt>`)."""
    if conference.phase == Phase.VOTING and not allowed(
        current_principal(), Action.BALLOTS_LIVE_READ, conference
    ):
        raise refused("list_not_public_yet")
    if request.args.get("hashes"):
        hashes = opening.ballot_hashes(db(), conference.id)
        return replies.BallotList(
            count=len(hashes), ballot_list_hash=ballot_list_hash(hashes), hashes=hashes
        )
    items = casting.published(db(), conference.id)
    return replies.BallotList(
        count=len(items),
        ballot_list_hash=ballot_list_hash(item.hash for item in items),
        ballots=items,
    )


@bp.get("/ballots/<receipt>")
@requires(Action.BALLOTS_READ)
@answers(casting.PublishedBallot)
def lookup(conference: Conference, receipt: str) -> casting.PublishedBallot:
    """One ballot by its receipt (the voter checks it is in the list)."""
    return casting.lookup(db(), conference.id, receipt)


@bp.get("/opening")
@requires(Action.BALLOTS_READ)
@answers(replies.Opening)
def context(conference: Conference) -> replies.Opening:
    """What a voter's page builds against once voting is open: the fingerprint, the ballot
    definition (ids "s1", "s1c1", …), the joint key, convened and present; for committee
    phones, the fewest ballots the box may be opened with (`min_ballots`, 0 at a practice
    round)."""
    ctx = opening.context(db(), conference)
    return replies.Opening(
        conference=conference.id,
        fingerprint=ctx.fingerprint,
        definition=replies.BallotDefinition.of(ctx.definition),
        joint_key=ctx.joint_key.hex(),
        convened=conference.convened_at_opening,
        present=conference.present_at_opening,
        min_ballots=opening.minimum(conference),
        state=public.state(db(), conference),
    )


@bp.post("/abort")
@requires(Action.VOTE_ABORT)
@takes(Reason)
@answers(public.State)
def abort(conference: Conference, body: Reason) -> public.State:
    """Stop the vote with a reason: cards void, nothing decrypted."""
    stopped = opening.abort(db(), conference.id, body.reason, current_principal().actor)
    push_state(stopped)
    return public.state(db(), stopped)


@bp.get("/result")
@requires(Action.RESULT_READ)
@answers(results.Result)
def result(conference: Conference) -> results.Result:
    """The result as the caller may see it: sealed counts only for the committee, organiser,
    leadership and head; everyone at a step whose result is announced."""
    sealed = allowed(current_principal(), Action.RESULT_SEALED_READ, conference)
    return results.view(db(), conference, sealed)


@bp.post("/decision")
@requires(Action.HEAD_DECIDE)
@takes(Decision)
@answers(results.Result)
def decide(conference: Conference, body: Decision) -> results.Result:
    """The head fills the contested places: `{"chosen": {section: [candidate ids]}, "note"}`."""
    outcome = record_decision(conference, body.chosen, body.note)
    return results.Result(conference=conference.id, status="announced", result=outcome)


def record_decision(
    conference: Conference, chosen: dict[str, list[str]], note: str
) -> results.BoxResult:
    """The head's decision, from this API or the head's page: checked and logged, the signed
    record written again with it, and the room told (the projector turns to the result)."""
    actor = current_principal().actor
    decided_by = accounts.name_of(db(), actor)  # the person's name, as the minutes print it
    outcome = results.decide(db(), conference.id, chosen, note, actor, decided_by)
    counting.rewrite_after_decision(db(), conference.id, installation(current_app), actor)
    steps.after_conference(db(), conference.id, actor, installation(current_app).timezone)
    push_state(conference)
    return outcome


@bp.get("/record")
@requires(Action.RECORD_READ)
@answers(SignedRecordFile)
def record(conference: Conference) -> Response:
    """The signed conference record (canonical JSON, `voting verify` checks it)."""
    return _download(
        counting.record(db(), conference), "application/json", file_name(conference, "record")
    )


@bp.get("/minutes.pdf")
@requires(Action.RECORD_READ)
def minutes(conference: Conference) -> Response:
    """Biên bản kiểm phiếu from the stored record (`?lang=en` for English), with the room's
    notes: the committee members' names and why each absent attendee was away."""
    lang = "en" if request.args.get("lang") == "en" else "vi"
    notes = RoomNotes(
        committee_members.names(db(), conference), absence.of_absent(db(), conference.id)
    )
    return _download(
        minutes_pdf(
            counting.record(db(), conference), lang, notes, current_app.config["AGENCY_PARENT"]
        ),
        "application/pdf",
        file_name(conference, "minutes"),
    )


@bp.get("/counts.csv")
@requires(Action.RECORD_READ)
def counts_as_csv(conference: Conference) -> Response:
    """The counts of the stored record as CSV."""
    document = canonical.loads(counting.record(db(), conference))
    return _download(
        counts_csv(document), "text/csv; charset=utf-8", file_name(conference, "counts.csv")
    )


@bp.get("/counts.xlsx")
@requires(Action.RECORD_READ)
def counts_as_xlsx(conference: Conference) -> Response:
    """The counts of the stored record as an Excel workbook."""
    document = canonical.loads(counting.record(db(), conference))
    return _download(counts_xlsx(document), XLSX, file_name(conference, "counts.xlsx"))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, mimetype: str, name: str) -> Response:
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
