"""The agency's registry of people: import a CSV/XLSX file, list it."""

from __future__ import annotations

from flask import Blueprint

from voting.conference import registry
from voting.registry import people as registry_people
from voting.web import clock, parse
from voting.web.api import replies
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("people", __name__, url_prefix="/api")


@bp.get("/people")
@requires(Action.PEOPLE_READ)
@answers(replies.People)
def index() -> replies.People:
    """Everyone in the registry."""
    return replies.People(people=[replies.Person.of(p) for p in registry.every(db())])


@bp.post("/people")
@requires(Action.PEOPLE_IMPORT)
@answers(replies.Imported)
def import_file() -> replies.Imported:
    """Replace the registry with an uploaded file (all rows or none)."""
    with parse.upload() as path:
        people = registry_people.import_people(db(), path, today=clock.today())
    return replies.Imported(imported=len(people))
