"""The projector: the room's public reference, read-only, for anyone — only public data."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, current_app, render_template

from voting.conference import conferences, quorum
from voting.store import Conference
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
        bundles=served_bundles(),
        strings=strings(*SCRIPT_STRINGS),
    )


def served_bundles() -> dict[str, str]:
    """The SHA-256 of each browser bundle this server serves (the build's manifest), so anyone
    can rebuild from the lock file and compare (design.md guarantee 1)."""
    manifest = Path(current_app.static_folder or "", "dist", "manifest.json")
    if not manifest.is_file():
        return {}
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    every = {**listed.get("bundles", {}), **listed.get("pages", {})}
    return {name: item["sha256"] for name, item in sorted(every.items())}
