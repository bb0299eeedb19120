"""The organiser's registry page: each table's size, its import (all rows or none, every bad
row shown) and its export, with the units and positions the registry gives (docs/registry.md)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from voting.conference.errors import ConferenceError, refused
from voting.planning.processes import RULES, registry_people
from voting.registry import people
from voting.registry.kinds import KINDS
from voting.rules.source import positions_of_tier
from voting.web import clock, parse
from voting.web.extensions import db
from voting.web.i18n import translate
from voting.web.pages.guard import page_requires, show_refusals_on
from voting.web.policy import Action

bp = Blueprint("registry_page", __name__, url_prefix="/organiser/registry")


@bp.get("/")
@page_requires(Action.PEOPLE_IMPORT)
def index() -> str:
    """Every table of the registry."""
    return _page()


@bp.post("/<kind>")
@page_requires(Action.PEOPLE_IMPORT)
def import_file(kind: str) -> Response:
    """Replace one table with the uploaded file."""
    with parse.upload() as path:
        if kind == "people":
            imported = len(people.import_people(db(), path, today=clock.today()))
        elif kind in KINDS:
            imported = len(KINDS[kind].import_file(db(), path))
        else:
            raise refused("not_found.registry_table", kind=kind)
    flash(translate("registry.done", n=imported))
    return redirect(url_for(".index", _anchor=kind))


def _page(error: ConferenceError | None = None) -> str:
    session = db()
    everyone = registry_people(session)
    counts = {"people": len(everyone)} | {k: len(t.listing(session)) for k, t in KINDS.items()}
    return render_template(
        "organiser/registry.html",
        kinds=["people", *KINDS],
        columns={"people": "id, full_name, sex, born, post, unit, …"}
        | {k: ", ".join(t.columns) for k, t in KINDS.items()},
        counts=counts,
        positions={tier: positions_of_tier(tier, everyone, RULES) for tier in RULES.tiers},
        error=error,
    )


# A refused file is shown on the page with each bad row; nothing was imported.
show_refusals_on(bp, _page)
