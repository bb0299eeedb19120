"""The projector: the room's public reference, read-only, for anyone — only public data."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template

from voting.conference import conferences, quorum
from voting.store import Conference
from voting.tally.bundles import served_bundles
from voting.web.extensions import db
from voting.web.i18n import LIVE_STRINGS, RESULT_STRINGS, strings
from voting.web.pages.guard import html_errors, page_requires
from voting.web.policy import Action

bp = Blueprint("projector", __name__, url_prefix="/projector")
html_errors(bp)

# What the projector's script says; it fills {n}, {dealt}, {replaced}, {voided} and {reason}.
SCRIPT_STRINGS = (
    "projector.list_hash",
    "projector.final_hash",
    "projector.member_key",
    "projector.cards",
    "projector.aborted",
    "projector.page",
    "result.sealed",
    *RESULT_STRINGS,
    *LIVE_STRINGS,
)


@bp.get("/<conference_id>")
@page_requires(Action.STATE_READ)
def show(conference: Conference) -> str:
    """Conference, step, quorum and phase; the fingerprints, turnout and the public result;
    kept live by its script."""
    return render_template(
        "projector.html",
        conference=conference,
        step=conferences.step_of(conference),
        state=quorum.state(db(), conference),
        # design.md guarantee 1: anyone can rebuild from the lock file and compare.
        bundles=served_bundles(
            Path(current_app.static_folder or "", "dist", "manifest.json"), pages=True
        ),
        strings=strings(*SCRIPT_STRINGS),
    )
