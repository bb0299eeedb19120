"""The conference's event log and whether its hash chain is intact."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from voting.conference import events
from voting.store import Conference
from voting.tally.chain import first_break
from voting.web.api import replies, shapes
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("events", __name__, url_prefix="/api")


@bp.get("/conferences/<conference_id>/events")
@requires(Action.EVENTS_READ)
@answers(replies.EventLog)
def index(conference: Conference) -> dict[str, Any]:
    """Every event, oldest first, with the chain check."""
    entries = shapes.event_entries(events.log(db(), conference.id))
    broken = first_break(entries)
    return {"events": entries, "chain_intact": broken is None, "first_break": broken}
