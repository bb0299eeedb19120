"""The ballot of a conference: read it, replace it whole in set-up."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from voting.conference import ballot
from voting.conference.ballot import CandidateInput, SectionInput
from voting.store import Conference
from voting.web import parse
from voting.web.api import shapes
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.principals import current_principal

bp = Blueprint("ballots", __name__, url_prefix="/api")


@bp.get("/conferences/<conference_id>/ballot")
@requires(Action.BALLOT_READ)
def show(conference: Conference) -> dict[str, Any]:
    """The ballot: sections with candidates and quota."""
    return shapes.ballot_of(conference)


@bp.put("/conferences/<conference_id>/ballot")
@requires(Action.BALLOT_EDIT)
def replace(conference: Conference) -> dict[str, Any]:
    """Replace the whole ballot; every fault is listed in `problems`."""
    sections = [
        SectionInput(
            position=parse.text(section, "position"),
            quota=parse.optional_integer(section, "quota"),
            candidates=tuple(
                CandidateInput(
                    full_name=parse.text(candidate, "full_name"),
                    post=parse.text(candidate, "post"),
                    unit=parse.text(candidate, "unit"),
                    person_ref=parse.optional_text(candidate, "person_ref"),
                )
                for candidate in parse.items(section, "candidates")
            ),
        )
        for section in parse.items(parse.body(), "sections")
    ]
    ballot.replace(db(), conference.id, sections, current_principal().actor)
    return shapes.ballot_of(conference)
