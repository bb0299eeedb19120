"""KH 331 B.III.1 ("một cán bộ quy hoạch không quá ba chức danh ở cùng cấp phê duyệt"): a cadre
already planned for three positions of the tier is not proposed, is flagged wherever the
organiser puts them before the final step, and takes no place there — no false tie, no case
handed to the head, the cadre with 62.5% chosen."""

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
    counts = {HEAD_TT: {"SCT013": 20, "SCT014": 18, "SCT015": 17}}
    for number, day in ((2, "2022-04-21"), (3, "2022-04-22")):
        paper = {"held_on": day, "convened": 30, "present": 28, "counts": counts}
        paper_step(organiser, base, number, paper)
    page = organiser.get(f"/organiser/planning/{process['id']}").data.decode()
    assert page.count('data-code="at_cap"') >= 1  # on the final step's ballot, before it

    # 8 convened: SCT013 and SCT014 at 6, SCT015 at 5 (62.5%), two places.
    final = {HEAD_TT: {"SCT013": 6, "SCT014": 6, "SCT015": 5}}
    process = paper_step(
        organiser, base, 4, {"held_on": "2022-04-25", "convened": 8, "present": 8, "counts": final}
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
