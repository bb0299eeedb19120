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
    last = next((item for item in steps if item.number == final), None)
    final_result = (last.result if last is not None else None) or {}
    contested = final_result.get("contested") or {}
    over_cap = final_result.get("over_cap") or {}
    decision = final_result.get("decision")
    for position, rows in positions.items():
        for cadre, row in rows.items():
            row["outcome"], row["outcome_text"] = _outcome(
                row,
                (position, cadre) in chosen,
                final,
                "over_cap"
                if cadre in over_cap.get(position, [])
                else "tie"
                if cadre in contested.get(position, [])
                else None,
                decision is not None,
            )
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
        "decisions": _decisions(last, final_result, positions),
    }


def _decisions(
    last: Any, result: dict[str, Any], positions: dict[str, dict[str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The head's decision at the final step, as recorded: who, when, the note, and for each
    contested position who was left to the head and whom the head chose."""
    decision = result.get("decision")
    if last is None or not decision:
        return []

    def names(position: str, cadres: list[str]) -> list[str]:
        rows = positions.get(position, {})
        return [rows[c]["full_name"] if c in rows else c for c in cadres]

    contested = result.get("contested") or {}
    return [
        {
            "step": last.number,
            "paper": bool(result.get("paper")),
            "decided_by": decision["decided_by"],
            "decided_at": decision["decided_at"],
            "note": decision.get("note", ""),
            "positions": [
                {
                    "position": position,
                    "contested": names(position, contested.get(position, [])),
                    "chosen": names(position, list(decision["chosen"].get(position, []))),
                }
                for position in dict.fromkeys([*contested, *decision["chosen"]])
            ],
        }
    ]


def _outcome(
    row: dict[str, Any], chosen: bool, final: int, contested: str | None, decided: bool
) -> tuple[str, str]:
    """The candidate's outcome. At the final step a candidate left to the head (`contested`:
    "tie" for the last places, or "over_cap", past the 3-positions cap) is chosen or not by
    the head's decision, and the outcome says so — never "the quota was full", which was not
    why."""
    if chosen:
        if contested and decided:
            return "chosen_by_head", "Được đưa vào quy hoạch (người đứng đầu lựa chọn)"
        return "chosen", "Được đưa vào quy hoạch"
    failed = [int(n) for n, s in row["steps"].items() if not s["passed"]]
    if failed:
        return f"failed_step_{min(failed)}", f"Không đạt ở bước {min(failed)}"
    if str(final) in row["steps"]:
        if contested and decided:
            why = "bằng phiếu" if contested == "tie" else "vượt quá 3 chức danh"
            return "not_chosen_by_head", f"Đạt, {why} — người đứng đầu không lựa chọn"
        if contested:
            return "awaiting_head", "Đạt — chờ quyết định của người đứng đầu"
        return "not_chosen", "Đạt nhưng không được lựa chọn (đã đủ số lượng)"
    return "pending", "Chưa kết thúc quy trình"
