"""The dossier's summary of a process (Bảng tổng hợp kết quả kiểm phiếu ở các bước) and the
per-candidate document checklist, as the plain data `voting.tally.dossier` prints."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from voting.planning.processes import RULES
from voting.planning.steps import removed_entries, rule_step
from voting.registry import documents
from voting.store import Process, StepStatus
from voting.tally.dossier import document_checklist


def summary(
    session: Session, process: Process, agency: str, fingerprint: str, review: date
) -> dict[str, Any]:
    """Every ballot step's count, base and percentage for each candidate, the removals, and
    the documents checklist at the `review` date."""
    steps = [
        item for item in process.steps if item.status == StepStatus.DONE and item.result is not None
    ]
    positions: dict[str, dict[str, dict[str, Any]]] = {}
    for item in steps:
        if item.result is None or item.result["kind"] != "candidates":
            continue
        for section in item.result["sections"]:
            rows = positions.setdefault(section["position"], {})
            for c in section["candidates"]:
                row = rows.setdefault(
                    c["cadre"],
                    {k: c[k] for k in ("full_name", "post", "unit")}
                    | {"ref": c["cadre"], "steps": {}},
                )
                row["steps"][str(item.number)] = {
                    "agree": c["agree"],
                    "base_count": c["base_count"],
                    "percent": c["percent"],
                    "passed": c["passed"],
                }
    chosen = {
        (p["position"], c["cadre"])
        for p in (process.outcome or {}).get("planned", [])
        for c in p["cadres"]
    }
    final = process.steps[-1].number
    for position, rows in positions.items():
        for cadre, row in rows.items():
            row["outcome"], row["outcome_text"] = _outcome(row, (position, cadre) in chosen, final)
    cadres = {cadre: row["full_name"] for rows in positions.values() for cadre, row in rows.items()}
    held = {ref: [(d.kind, d.dated) for d in documents.of(session, ref)] for ref in cadres}
    # The removal ballot's base for each cadre put to it (annual review, step 1).
    bases = {
        (section["position"], c["cadre"]): c["base_count"]
        for item in steps
        if item.result is not None and item.result["kind"] == "removal"
        for section in item.result["sections"]
        for c in section["candidates"]
    }
    return {
        "agency": agency,
        "fingerprint": fingerprint,
        "process": {
            "title": process.title,
            "procedure_title": RULES.procedures[process.procedure].title,
            "tier_title": RULES.tiers[process.tier].title,
            "term": process.term,
            "reference": process.reference.strftime("%Y-%m"),
        },
        "steps": [
            {
                "number": item.number,
                "title": rule_step(process, item.number).title,
                "held_on": item.result["held_on"],
                "paper": item.result["paper"],
                "kind": item.result["kind"],
                "threshold": item.result["threshold"],
                "convened": item.result["convened"],
                "present": item.result["present"],
                "base_count": item.result["base_count"],
            }
            for item in steps
            if item.result is not None
        ],
        "positions": [
            {"position": position, "candidates": list(rows.values())}
            for position, rows in positions.items()
        ],
        "removals": [
            {
                "ref": r["cadre"],
                "full_name": r["full_name"],
                "position": r["position"],
                "reason": "; ".join(x["vi"] for x in r["reasons"])
                if r["automatic"]
                else "Bỏ phiếu đề nghị đưa ra khỏi quy hoạch",
                "automatic": r["automatic"],
                "agree": r.get("agree"),
                "base_count": bases.get((r["position"], r["cadre"])),
                "percent": r.get("percent"),
                "removed": True,
            }
            for r in removed_entries(process)
        ],
        "documents": document_checklist(list(cadres.items()), held, review),
    }


def _outcome(row: dict[str, Any], chosen: bool, final: int) -> tuple[str, str]:
    if chosen:
        return "chosen", "Được đưa vào quy hoạch"
    failed = [int(n) for n, s in row["steps"].items() if not s["passed"]]
    if failed:
        return f"failed_step_{min(failed)}", f"Không đạt ở bước {min(failed)}"
    if str(final) in row["steps"]:
        return "not_chosen", "Đạt nhưng không được lựa chọn (đã đủ số lượng)"
    return "pending", "Chưa kết thúc quy trình"
