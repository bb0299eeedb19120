"""KH 331 B.III.1 ("một cán bộ quy hoạch không quá ba chức danh ở cùng cấp phê duyệt"): a cadre
already planned for three positions of the tier is not proposed, is flagged wherever the
organiser puts them before the final step, and takes no place there — no false tie, no case
handed to the head, the cadre with 60% chosen."""

from __future__ import annotations

import io
import subprocess
from typing import Any

from openpyxl import load_workbook

from tests.integration.planning.test_dossier_and_published import paper_step
from tests.integration.planning.test_review_scope import keep_only, start

HEAD_TT = "Trưởng phòng Thanh tra Sở"
PLANNING = (
    "cadre_id,full_name,position,term,approved_on\n"
    "SCT013,Đinh Hồng Vân,Trưởng phòng Văn phòng Sở,2021-2026,2022-01-15\n"
    "SCT013,Đinh Hồng Vân,Phó trưởng phòng Văn phòng Sở,2021-2026,2022-01-15\n"
    "SCT013,Đinh Hồng Vân,Phó trưởng phòng Thanh tra Sở,2021-2026,2022-01-15\n"
    f"SCT012,Dương Thanh Dung,{HEAD_TT},2021-2026,2022-01-15\n"
)


def test_a_cadre_at_the_cap_takes_no_place(site: Any, organiser: Any) -> None:
    process = start(site, organiser, PLANNING)
    base = f"/api/processes/{process['id']}"
    head_tt = next(s for s in process["source"] if s["position"] == HEAD_TT)
    assert head_tt["places"] == 2
    excluded = {e["cadre"]: [r["code"] for r in e["reasons"]] for e in head_tt["excluded"]}
    assert excluded["SCT013"] == ["at_cap"]
    assert "SCT013" not in {c["cadre"] for c in head_tt["candidates"]}

    # The organiser puts SCT013 on the list anyway: the warning says why it cannot count.
    keep_only(organiser, process, {HEAD_TT: ["SCT013", "SCT014", "SCT015"]})
    source = next(s for s in organiser.get(base).json["source"] if s["position"] == HEAD_TT)
    warned = {c["cadre"]: [w["code"] for w in c["warnings"]] for c in source["candidates"]}
    assert "at_cap" in warned["SCT013"] and "at_cap" not in warned["SCT014"]
    r = organiser.post(f"{base}/steps/1/approval", json={"held_on": "2022-04-20"})
    assert r.status_code == 200, r.json
    counts = {HEAD_TT: {"SCT013": 11, "SCT014": 10, "SCT015": 9}}
    for number, day, convened in ((2, "2022-04-21", 28), (3, "2022-04-22", 16)):  # the rosters
        paper = {"held_on": day, "convened": convened, "present": convened, "counts": counts}
        paper_step(site, organiser, base, number, paper)
    page = organiser.get(f"/organiser/planning/{process['id']}").data.decode()
    assert page.count('data-code="at_cap"') >= 1  # on the final step's ballot, before it

    # 5 convened: SCT013 at 4, SCT014 and SCT015 at 3 (60%), two places — with SCT013
    # counted, SCT014 and SCT015 would tie for the last place and go to the head.
    final = {HEAD_TT: {"SCT013": 4, "SCT014": 3, "SCT015": 3}}
    process = paper_step(
        site,
        organiser,
        base,
        4,
        {"held_on": "2022-04-25", "convened": 5, "present": 5, "counts": final},
    )
    result = process["steps"][3]["result"]
    assert result["contested"] == {} and result["over_cap"] == {}
    assert result["chosen"] == {HEAD_TT: ["SCT014", "SCT015"]}
    assert process["steps"][3]["status"] == "done"
    planned = {c["cadre"] for p in process["outcome"]["planned"] for c in p["cadres"]}
    assert planned == {"SCT014", "SCT015"}

    xlsx = load_workbook(io.BytesIO(organiser.get(f"{base}/dossier.xlsx").data))
    cells = [str(c) for row in xlsx.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert any("đã được quy hoạch 3 chức danh" in c for c in cells)
    pdf = organiser.get(f"{base}/dossier.pdf").data
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "B.III.1" in " ".join(text.split())
