"""The conference's event log and whether its hash chain is intact."""

from __future__ import annotations

from flask import Blueprint

from voting.conference import events
from voting.store import Conference
from voting.tally.chain import first_break
from voting.web.api import replies
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("events", __name__, url_prefix="/api")


@bp.get("/conferences/<conference_id>/events")
@requires(Action.EVENTS_READ)
@answers(replies.EventLog)
def index(conference: Conference) -> replies.EventLog:
    """Every event, oldest first, with the chain check."""
    entries = [events.to_entry(item) for item in events.log(db(), conference.id)]
    broken = first_break(entry.to_json() for entry in entries)
    return replies.EventLog(events=entries, chain_intact=broken is None, first_break=broken)
