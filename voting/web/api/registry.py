"""The registry beyond its people (/api/people): attendees from outside the agency, the
planning in force, terms, holidays and dossier documents — list, import, export."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from voting.conference.errors import refused
from voting.registry import people
from voting.registry.kinds import KINDS
from voting.registry.table import Kind
from voting.web import parse
from voting.web.api import replies
from voting.web.extensions import db
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("registry", __name__, url_prefix="/api/registry")
MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@bp.get("/<kind>")
@requires(Action.PEOPLE_READ)
@answers(replies.RegistryTable)
def index(kind: str) -> replies.RegistryTable:
    """The table's rows in the import's columns."""
    table = _kind(kind)
    return replies.RegistryTable(
        columns=list(table.columns),
        rows=[dict(zip(table.columns, table.cells(r), strict=True)) for r in table.listing(db())],
    )


@bp.post("/<kind>")
@requires(Action.PEOPLE_IMPORT)
@answers(replies.Imported)
def import_file(kind: str) -> replies.Imported:
    """Replace the table with an uploaded CSV or XLSX file (all rows or none)."""
    with parse.upload() as path:
        imported = _kind(kind).import_file(db(), path)
    return replies.Imported(imported=len(imported))


@bp.get("/<kind>/export")
@requires(Action.PEOPLE_READ)
def export(kind: str) -> Response:
    """The table as CSV or XLSX (`?format=`), in the columns an import reads back."""
    fmt = request.args.get("format", "csv")
    if fmt not in MIMETYPES:
        raise refused("bad_request.format")
    body = people.export(db(), fmt) if kind == "people" else _kind(kind).export(db(), fmt)
    return Response(
        body,
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{kind}.{fmt}"'},
    )


def _kind(kind: str) -> Kind[Any]:
    if kind not in KINDS:
        raise refused("not_found.registry_table", kind=kind)
    return KINDS[kind]
