"""The dossier's summary of a process (Bảng tổng hợp kết quả kiểm phiếu ở các bước) and the
per-candidate document checklist, as the plain data `voting.tally.dossier` prints; and what the
published lists say of how the result was reached (the steps held on paper, the head's
decision at the final step)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from voting.planning.conditions import overridden
from voting.planning.processes import RULES, registry_people
from voting.planning.steps import removed_entries, rule_step
from voting.registry import documents
from voting.rules.people import STUDYING, Person, PlannedPosition
from voting.rules.structure import structure_report
from voting.store import Process, ProcessStep, StepStatus
from voting.tally.dossier import document_checklist, moment_text

VOTED_REMOVAL = "Bỏ phiếu đề nghị đưa ra khỏi quy hoạch"
CAP = 3


def summary(
    session: Session,
    process: Process,
    agency: str,
    fingerprint: str,
    review: date,
    zone: str = "Asia/Ho_Chi_Minh",
    head_name: str = "",
) -> dict[str, Any]:
    """Every ballot step's count, base and percentage for each candidate, the removals (every
    cadre put to the removal ballot, removed or kept), and the documents checklist at the
    `review` date."""
    steps = _done(process)
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
    notes = _cap_notes(process, final_result, final)
    overrides = overridden(process)
    held_before: dict[str, int] = dict((process.steps[-1].approved or {}).get("held", {}))
    for position, rows in positions.items():
        for cadre, row in rows.items():
            capped = cadre in over_cap.get(position, [])
            row["outcome"], row["outcome_text"] = _outcome(
                row,
                (position, cadre) in chosen,
                final,
                "over_cap" if capped else "tie" if cadre in contested.get(position, []) else None,
                decision is not None,
            )
            if capped and cadre in notes:
                row["note"] = notes[cadre]
            if row["outcome"] == "not_chosen" and held_before.get(cadre, 0) >= CAP:
                row["outcome"] = "at_cap"
                row["outcome_text"] = (
                    f"Đạt nhưng đã được quy hoạch {held_before[cadre]} chức danh cùng cấp phê "
                    f"duyệt (không quá {CAP} chức danh, mục B.III.1)"
                )
            forced = overrides.get((position, cadre))
            if forced is not None and (position, cadre) in chosen:
                row["outcome_text"] += (
                    f" — không bảo đảm tiêu chuẩn, điều kiện ({'; '.join(forced['unmet'])}); "
                    f"người đứng đầu quyết định đề nghị phê duyệt, lý do: {forced['reason']}"
                )
                row["override"] = True
    people = {person.id: person for person in registry_people(session)}
    for position, rows in positions.items():
        for cadre, row in rows.items():
            row["details"] = _details(people.get(cadre), position)
            # Percentages with the decimal comma, as Vietnamese documents write them.
            for count in row["steps"].values():
                count["percent"] = decimal_comma(count["percent"])
    # The documents checklist covers those submitted for approval (the whole list until the
    # final step is done).
    submitted = {
        c["cadre"] for p in (process.outcome or {}).get("planned", []) for c in p["cadres"]
    }
    cadres = {
        cadre: row["full_name"]
        for rows in positions.values()
        for cadre, row in rows.items()
        if process.outcome is None or cadre in submitted
    }
    held = {ref: [(d.kind, d.dated) for d in documents.of(session, ref)] for ref in cadres}
    entries = [PlannedPosition(c, p) for p, c in sorted(chosen) if c in people]
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
            {"position": document_title(position), "candidates": list(rows.values())}
            for position, rows in positions.items()
        ],
        "removals": [
            r | {"position": document_title(r["position"]), "percent": decimal_comma(r["percent"])}
            for r in _removals(process, steps)
        ],
        "documents": document_checklist(list(cadres.items()), held, review),
        "decisions": [
            d
            | {
                "decided_by": f"{head_name} ({d['decided_by']})" if head_name else d["decided_by"],
                "decided_at_text": local_moment(d["decided_at"], zone),
                "positions": [
                    p | {"position": document_title(p["position"])} for p in d["positions"]
                ],
            }
            for d in _decisions(last, final_result, notes)
        ],
        "structure": _structure(entries, people, process),
    }


def document_title(title: str) -> str:
    """A position as documents write it: the units headed by a Chánh or a Giám đốc keep their
    own titles ("Trưởng phòng Văn phòng Sở" → "Chánh Văn phòng Sở", "Phó trưởng phòng Thanh
    tra Sở" → "Phó Chánh Thanh tra Sở", "Trưởng phòng Trung tâm …" → "Giám đốc Trung tâm …")."""
    for prefix, head in (("Phó trưởng phòng ", "Phó "), ("Trưởng phòng ", "")):
        if title.startswith(prefix):
            unit = title[len(prefix) :]
            for starts, word in (("Văn phòng", "Chánh"), ("Thanh tra", "Chánh")):
                if unit.startswith(starts):
                    return f"{head}{word} {unit}"
            if unit.startswith("Trung tâm"):
                return f"{head}Giám đốc {unit}"
    return title


def decimal_comma(percent: str | None) -> str | None:
    """ "62.50" → "62,50": the decimal comma of Vietnamese documents."""
    return percent.replace(".", ",") if percent is not None else None


def local_moment(instant: str, zone: str) -> str:
    """An ISO instant in the room's time zone, "20/04/2022 16:30 (giờ Asia/Ho_Chi_Minh)"."""
    try:
        moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
        local = moment.astimezone(ZoneInfo(zone))
    except (ValueError, ZoneInfoNotFoundError):
        return moment_text(instant)
    return f"{local:%d/%m/%Y %H:%M} (giờ {_ZONE_VI.get(zone, zone)})"


_ZONE_VI = {"Asia/Ho_Chi_Minh": "Việt Nam", "Asia/Bangkok": "Việt Nam"}
_SEX_VI = {"M": "nam", "F": "nữ"}
_THEORY_VI = {"none": "chưa có", "so_cap": "sơ cấp", "trung_cap": "trung cấp", "cao_cap": "cao cấp"}


def _details(person: Person | None, position: str) -> str:
    """ "sinh 1992 · nữ · đối tượng 2 · LLCT sơ cấp" (empty for someone not in the registry)."""
    if person is None:
        return ""
    kind = RULES.position_for(position)
    post = RULES.post_for(person.post)
    category = kind.categories.get(post.key) if kind and post else None
    theory = person.political_theory
    level = _THEORY_VI.get(theory.removeprefix(STUDYING), theory.removeprefix(STUDYING))
    parts = [f"sinh {person.born.year}", _SEX_VI.get(person.sex, person.sex)]
    if category is not None:
        parts.append(f"đối tượng {category}")
    parts.append(f"LLCT {'đang học ' if theory.startswith(STUDYING) else ''}{level}")
    return " · ".join(parts)


def _structure(
    entries: list[PlannedPosition], people: Mapping[str, Person], process: Process
) -> str:
    """The young and women counts and shares of the list proposed (B.III.2's targets)."""
    if not entries:
        return ""
    report = structure_report(entries, people, process.reference, RULES)
    targets = RULES.structure

    def share(value: Any) -> str:
        return f"{float(value) * 100:.1f}".replace(".", ",") + "%"

    return (
        f"Danh sách đề nghị: {report.planned} cán bộ; cán bộ trẻ (dưới "
        f"{targets.young_under_years} tuổi) {report.young} người, {share(report.young_share)} "
        f"(chỉ tiêu từ {share(targets.young_min)}); cán bộ nữ {report.women} người, "
        f"{share(report.women_share)} (chỉ tiêu từ {share(targets.women_min)})."
    )


def published(process: Process, zone: str) -> dict[str, Any]:
    """What the published lists say of how the result was reached: the steps held on paper
    (planning.md: a paper step "and everything printed from it" is marked), whether the final
    step and the removal ballot were among them, and the head's decision at the final step
    (its time in the room's time zone `zone`), with the cadres the head chose (position →
    cadres)."""
    steps = _done(process)
    final = process.steps[-1].number
    last = next((item for item in steps if item.number == final), None)
    final_result = (last.result if last is not None else None) or {}
    paper = [item for item in steps if item.result is not None and item.result.get("paper")]
    decision = final_result.get("decision") or {}
    return {
        "paper_steps": [
            {
                "number": item.number,
                "title": rule_step(process, item.number).title,
                "held_on": _day(item.result["held_on"]) if item.result else None,
                "confirmed_by": [c["member"] for c in (item.paper or {}).get("confirmations", [])],
            }
            for item in paper
        ],
        "final_paper": bool(final_result.get("paper")),
        "removal_paper": any(
            item.result is not None and item.result["kind"] == "removal" for item in paper
        ),
        "decisions": [
            d | {"decided_at_text": local_moment(d["decided_at"], zone)}
            for d in _decisions(last, final_result, _cap_notes(process, final_result, final))
        ],
        "chosen_by_head": {
            position: list(cadres) for position, cadres in (decision.get("chosen") or {}).items()
        },
        # KH 331 A.I: a cadre failing the conditions, put forward by the head's decision.
        "overrides": overridden(process),
        # Positions as documents write them (Chánh Thanh tra Sở, …).
        "title": document_title,
    }


def account_name(actor: str) -> str:
    """How a document names the account that acted: accounts have only a username (no display
    name), so the username, without the event log's "user:" prefix."""
    kind, _, name = actor.partition(":")
    return name if kind == "user" and name else actor


def _done(process: Process) -> list[ProcessStep]:
    return [
        item for item in process.steps if item.status == StepStatus.DONE and item.result is not None
    ]


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _removals(process: Process, steps: list[ProcessStep]) -> list[dict[str, Any]]:
    """The automatic removals, then every cadre put to the removal ballot with its count, base
    and percentage — removed (it passed) or kept — as the dossier holds every step's tally."""
    out: list[dict[str, Any]] = []
    voted: set[tuple[str, str]] = set()
    for r in removed_entries(process):
        if r["automatic"]:
            out.append(
                {
                    "ref": r["cadre"],
                    "full_name": r["full_name"],
                    "position": r["position"],
                    "reason": "; ".join(x["vi"] for x in r["reasons"]),
                    "automatic": True,
                    "agree": None,
                    "base_count": None,
                    "percent": None,
                    "removed": True,
                }
            )
    for item in steps:
        if item.result is None or item.result["kind"] != "removal":
            continue
        for section in item.result["sections"]:
            for c in section["candidates"]:
                voted.add((section["position"], c["cadre"]))
                out.append(
                    {
                        "ref": c["cadre"],
                        "full_name": c["full_name"],
                        "position": section["position"],
                        "reason": VOTED_REMOVAL,
                        "automatic": False,
                        "agree": c["agree"],
                        "base_count": c["base_count"],
                        "percent": c["percent"],
                        "removed": bool(c["passed"]),
                    }
                )
    # A removal the process holds without its ballot's result (none is expected): still listed.
    for r in removed_entries(process):
        if not r["automatic"] and (r["position"], r["cadre"]) not in voted:
            out.append(
                {
                    "ref": r["cadre"],
                    "full_name": r["full_name"],
                    "position": r["position"],
                    "reason": VOTED_REMOVAL,
                    "automatic": False,
                    "agree": r.get("agree"),
                    "base_count": None,
                    "percent": r.get("percent"),
                    "removed": True,
                }
            )
    return out


def _cap_notes(process: Process, result: Mapping[str, Any], final: int) -> dict[str, str]:
    """For each cadre over the 3-positions cap at the final step, why: the positions already
    held in the planning of the term (fixed with the final step's ballot, the record's
    `planned`) and those passed at the final step."""
    over = {cadre for cadres in (result.get("over_cap") or {}).values() for cadre in cadres}
    if not over:
        return {}
    held: dict[str, int] = dict((process.steps[-1].approved or {}).get("held", {}))
    passed: dict[str, int] = {}
    for section in result.get("sections", []):
        for c in section["candidates"]:
            if c["passed"]:
                passed[c["cadre"]] = passed.get(c["cadre"], 0) + 1
    notes = {}
    for cadre in over:
        already = held.get(cadre, 0)
        won = passed.get(cadre, 0)
        notes[cadre] = (
            f"vượt quá {CAP} chức danh: đã có {already} chức danh trong quy hoạch, "
            f"đạt thêm {won} chức danh ở bước {final}"
            if already
            else f"vượt quá {CAP} chức danh: đạt {won} chức danh ở bước {final}"
        )
    return notes


def _decisions(
    last: ProcessStep | None, result: Mapping[str, Any], notes: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The head's decision at the final step, as recorded: who (the account's name), when, the
    note, and for each contested position who was left to the head, why (a tie for the last
    places, or over the cap with the positions already held), and whom the head chose."""
    decision = result.get("decision")
    if last is None or not decision:
        return []
    full_names = {
        c["cadre"]: c["full_name"] for s in result.get("sections", []) for c in s["candidates"]
    }

    def names(cadres: list[str]) -> list[str]:
        return [full_names.get(c, c) for c in cadres]

    contested = result.get("contested") or {}
    over_cap = result.get("over_cap") or {}
    out = []
    # In ballot order, whatever order the selection listed them in.
    ballot = [s["position"] for s in result.get("sections", [])]
    concerned = {*contested, *decision["chosen"]}
    for position in dict.fromkeys(
        [*[p for p in ballot if p in concerned], *contested, *decision["chosen"]]
    ):
        capped = list(over_cap.get(position, []))
        tied = [c for c in contested.get(position, []) if c not in capped]
        reasons = []
        if tied:
            reasons.append(f"Bằng phiếu ở vị trí cuối: {', '.join(names(tied))}")
        reasons += [
            f"{full_names.get(c, c)}: {notes.get(c, f'vượt quá {CAP} chức danh')}" for c in capped
        ]
        out.append(
            {
                "position": position,
                "contested": names(list(contested.get(position, []))),
                "chosen": names(list(decision["chosen"].get(position, []))),
                "reasons": reasons,
            }
        )
    return [
        {
            "step": last.number,
            "paper": bool(result.get("paper")),
            "decided_by": account_name(decision["decided_by"]),
            "decided_at": decision["decided_at"],
            "decided_at_text": moment_text(decision["decided_at"]),
            "note": decision.get("note", ""),
            "positions": out,
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
