"""Bảng tổng hợp kết quả kiểm phiếu ở các bước: the dossier's summary of a planning process —
for each position and candidate, every step's agree count, base and percentage — with the
removals and a per-candidate checklist of the dossier's documents (rules.md "After the vote"),
as an A4 landscape PDF and as XLSX, from the `DossierSummary` `voting.planning.dossier.summary`
makes.

The renderers check nothing beyond the summary's types: the numbers were checked when each
step was recorded. A step held on paper is marked "giấy" wherever it appears. Every page
carries the installation key's fingerprint, as every document does.

`model` holds the summary's shapes and the documents checklist, `wording` the Vietnamese text
both renderers print, `pdf` the page layout and `xlsx` the workbook.
"""

from voting.tally.dossier.model import (
    DOCUMENTS,
    CadreDocuments,
    CandidateRow,
    DecidedPosition,
    DocumentChecklist,
    DocumentItem,
    DossierSummary,
    HeadDecisionInfo,
    PositionRows,
    ProcessInfo,
    Removal,
    StepCount,
    StepInfo,
    document_checklist,
)
from voting.tally.dossier.pdf import dossier_pdf
from voting.tally.dossier.wording import PAPER, TITLE, moment_text
from voting.tally.dossier.xlsx import dossier_xlsx

__all__ = [
    "DOCUMENTS",
    "PAPER",
    "TITLE",
    "CadreDocuments",
    "CandidateRow",
    "DecidedPosition",
    "DocumentChecklist",
    "DocumentItem",
    "DossierSummary",
    "HeadDecisionInfo",
    "PositionRows",
    "ProcessInfo",
    "Removal",
    "StepCount",
    "StepInfo",
    "document_checklist",
    "dossier_pdf",
    "dossier_xlsx",
    "moment_text",
]
