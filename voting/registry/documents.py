"""The documents of each cadre's dossier and their dates (rules.md "After the vote": CV with
photo, evaluations, political-standard conclusion, asset declaration, certified diplomas)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import Cells, Kind, Known, day, fold
from voting.store import DossierDocument
from voting.tabular import Row
from voting.translations import texts

KINDS = ("cv", "evaluation", "political_standard", "assets", "diplomas")


def _parse(row: Row, known: Known) -> DossierDocument:
    cells = Cells()
    ref = row.get("cadre_id")
    cadre = known.person(ref) if ref else ref
    if cadre is None:
        cells.add("cadre_id", texts("import.cadre_unknown", ref=ref))
    kind = row.get("kind")
    if kind not in KINDS:
        cells.add("kind", texts("import.kind", kinds=", ".join(KINDS)))
    dated = cells.take(lambda: day(row, "dated"), date.min) if row.get("dated") else date.min
    if dated > known.today:
        cells.add("dated", texts("import.dated_future", dated=dated))
    cells.done()
    return DossierDocument(cadre_ref=cadre or ref, kind=kind, dated=dated, note=row.get("note"))


KIND = Kind(
    "import.what.documents",
    DossierDocument,
    ("cadre_id", "kind", "dated", "note"),
    ("cadre_id", "kind", "dated"),
    _parse,
    lambda d: (fold(d.cadre_ref), d.kind),
    lambda d: (d.cadre_ref, d.kind, d.dated.isoformat(), d.note),
    lambda session: every(session),
)


def every(session: Session) -> list[DossierDocument]:
    """Every document, by cadre and kind."""
    return list(
        session.execute(
            select(DossierDocument).order_by(DossierDocument.cadre_ref, DossierDocument.kind)
        ).scalars()
    )


def of(session: Session, cadre_ref: str) -> list[DossierDocument]:
    """One cadre's documents."""
    return list(
        session.execute(
            select(DossierDocument)
            .where(DossierDocument.cadre_ref == cadre_ref)
            .order_by(DossierDocument.kind)
        ).scalars()
    )
