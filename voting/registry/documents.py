"""The documents of each cadre's dossier and their dates (rules.md "After the vote": CV with
photo, evaluations, political-standard conclusion, asset declaration, certified diplomas)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.registry.table import CellError, Kind, day
from voting.store import DossierDocument
from voting.tabular import Row

KINDS = ("cv", "evaluation", "political_standard", "assets", "diplomas")


def _parse(row: Row) -> DossierDocument:
    kind = row.get("kind")
    if kind not in KINDS:
        raise CellError(
            "kind", f"expected one of {', '.join(KINDS)}", f"phải là một trong {', '.join(KINDS)}"
        )
    return DossierDocument(
        cadre_ref=row.get("cadre_id"), kind=kind, dated=day(row, "dated"), note=row.get("note")
    )


KIND = Kind(
    "danh mục hồ sơ",
    "Dossier documents",
    DossierDocument,
    ("cadre_id", "kind", "dated", "note"),
    ("cadre_id", "kind", "dated"),
    _parse,
    lambda d: (d.cadre_ref, d.kind),
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
