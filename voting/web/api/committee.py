"""The counting committee's key ceremony, relayed (voting.conference.ceremony), and its
opening of the box (voting.conference.counting). Members authenticate with
`Authorization: Member <binding>`, the binding their phone received when it joined."""

from __future__ import annotations

from flask import Blueprint, current_app

from voting.conference import ceremony, counting
from voting.planning import paper, steps
from voting.store import Conference
from voting.web.api import replies
from voting.web.api.bodies import JoinToken, PaperConfirmation, Refusal
from voting.web.api.messages import (
    CommitmentHashMessage,
    CommitmentMessage,
    ComplaintMessage,
    ConfirmationMessage,
    CountSignatureMessage,
    PartialMessage,
    RejoinMessage,
    SharesMessage,
)
from voting.web.config import installation
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.room import push_state
from voting.web.schema import takes

bp = Blueprint("committee", __name__, url_prefix="/api/conferences/<conference_id>/committee")


def _member() -> int:
    member = current_principal().id
    assert member is not None
    return member


@bp.get("")
@requires(Action.COMMITTEE_READ)
@answers(ceremony.Committee)
def status(conference: Conference) -> ceremony.Committee:
    """Public: who joined and sent what, the published hashes and reveals, fingerprints."""
    return ceremony.status(db(), conference)


@bp.post("/tokens")
@requires(Action.COMMITTEE_MANAGE)
@answers(replies.MemberTokens)
def tokens(conference: Conference) -> tuple[replies.MemberTokens, int]:
    """One single-use join token per member (shown as QR); replaces any earlier ceremony."""
    issued = ceremony.issue_tokens(db(), conference.id, current_principal().actor)
    push_state(conference)
    return replies.MemberTokens(
        tokens=[replies.MemberToken(member=m, token=t) for m, t in issued]
    ), 201


@bp.post("/restart")
@requires(Action.COMMITTEE_MANAGE)
@answers(ceremony.Committee)
def restart(conference: Conference) -> ceremony.Committee:
    """A new round after a complaint: same phones, every message cleared."""
    ceremony.restart(db(), conference.id, current_principal().actor)
    push_state(conference)
    return ceremony.status(db(), conference)


@bp.post("/join")
@requires(Action.COMMITTEE_JOIN, anonymous_post=True)
@takes(JoinToken)
@answers(replies.Seat)
def join(conference: Conference, body: JoinToken) -> tuple[replies.Seat, int]:
    """Redeem a join token once; the binding goes in `Authorization: Member <binding>`."""
    member, binding = ceremony.join(db(), conference.id, body.token)
    push_state(conference)
    return _seat(conference, member, binding), 201


def _seat(conference: Conference, member: int, binding: str) -> replies.Seat:
    return replies.Seat(
        member=member,
        binding=binding,
        conference_id=conference.id,
        threshold=conference.committee_threshold,
        members=conference.committee_size,
    )


@bp.post("/members/<int:member>/replace")
@requires(Action.COMMITTEE_MANAGE)
@answers(replies.MemberToken)
def replace_phone(conference: Conference, member: int) -> tuple[replies.MemberToken, int]:
    """A member's lost or broken phone: revoked now; a single-use replacement token that only
    the member's backup can redeem (`POST …/committee/rejoin`)."""
    token = ceremony.replace_phone(db(), conference.id, member, current_principal().actor)
    push_state(conference)
    return replies.MemberToken(member=member, token=token), 201


@bp.post("/rejoin")
@requires(Action.COMMITTEE_JOIN, anonymous_post=True)
@takes(RejoinMessage)
@answers(replies.Seat)
def rejoin(conference: Conference, body: RejoinMessage) -> tuple[replies.Seat, int]:
    """Redeem a replacement token with the backup's signed proof (docs/crypto-committee.md)."""
    member, binding = ceremony.rejoin(db(), conference.id, body.root)
    push_state(conference)
    return _seat(conference, member, binding), 201


@bp.post("/commitment-hash")
@requires(Action.COMMITTEE_ACT)
@takes(CommitmentHashMessage)
@answers(ceremony.Committee)
def commitment_hash(conference: Conference, body: CommitmentHashMessage) -> ceremony.Committee:
    ceremony.post_hash(db(), conference.id, _member(), body.root)
    push_state(conference)  # the other phones take their next step without polling
    return ceremony.status(db(), conference)


