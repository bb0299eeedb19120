"""The agency's registry of people: import a CSV/XLSX file, list it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from voting.conference import registry
from voting.registry import people as registry_people
from voting.web import clock, parse
from voting.web.api import replies, shapes
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("people", __name__, url_prefix="/api")


@bp.get("/people")
@requires(Action.PEOPLE_READ)
@answers(replies.People)
def index() -> dict[str, Any]:
    """Everyone in the registry."""
    return {"people": [shapes.person(p) for p in registry.every(db())]}


@bp.post("/people")
@requires(Action.PEOPLE_IMPORT)
@answers(replies.Imported)
def import_file() -> dict[str, Any]:
    """Replace the registry with an uploaded file (all rows or none)."""
    with parse.upload() as path:
        people = registry_people.import_people(db(), path, today=clock.today())
    return {"imported": len(people)}
