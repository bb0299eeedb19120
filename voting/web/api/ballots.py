"""The ballot of a conference: read it, replace it whole in set-up."""

from __future__ import annotations

from flask import Blueprint

from voting.conference import ballot
from voting.conference.ballot import CandidateInput, SectionInput
from voting.store import Conference
from voting.web.api.bodies import BallotSections
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal
from voting.web.replies import answers
from voting.web.schema import takes

bp = Blueprint("ballots", __name__, url_prefix="/api")


@bp.get("/conferences/<conference_id>/ballot")
@requires(Action.BALLOT_READ)
@answers(ballot.Ballot)
def show(conference: Conference) -> ballot.Ballot:
    """The ballot: sections with candidates and quota."""
    return ballot.describe(conference)


@bp.put("/conferences/<conference_id>/ballot")
@requires(Action.BALLOT_EDIT)
@takes(BallotSections)
@answers(ballot.Ballot)
def replace(conference: Conference, body: BallotSections) -> ballot.Ballot:
    """Replace the whole ballot; every fault is listed in `problems`."""
    sections = [
        SectionInput(
            position=section.position,
            quota=section.quota,
            candidates=tuple(
                CandidateInput(c.full_name, c.post, c.unit, c.person_ref)
                for c in section.candidates
            ),
        )
        for section in body.sections
    ]
    ballot.replace(db(), conference.id, sections, current_principal().actor)
    return ballot.describe(conference)