@bp.post("/reveal")
@requires(Action.COMMITTEE_ACT)
@takes(CommitmentMessage)
@answers(ceremony.Committee)
def reveal(conference: Conference, body: CommitmentMessage) -> ceremony.Committee:
    ceremony.post_reveal(db(), conference.id, _member(), body.root)
    push_state(conference)  # the other phones take their next step without polling
    return ceremony.status(db(), conference)


@bp.post("/shares")
@requires(Action.COMMITTEE_ACT)
@takes(SharesMessage)
@answers(ceremony.Committee)
def send_shares(conference: Conference, body: SharesMessage) -> ceremony.Committee:
    ceremony.post_shares(db(), conference.id, _member(), body.root)
    push_state(conference)  # the other phones take their next step without polling
    return ceremony.status(db(), conference)


@bp.get("/shares")
@requires(Action.COMMITTEE_ACT)
@answers(SharesMessage)
def my_shares(conference: Conference) -> ceremony.SealedShares:
    """The sealed shares addressed to the calling member, answered in the format they were
    sent in (so the document describes each share)."""
    return ceremony.shares_for(db(), conference.id, _member())


@bp.post("/complaint")
@requires(Action.COMMITTEE_ACT)
@takes(ComplaintMessage)
@answers(ceremony.Committee)
def complaint(conference: Conference, body: ComplaintMessage) -> ceremony.Committee:
    ceremony.complain(db(), conference.id, _member(), body.root)
    push_state(conference)
    return ceremony.status(db(), conference)


@bp.post("/confirm")
@requires(Action.COMMITTEE_ACT)
@takes(ConfirmationMessage)
@answers(ceremony.Committee)
def confirm(conference: Conference, body: ConfirmationMessage) -> ceremony.Committee:
    ceremony.confirm(db(), conference.id, _member(), body.root)
    push_state(conference)
    return ceremony.status(db(), conference)


@bp.post("/partials")
@requires(Action.COMMITTEE_ACT)
@takes(PartialMessage)
@answers(replies.PartialAccepted)
def partial(conference: Conference, body: PartialMessage) -> replies.PartialAccepted:
    """The member's partial decryption of the aggregate of the frozen ballot list."""
    opened = counting.post_partial(db(), conference.id, _member(), body.root)
    if opened:  # a planning step's result moves its process on (docs/planning.md)
        steps.after_conference(
            db(), conference.id, current_principal().actor, installation(current_app).timezone
        )
    push_state(conference)
    return replies.PartialAccepted(accepted=True, opened=opened)


@bp.post("/refusal")
@requires(Action.COMMITTEE_ACT)
@takes(Refusal)
@answers(replies.RefusalAccepted)
def refusal(conference: Conference, body: Refusal) -> replies.RefusalAccepted:
    """The member's phone says why it will not open the box (a list far smaller than the
    room); logged for the console and the record."""
    counting.refuse_opening(db(), conference.id, _member(), body.ballots, body.present)
    return replies.RefusalAccepted(accepted=True)


@bp.post("/count-signatures")
@requires(Action.COMMITTEE_ACT)
@takes(CountSignatureMessage)
@answers(replies.CountSignatureAccepted)
def count_signature(
    conference: Conference, body: CountSignatureMessage
) -> replies.CountSignatureAccepted:
    """The member's signature of the counts; the t-th writes the signed record."""
    written = counting.post_count_signature(
        db(), conference.id, _member(), body.root, installation(current_app)
    )
    push_state(conference)
    return replies.CountSignatureAccepted(accepted=True, record_written=written)


@bp.get("/paper")
@requires(Action.COMMITTEE_ACT)
@answers(paper.PaperForm)
def paper_form(conference: Conference) -> paper.PaperForm:
    """For a step of a planning process held on paper: what the member's phone shows to confirm
    the counts (never the counts entered)."""
    process, item = paper.paper_step_of(db(), conference)
    return paper.paper_form(process, item)


@bp.post("/paper/confirmations")
@requires(Action.COMMITTEE_ACT)
@takes(PaperConfirmation)
@answers(paper.PaperForm)
def confirm_paper(conference: Conference, body: PaperConfirmation) -> paper.PaperForm:
    """The member re-types the paper counts from the paper minutes, from their own phone."""
    return paper.confirm_paper_from_phone(
        db(), conference, body.member, body.counts, current_principal().actor
    )
