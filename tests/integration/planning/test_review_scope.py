"""What an annual review may touch, and what its approval records: a review of one tier covers
that tier's positions only (a removal of another tier's post is refused), the approval closes
the removed entry of the process's term only (the same cadre's planning for another term
stays), a late approval is accepted and flagged, and a tie the head decided at the final step
is reported as the head's choice in the dossier."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from typing import Any

from openpyxl import load_workbook

TT = "Thanh tra Sở"
HEAD_TT, DEPUTY_TT = f"Trưởng phòng {TT}", f"Phó trưởng phòng {TT}"
HEADER = "cadre_id,full_name,position,term,approved_on\n"
# Both tiers' planning of the current term, and SCT012's own entry for the next term.
PLANNING = HEADER + (
    "SCT002,Tô Văn Đạt,Giám đốc Sở,2020-2025;2021-2026,2021-06-15\n"
    "SCT005,Đỗ Thị Dung,Phó Giám đốc Sở,2020-2025;2021-2026,2021-06-15\n"
    # Disciplined: removed without a vote from the agency's post, but not from the province's.
    f"SCT054,Đoàn Minh Tuấn,{HEAD_TT},2021-2026,2021-06-15\n"
    "SCT054,Đoàn Minh Tuấn,Phó Giám đốc Sở,2020-2025;2021-2026,2021-06-15\n"
    f"SCT012,Dương Thanh Dung,{HEAD_TT},2020-2025;2021-2026,2021-06-15\n"
    f"SCT012,Dương Thanh Dung,{HEAD_TT},2025-2030,2024-06-15\n"
)
START = {
    "procedure": "annual_review",
    "tier": "agency",
    "term": "2021-2026",
    "reference": "2022-04",
    "held_on": "2022-04-20",
    "place": "Hội trường Sở",
}


def start(site: Any, organiser: Any, planning: str) -> dict[str, Any]:
    assert organiser.upload("/api/people", site.agency).status_code == 200
    file = site.file("planning.csv", planning)
    assert organiser.upload("/api/registry/planning", file).status_code == 200
    r = organiser.post("/api/processes", json=START)
    assert r.status_code == 201, r.json
    process: dict[str, Any] = r.json
    return process


def keep_only(organiser: Any, process: dict[str, Any], lists: dict[str, list[str]]) -> None:
    """The source list as given, every other position emptied."""
    base = f"/api/processes/{process['id']}"
    for s in process["source"]:
        cadres = lists.get(s["position"], [])
        r = organiser.put(f"{base}/source", json={"position": s["position"], "cadres": cadres})
        assert r.status_code == 200, r.json


def test_the_agency_review_covers_the_agency_posts_only_and_its_term_only(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]], marks: Any
) -> None:
    process = start(site, organiser, PLANNING)
    base = f"/api/processes/{process['id']}"
    review = process["review"]
    assert {(p["cadre"], p["position"]) for p in review["planned"]} == {("SCT012", HEAD_TT)}
    assert [(a["cadre"], a["position"]) for a in review["automatic"]] == [("SCT054", HEAD_TT)]
    assert {s["position"] for s in process["source"]}.isdisjoint({"Giám đốc Sở", "Phó Giám đốc Sở"})
    keep_only(organiser, process, {})

    def refused(removals: list[dict[str, str]], code: str) -> dict[str, Any]:
        before = organiser.get(base).json
        r = organiser.post(
            f"{base}/steps/1/approval", json={"held_on": "2022-04-20", "removals": removals}
        )
        assert r.status_code == 422 and site.code(r) == code, r.json
        assert organiser.get(base).json == before
        error: dict[str, Any] = r.json["error"]
        return error

    error = refused([{"cadre": "SCT002", "position": "Giám đốc Sở"}], "position_outside_tier")
    assert "Giám đốc Sở" in error["message"] and "SCT002" in error["message_en"]
    assert "tier" in error["message_en"]
    # Of the tier, but not in the planning reviewed.
    refused([{"cadre": "SCT013", "position": HEAD_TT}], "not_planned")
    # Removed without a vote already: not put to the removal ballot.
    refused([{"cadre": "SCT054", "position": HEAD_TT}], "not_planned")
    # The same through the organiser's form: refused, the step not recorded.
    page = organiser.post(
        f"/organiser/planning/{process['id']}/steps/1/approval",
        data={
            "held_on": "2022-04-20",
            "removal": "SCT002|Giám đốc Sở",
            "csrf_token": organiser.csrf,
        },
    )
    assert page.status_code == 422
    assert organiser.get(base).json["steps"][0]["approved"] is None

    r = organiser.post(
        f"{base}/steps/1/approval",
        json={"held_on": "2022-04-20", "removals": [{"cadre": "SCT012", "position": HEAD_TT}]},
    )
    assert r.status_code == 200, r.json
    conference = r.json["steps"][0]["conference"]
    convened = len(site.attendee_ids(organiser, conference))
    hold(conference, convened, marks({1: [convened // 2 + 1]}, convened, {1: None}))
    process = organiser.get(base).json
    # Nobody on the supplement list: the outcome is the removals.
    assert process["outcome"]["planned"] == []
    assert sorted((r["cadre"], r["position"]) for r in process["outcome"]["removed"]) == [
        ("SCT012", HEAD_TT),
        ("SCT054", HEAD_TT),
    ]

    # Submitted on Wed 4/5/2022: due 30 working days later, Wed 15/6/2022 (no holidays).
    r = organiser.post(f"{base}/submission", json={"on": "2022-05-04"})
    assert r.status_code == 200 and r.json["dates"]["approval_deadline"] == "2022-06-15"
    assert r.json["outcome"]["approval_late"] is None
    # Approved Mon 20/6: Thu 16, Fri 17 and Mon 20 — three working days late, still recorded.
    r = organiser.post(f"{base}/approval", json={"on": "2022-06-20"})
    assert r.status_code == 200, r.json
    late = r.json["outcome"]["approval_late"]
    assert late["working_days_late"] == 3 and late["deadline"] == "2022-06-15"
    assert "sau hạn 3 ngày làm việc" in late["vi"] and "3 working days after" in late["en"]
    assert r.json["dates"]["approval_late"] == late
    assert r.json["status"] == "approved" and r.json["dates"]["approved_on"] == "2022-06-20"
    assert r.json["log"][-1]["data"]["working_days_late"] == 3
    for path in (
        f"/organiser/planning/{process['id']}",
        f"/organiser/planning/{process['id']}/published",
    ):
        text = organiser.get(path).data.decode()
        assert 'data-field="approval-late" data-working-days="3"' in text, path
        assert "sau hạn 3 ngày làm việc" in text, path

    rows = organiser.get("/api/registry/planning").json["rows"]
    in_force = sorted((row["cadre_id"], row["position"], row["term"]) for row in rows)
    assert in_force == [
        ("SCT002", "Giám đốc Sở", "2020-2025;2021-2026"),
        ("SCT005", "Phó Giám đốc Sở", "2020-2025;2021-2026"),
        # The next term's planning of the cadre removed from the current one stays.
        ("SCT012", HEAD_TT, "2025-2030"),
        # The province's post is not the agency review's to remove.
        ("SCT054", "Phó Giám đốc Sở", "2020-2025;2021-2026"),
    ]


def test_an_approval_on_time_is_not_flagged(site: Any, organiser: Any) -> None:
    process = start(site, organiser, PLANNING)
    base = f"/api/processes/{process['id']}"
    keep_only(organiser, process, {})
    r = organiser.post(f"{base}/steps/1/approval", json={"held_on": "2022-04-20"})
    assert r.status_code == 200 and r.json["outcome"] is not None, r.json
    assert organiser.post(f"{base}/submission", json={"on": "2022-05-04"}).status_code == 200
    r = organiser.post(f"{base}/approval", json={"on": "2022-06-15"})  # the last day
    assert r.status_code == 200
    assert r.json["outcome"]["approval_late"] is None and r.json["dates"]["approval_late"] is None
    assert (
        "approval-late" not in organiser.get(f"/organiser/planning/{process['id']}").data.decode()
    )


def test_a_tie_the_head_decided_is_reported_as_the_heads_choice(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]]
) -> None:
    process = start(site, organiser, HEADER + f"SCT012,Dương Thanh Dung,{HEAD_TT},2021-2026,\n")
    base = f"/api/processes/{process['id']}"
    # Two places open for the head of Thanh tra; three candidates.
    assert next(s for s in process["source"] if s["position"] == HEAD_TT)["places"] == 2
    keep_only(organiser, process, {HEAD_TT: ["SCT013", "SCT014", "SCT015"]})
    r = organiser.post(f"{base}/steps/1/approval", json={"held_on": "2022-04-20"})
    assert r.status_code == 200, r.json
    for number, convened in ((2, 28), (3, 16)):  # the steps' rosters
        counts = {HEAD_TT: {"SCT013": 11, "SCT014": 10, "SCT015": 9}}
        paper = {"held_on": "2022-04-25", "convened": convened, "present": convened}
        paper |= {"counts": counts}
        assert organiser.post(f"{base}/steps/{number}/paper", json=paper).status_code == 200
        for role, member in (("leadership", "Lê Văn A"), ("head", "Trần Thị B")):
            r = site.api(role).post(
                f"{base}/steps/{number}/paper/confirmations",
                json={"member": member, "counts": counts},
            )
            assert r.status_code == 200, r.json
    process = r.json
    conference = process["steps"][3]["conference"]
    convened = len(site.attendee_ids(organiser, conference))
    # All three pass; SCT014 and SCT015 tie for the second place.
    half = convened // 2 + 1  # > 50% of convened
    result = hold.votes(conference, convened, {1: [half + 1, half, half]})
    assert result["status"] == "awaiting_head"
    head = site.api("head")
    r = head.post(
        f"/api/conferences/{conference}/decision",
        json={"chosen": {"s1": ["s1c2"]}, "note": "Ưu tiên cán bộ trẻ"},
    )
    assert r.status_code == 200, r.json

    process = organiser.get(base).json
    final = process["steps"][3]["result"]
    assert final["contested"] == {HEAD_TT: ["SCT014", "SCT015"]}
    assert final["decision"]["chosen"] == {HEAD_TT: ["SCT014"]}
    decided_by = final["decision"]["decided_by"]
    assert [c["cadre"] for c in process["outcome"]["planned"][0]["cadres"]] == [
        "SCT013",
        "SCT014",
    ]

    pdf = organiser.get(f"{base}/dossier.pdf").data
    printed = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(printed.split())
    # The outcome cell wraps: its two lines.
    assert "Đạt, bằng phiếu — người" in flat and "đứng đầu không lựa chọn" in flat
    assert "đã đủ số lượng" not in flat
    # The account that decided, by its name (not the log's "user:" principal).
    assert decided_by == "nguoi-dung-dau"  # the person's name: no display name, the username
    assert "Quyết định của người đứng đầu" in flat and "Người quyết định: nguoi-dung-dau" in flat
    assert "user:" not in flat
    assert "Ưu tiên cán bộ trẻ" in flat

    book = load_workbook(io.BytesIO(organiser.get(f"{base}/dossier.xlsx").data))
    outcomes = {row[1]: row[-1] for row in book["tong_hop"].iter_rows(min_row=3, values_only=True)}
    assert outcomes == {
        "SCT013": "Được đưa vào quy hoạch",
        "SCT014": "Được đưa vào quy hoạch (người đứng đầu lựa chọn)",
        "SCT015": "Đạt, bằng phiếu — người đứng đầu không lựa chọn",
    }
    assert "người đứng đầu" in book["tong_hop"]["G1"].value
    decided = list(book["quyet_dinh"].iter_rows(min_row=3, values_only=True))
    assert len(decided) == 1
    step, who, when, note, position, contested, chosen, why = decided[0]
    assert (step, who, note, position) == (
        "Bước 4",
        "nguoi-dung-dau",
        "Ưu tiên cán bộ trẻ",
        "Chánh Thanh tra Sở",  # the unit's own title in documents
    )
    assert contested == "Hoàng Minh Huy, Hồ Đức Cường" and chosen == "Hoàng Minh Huy"
    assert why == "Bằng phiếu ở vị trí cuối: Hoàng Minh Huy, Hồ Đức Cường"
    assert when.endswith("(giờ Việt Nam)")  # the room's time, not UTC
