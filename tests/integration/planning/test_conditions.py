"""KH 331 A.I ("Không đề xuất, phê duyệt quy hoạch những trường hợp không bảo đảm tiêu chuẩn,
điều kiện") and B.II.3: a cadre under khiển trách who passed every step cannot be submitted
or approved by default; only the head's recorded decision with a reason lets the cadre
through, and the dossier and the published list flag it."""

from __future__ import annotations

import subprocess
from typing import Any

from tests.integration.planning.test_dossier_and_published import paper_step
from tests.integration.planning.test_review_scope import keep_only, start

HEAD_TT = "Trưởng phòng Thanh tra Sở"
# Nothing of the agency's tier is planned: every place of Thanh tra Sở is open.
PLANNING = (
    "cadre_id,full_name,position,term,approved_on\n"
    "SCT002,Tô Văn Đạt,Giám đốc Sở,2021-2026,2021-06-15\n"
)


def test_an_ineligible_cadre_needs_the_heads_recorded_decision(site: Any, organiser: Any) -> None:
    process = start(site, organiser, PLANNING)
    base = f"/api/processes/{process['id']}"
    # SCT054 is under khiển trách (01/11/2021 – 01/11/2022): the organiser adds him anyway.
    keep_only(organiser, process, {HEAD_TT: ["SCT054", "SCT014"]})
    r = organiser.post(f"{base}/steps/1/approval", json={"held_on": "2022-04-20"})
    assert r.status_code == 200, r.json
    counts = {HEAD_TT: {"SCT054": 14, "SCT014": 13}}
    for number, day, convened in ((2, "2022-04-21", 28), (3, "2022-04-22", 16)):  # the rosters
        paper = {"held_on": day, "convened": convened, "present": convened, "counts": counts}
        paper_step(site, organiser, base, number, paper)
    final = {HEAD_TT: {"SCT054": 4, "SCT014": 4}}
    process = paper_step(
        site,
        organiser,
        base,
        4,
        {"held_on": "2022-04-25", "convened": 5, "present": 5, "counts": final},
    )
    planned = {c["cadre"] for p in process["outcome"]["planned"] for c in p["cadres"]}
    assert planned == {"SCT054", "SCT014"}
    (unmet,) = process["outcome"]["unmet"]
    assert unmet["cadre"] == "SCT054" and unmet["override"] is None
    assert [r["code"] for r in unmet["reasons"]] == ["discipline"]

    # Not submitted, not approved: refused with every name and reason, nothing changed.
    before = organiser.get(base).json
    r = organiser.post(f"{base}/submission", json={"on": "2022-05-04"})
    assert r.status_code == 409 and site.code(r) == "conditions_unmet", r.json
    assert "Đoàn Minh Tuấn" in r.json["error"]["message"]
    assert "khiển trách" in r.json["error"]["message"]
    assert organiser.get(base).json["status"] == before["status"] == "running"

    # The organiser cannot override; the head must give a reason.
    head = site.api("head")
    reason = "Cần cán bộ có kinh nghiệm thanh tra"
    wanted = {"cadre": "SCT054", "position": HEAD_TT, "reason": reason}
    assert organiser.post(f"{base}/overrides", json=wanted).status_code == 403
    r = head.post(f"{base}/overrides", json=wanted | {"reason": "ngắn"})
    assert r.status_code == 422 and site.code(r) == "reason_required"
    r = head.post(f"{base}/overrides", json=wanted | {"cadre": "SCT014"})
    assert r.status_code == 422 and site.code(r) == "nothing_to_override"
    # The head's page lists the case and records the decision from its form.
    page = head.get("/head/").data.decode()
    assert 'data-unmet="SCT054"' in page and "khiển trách" in page
    form = f"/head/processes/{process['id']}/overrides"
    r = head.post(form, data=wanted | {"csrf_token": head.csrf})
    assert r.status_code == 302, r.data
    assert 'data-unmet="SCT054"' not in head.get("/head/").data.decode()
    r = organiser.get(base)
    (unmet,) = r.json["outcome"]["unmet"]
    assert unmet["override"]["reason"] == wanted["reason"]
    assert r.json["log"][-1]["kind"] == "outcome.override"
    again = head.post(f"{base}/overrides", json=wanted)
    assert again.status_code == 409 and site.code(again) == "already_recorded"

    r = organiser.post(f"{base}/submission", json={"on": "2022-05-04"})
    assert r.status_code == 200, r.json
    r = organiser.post(f"{base}/approval", json={"on": "2022-05-10"})
    assert r.status_code == 200, r.json

    html = organiser.get(f"/organiser/planning/{process['id']}/published").data.decode()
    row = html.split('<tr data-cadre="SCT054" data-override="true">')[1].split("</tr>")[0]
    assert "Không bảo đảm tiêu chuẩn, điều kiện" in row and wanted["reason"] in row
    assert 'data-cadre="SCT014" data-override' not in html
    pdf = organiser.get(f"{base}/dossier.pdf").data
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "người đứng đầu quyết định đề nghị phê duyệt" in flat
    assert "kinh nghiệm thanh tra" in flat


def test_a_discipline_decided_after_the_vote_stops_the_approval(site: Any, organiser: Any) -> None:
    """The conditions are checked again on the approval day: a discipline in force then stops
    it even when the list was submitted clean."""
    row = "SCT014,Hoàng Minh Huy,M,1996-08-13,Chuyên viên,Thanh tra Sở,no,trung_cap,Cử nhân Luật,,"
    people = site.agency.read_text(encoding="utf-8").replace(
        f"{row},met,no", f"{row}khien_trach:2022-05-08:2023-05-08,met,no"
    )
    assert "2022-05-08" in people
    process = start(site, organiser, PLANNING)
    base = f"/api/processes/{process['id']}"
    keep_only(organiser, process, {HEAD_TT: ["SCT014"]})
    r = organiser.post(f"{base}/steps/1/approval", json={"held_on": "2022-04-20"})
    assert r.status_code == 200, r.json
    counts = {HEAD_TT: {"SCT014": 14}}
    for number, day, convened in ((2, "2022-04-21", 28), (3, "2022-04-22", 16)):
        paper = {"held_on": day, "convened": convened, "present": convened, "counts": counts}
        paper_step(site, organiser, base, number, paper)
    final = {"held_on": "2022-04-25", "convened": 5, "present": 5}
    paper_step(site, organiser, base, 4, final | {"counts": {HEAD_TT: {"SCT014": 4}}})
    assert organiser.post(f"{base}/submission", json={"on": "2022-05-04"}).status_code == 200
    assert organiser.upload("/api/people", site.file("agency.csv", people)).status_code == 200
    r = organiser.post(f"{base}/approval", json={"on": "2022-05-10"})
    assert r.status_code == 409 and site.code(r) == "conditions_unmet", r.json
    assert organiser.get(base).json["status"] == "submitted"
