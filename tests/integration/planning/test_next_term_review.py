"""The annual review of the next term's planning (KH 331 B.I.4: "rà soát, bổ sung quy hoạch cho
cả quy hoạch nhiệm kỳ hiện tại và nhiệm kỳ kế tiếp"): a 04/2023 review of 2025-2030 counts 60
months from the term's start (B.II.2), not 72 from the review month — for those it proposes
and for those already planned."""

from __future__ import annotations

import csv
import io
from typing import Any

from tests.integration.planning.test_dossier_and_published import paper_step
from tests.integration.planning.test_review_scope import HEADER

HEAD_TT = "Trưởng phòng Thanh tra Sở"


def agency_with(site: Any, changes: dict[str, dict[str, str]]) -> Any:
    """The sample agency with some cells changed (id → column → value)."""
    rows = list(csv.DictReader(io.StringIO(site.agency.read_text(encoding="utf-8"))))
    for row in rows:
        row.update(changes.get(row["id"], {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return site.file("agency.csv", out.getvalue())


def test_a_review_of_the_next_term_needs_the_whole_term_ahead(site: Any, organiser: Any) -> None:
    # Men born 09/1968 retire 09/2030: 89 months after 04/2023, 59 after 10/2025.
    people = agency_with(
        site,
        {
            "SCT012": {"sex": "M", "born": "1968-09-02"},  # Phó trưởng phòng: a source
            "SCT054": {"sex": "M", "born": "1968-09-20", "discipline": ""},  # already planned
            "SCT016": {"born": "1968-10-05"},  # Chuyên viên, retires 10/2030: 60 months
        },
    )
    assert organiser.upload("/api/people", people).status_code == 200
    planning = HEADER + f"SCT054,Đoàn Minh Tuấn,{HEAD_TT},2025-2030,2024-06-15\n"
    uploaded = organiser.upload("/api/registry/planning", site.file("p.csv", planning))
    assert uploaded.status_code == 200
    start = {
        "procedure": "annual_review",
        "tier": "agency",
        "term": "2025-2030",
        "term_start": "2025-10",
        "reference": "2023-04",
        "held_on": "2023-04-20",
        "place": "Hội trường Sở",
    }
    r = organiser.post("/api/processes", json=start)
    assert r.status_code == 201, r.json
    process = r.json
    automatic = process["review"]["automatic"]
    assert [(a["cadre"], a["position"]) for a in automatic] == [("SCT054", HEAD_TT)]
    assert automatic[0]["reasons"][0]["code"] == "over_age"
    assert "10/2025" in automatic[0]["reasons"][0]["vi"]
    assert process["review"]["planned"] == []
    head_tt = next(s for s in process["source"] if s["position"] == HEAD_TT)
    proposed = {c["cadre"] for c in head_tt["candidates"]}
    excluded = {e["cadre"]: e["reasons"] for e in head_tt["excluded"]}
    assert "SCT012" not in proposed
    assert [r["code"] for r in excluded["SCT012"]] == ["too_few_months"]
    assert "SCT016" in proposed  # exactly the 60 months of the term

    # The review run to its approval: the next term's planning gains SCT016 and loses SCT054.
    base = f"/api/processes/{process['id']}"
    for s in process["source"]:
        cadres = ["SCT016"] if s["position"] == HEAD_TT else []
        r = organiser.put(f"{base}/source", json={"position": s["position"], "cadres": cadres})
        assert r.status_code == 200, r.json
    r = organiser.post(f"{base}/steps/1/approval", json={"held_on": "2023-03-10"})
    assert r.status_code == 200, r.json
    for number, convened, agree in ((2, 28, 20), (3, 16, 12), (4, 5, 4)):
        paper = {"held_on": "2023-03-20", "convened": convened, "present": convened}
        paper |= {"counts": {HEAD_TT: {"SCT016": agree}}}
        paper_step(site, organiser, base, number, paper)
    assert organiser.post(f"{base}/submission", json={"on": "2023-03-27"}).status_code == 200
    r = organiser.post(f"{base}/approval", json={"on": "2023-04-10"})
    assert r.status_code == 200, r.json
    assert r.json["warnings"] == []  # held in quý I, approved in quý II
    rows = organiser.get("/api/registry/planning").json["rows"]
    in_force = sorted((row["cadre_id"], row["position"], row["term"]) for row in rows)
    assert in_force == [("SCT016", HEAD_TT, "2025-2030")]
    # The same agency's review of the current term (2021-2026) counts 72 from 04/2023.
    r = organiser.post(
        "/api/processes", json=start | {"term": "2021-2026", "term_start": "2021-06"}
    )
    assert r.status_code == 201, r.json
    head_tt = next(s for s in r.json["source"] if s["position"] == HEAD_TT)
    assert "SCT012" in {c["cadre"] for c in head_tt["candidates"]}


def test_a_planned_cadre_missing_from_the_registry_is_flagged_not_removed(
    site: Any, organiser: Any
) -> None:
    """B.II.3's four grounds (deceased, over age, discipline, political standard) are the only
    removals without a vote: a cadre the registry lacks stays planned and is flagged."""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    planning = HEADER + f"SCT999,Nguyễn Văn Vắng,{HEAD_TT},2021-2026,2021-06-15\n"
    uploaded = organiser.upload("/api/registry/planning", site.file("p.csv", planning))
    assert uploaded.status_code == 200
    r = organiser.post(
        "/api/processes",
        json={
            "procedure": "annual_review",
            "tier": "agency",
            "term": "2021-2026",
            "reference": "2022-04",
            "held_on": "2022-04-20",
            "place": "Hội trường Sở",
        },
    )
    assert r.status_code == 201, r.json
    review = r.json["review"]
    assert review["automatic"] == [] and review["planned"] == []
    assert review["missing"] == [{"cadre": "SCT999", "position": HEAD_TT}]
    head_tt = next(s for s in r.json["source"] if s["position"] == HEAD_TT)
    assert head_tt["places"] == 2  # the place stays taken
    page = organiser.get(f"/organiser/planning/{r.json['id']}").get_data(as_text=True)
    assert 'data-missing="SCT999"' in page


def test_a_cadre_appointed_to_the_position_and_a_term_that_ended_end_the_planning(
    site: Any, organiser: Any
) -> None:
    """B.I.3: "Quy hoạch hết hiệu lực khi cán bộ được bổ nhiệm vào chức danh quy hoạch ...
    hoặc kết thúc nhiệm kỳ": SCT012, now Trưởng phòng of Thanh tra Sở, leaves that planning
    (and the approval closes it); no process is started for a term that has ended."""
    people = agency_with(site, {"SCT012": {"post": "Trưởng phòng"}})
    assert organiser.upload("/api/people", people).status_code == 200
    planning = HEADER + f"SCT012,Dương Thanh Dung,{HEAD_TT},2021-2026,2021-06-15\n"
    uploaded = organiser.upload("/api/registry/planning", site.file("p.csv", planning))
    assert uploaded.status_code == 200
    terms = "label,starts_on,ends_on\n2016-2021,2016-06-01,2021-05-31\n"
    assert organiser.upload("/api/registry/terms", site.file("t.csv", terms)).status_code == 200
    start = {
        "procedure": "annual_review",
        "tier": "agency",
        "term": "2016-2021",
        "reference": "2022-04",
        "held_on": "2022-04-20",
        "place": "Hội trường Sở",
    }
    r = organiser.post("/api/processes", json=start)
    assert r.status_code == 422 and r.json["error"]["code"] == "term_ended", r.json
    assert "31/05/2021" in r.json["error"]["message"]
    assert organiser.get("/api/processes").json["processes"] == []
    r = organiser.post("/api/processes", json=start | {"term": "2021-2026"})
    assert r.status_code == 201, r.json
    (ended,) = r.json["review"]["automatic"]
    assert (ended["cadre"], ended["position"]) == ("SCT012", HEAD_TT)
    assert ended["reasons"][0]["code"] == "appointed"
    assert "bổ nhiệm" in ended["reasons"][0]["vi"]
