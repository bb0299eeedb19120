"""What the dossier summary and the published lists say of how an annual review was reached:
every cadre put to the removal ballot with their count (kept ones included), the steps held
on paper, and a final step held on paper whose over-cap cadre (two positions already held) the
head decided — named by the person's display name, not the log's principal or the login."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from typing import Any

from openpyxl import load_workbook

from tests.fixtures import committed
from tests.integration.planning.test_review_scope import start
from voting.conference import accounts
from voting.web.extensions import db

TT = "Thanh tra Sở"
HEAD_TT, DEPUTY_TT = f"Trưởng phòng {TT}", f"Phó trưởng phòng {TT}"
OFFICE_DEPUTY = "Phó trưởng phòng Văn phòng Sở"
# SCT054 is disciplined (removed without a vote); SCT012 is voted out; SCT013, holding two
# positions, is put to the removal ballot for one of them and kept.
PLANNING = (
    "cadre_id,full_name,position,term,approved_on\n"
    f"SCT054,Đoàn Minh Tuấn,{HEAD_TT},2021-2026,2021-06-15\n"
    f"SCT012,Dương Thanh Dung,{HEAD_TT},2021-2026,2021-06-15\n"
    "SCT013,Đinh Hồng Vân,Trưởng phòng Văn phòng Sở,2021-2026,2021-06-15\n"
    f"SCT013,Đinh Hồng Vân,{OFFICE_DEPUTY},2021-2026,2021-06-15\n"
)
CAP_NOTE = "vượt quá 3 chức danh: đã có 2 chức danh trong quy hoạch, đạt thêm 2 chức danh ở bước 4"


def paper_step(
    site: Any, organiser: Any, base: str, number: int, paper: dict[str, Any]
) -> dict[str, Any]:
    """Enter a step's paper counts and have two committee members confirm them, each logged
    in with their own account (the leadership's and the head's here)."""
    r = organiser.post(f"{base}/steps/{number}/paper", json=paper)
    assert r.status_code == 200, r.json
    for role, member in (("leadership", "Lê Văn A"), ("head", "Trần Thị B")):
        r = site.api(role).post(
            f"{base}/steps/{number}/paper/confirmations",
            json={"member": member, "counts": paper["counts"]},
        )
        assert r.status_code == 200, r.json
    body: dict[str, Any] = r.json
    return body


def test_kept_cadres_paper_steps_and_the_heads_decision_are_reported(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]], marks: Any
) -> None:
    process = start(site, organiser, PLANNING)
    pid = process["id"]
    base = f"/api/processes/{pid}"
    lists = {HEAD_TT: ["SCT013", "SCT014", "SCT015"], DEPUTY_TT: ["SCT013", "SCT016"]}
    for s in process["source"]:
        cadres = lists.get(s["position"], [])
        r = organiser.put(f"{base}/source", json={"position": s["position"], "cadres": cadres})
        assert r.status_code == 200, r.json

    # Step 1: SCT012 removed (> 50% of convened), SCT013 kept (1 agree).
    r = organiser.post(
        f"{base}/steps/1/approval",
        json={
            "held_on": "2022-04-20",
            "removals": [
                {"cadre": "SCT012", "position": HEAD_TT},
                {"cadre": "SCT013", "position": OFFICE_DEPUTY},
            ],
        },
    )
    assert r.status_code == 200, r.json
    conference1 = r.json["steps"][0]["conference"]
    convened1 = len(site.attendee_ids(organiser, conference1))
    hold(
        conference1,
        convened1,
        marks({1: [convened1 // 2 + 1], 2: [1]}, convened1, {1: None, 2: None}),
    )
    process = organiser.get(base).json
    assert [r["cadre"] for r in process["review"]["removed"]] == ["SCT012"]

    # Step 2 on paper, step 3 electronic (SCT015 fails).
    counts2 = {
        HEAD_TT: {"SCT013": 20, "SCT014": 18, "SCT015": 9},
        DEPUTY_TT: {"SCT013": 21, "SCT016": 15},
    }
    paper_step(
        site,
        organiser,
        base,
        2,
        {"held_on": "2022-04-25", "convened": 28, "present": 28, "counts": counts2},
    )
    process = organiser.get(base).json
    conference3 = process["steps"][2]["conference"]
    present = len(site.attendee_ids(organiser, conference3))
    half = present // 2 + 1
    hold(conference3, present, marks({1: [half, half, 2], 2: [half, half]}, present, {1: 3, 2: 2}))
    assert organiser.get(base).json["steps"][2]["status"] == "done"  # taken when shown

    # Step 4 on paper: SCT013 passes both positions on top of the two held, over the cap.
    counts4 = {HEAD_TT: {"SCT013": 4, "SCT014": 4}, DEPUTY_TT: {"SCT013": 4, "SCT016": 4}}
    process = paper_step(
        site,
        organiser,
        base,
        4,
        {"held_on": "2022-04-28", "convened": 5, "present": 5, "counts": counts4},
    )
    final = process["steps"][3]
    assert final["status"] == "current" and final["result"]["over_cap"] == {
        HEAD_TT: ["SCT013"],
        DEPUTY_TT: ["SCT013"],
    }
    with committed(site.app):
        accounts.set_display_name(db(), "nguoi-dung-dau", "Trần Quốc Việt")
    r = site.api("head").post(
        f"{base}/steps/4/decision",
        json={"chosen": {HEAD_TT: ["SCT013"], DEPUTY_TT: []}, "note": "Ưu tiên"},
    )
    assert r.status_code == 200, r.json
    # The person's name is stored, as the electronic decision stores it.
    assert r.json["steps"][3]["result"]["decision"]["decided_by"] == "Trần Quốc Việt"
    # The process page's log and the paper entry name people, never `user:<login>`.
    shown = organiser.get(f"/organiser/planning/{pid}").data.decode()
    log = shown.split("<ol>")[-1]
    assert "Trần Quốc Việt</span> head.decided" in log
    assert "user:" not in shown and "nguoi-dung-dau" not in shown

    # The published lists: the paper steps, the final step's list marked paper, the decision.
    page = organiser.get(f"/organiser/planning/{pid}/published")
    assert page.status_code == 200
    html = page.data.decode()
    assert 'data-field="paper-steps"' in html
    assert '<li data-step="2" data-paper="true">' in html
    assert '<li data-step="4" data-paper="true">' in html
    assert '<li data-step="1"' not in html and '<li data-step="3"' not in html
    assert "đã xác nhận: Lê Văn A, Trần Thị B" in html
    assert 'data-field="final-paper"' in html and "Phiếu giấy" in html
    assert 'data-field="head-decision" data-step="4"' in html
    assert "người quyết định Trần Quốc Việt" in html and "user:" not in html
    # …at the room's time, not the server's UTC.
    decided = html.split('data-field="head-decision"')[1].split("</p>")[0]
    assert "UTC" not in decided and "(giờ Việt Nam)" in decided
    assert "nhập từ biên bản giấy" in html and "Ghi chú: Ưu tiên" in html
    assert f"Đinh Hồng Vân: {CAP_NOTE}" in html
    assert '<tr data-cadre="SCT013" data-chosen-by-head="true">' in html
    assert '<tr data-cadre="SCT014">' in html
    deputy = html.split(f'<tr data-position="{DEPUTY_TT}">')[1].split("</tr>")[0]
    assert "Không lựa chọn ai" in deputy

    # The dossier: the kept cadre with its count, the cap explained, the account's name.
    pdf = organiser.get(f"{base}/dossier.pdf").data
    printed = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        )
        .stdout.decode()
        .split()
    )
    assert "Giữ lại trong quy hoạch" in printed
    assert f"1/{convened1} ·" in printed
    assert "đã có 2 chức danh trong quy hoạch" in printed
    assert "Người quyết định: Trần Quốc Việt" in printed and "user:" not in printed

    book = load_workbook(io.BytesIO(organiser.get(f"{base}/dossier.xlsx").data))
    removals = [
        (r[0], r[2], r[5], r[6], r[8])
        for r in book["dua_ra"].iter_rows(min_row=3, values_only=True)
    ]
    # Documents write the units' own titles (Chánh Thanh tra, Phó Chánh Văn phòng) and the
    # decimal comma.
    chief, deputy_chief = "Chánh Thanh tra Sở", "Phó Chánh Thanh tra Sở"
    assert removals == [
        ("SCT054", chief, None, None, "Đưa ra khỏi quy hoạch"),
        ("SCT012", chief, convened1 // 2 + 1, convened1, "Đưa ra khỏi quy hoạch"),
        ("SCT013", "Phó Chánh Văn phòng Sở", 1, convened1, "Giữ lại trong quy hoạch"),
    ]
    kept = next(book["dua_ra"].iter_rows(min_row=5, values_only=True))
    assert kept[7] == f"{100 / convened1:.2f}".replace(".", ",")
    header = next(book["tong_hop"].iter_rows(min_row=2, max_row=2, values_only=True))
    note = header.index("Ghi chú")
    notes = {
        (row[0], row[1]): (row[note], row[-1])
        for row in book["tong_hop"].iter_rows(min_row=3, values_only=True)
    }
    capitalised = CAP_NOTE[0].upper() + CAP_NOTE[1:]
    assert notes[(chief, "SCT013")] == (
        capitalised,
        "Được đưa vào quy hoạch (người đứng đầu lựa chọn)",
    )
    assert notes[(deputy_chief, "SCT013")] == (
        capitalised,
        "Đạt, vượt quá 3 chức danh — người đứng đầu không lựa chọn",
    )
    assert notes[(chief, "SCT014")] == (None, "Được đưa vào quy hoạch")
    decided = list(book["quyet_dinh"].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[4], r[6], r[7]) for r in decided] == [
        ("Bước 4 (giấy)", "Trần Quốc Việt", chief, "Đinh Hồng Vân", f"Đinh Hồng Vân: {CAP_NOTE}"),
        (
            "Bước 4 (giấy)",
            "Trần Quốc Việt",
            deputy_chief,
            "Không lựa chọn ai",
            f"Đinh Hồng Vân: {CAP_NOTE}",
        ),
    ]
