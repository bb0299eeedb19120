"""What the organiser is warned of (never blocking): the province's step-3 roster without the
district heads the plan convenes (KH 331 B.IV.1 a, step 3), and the plan's timing (B.I.4: the
next term's planning in the second year of the term, the annual review in the first quarter
and its approval in the second)."""

from __future__ import annotations

import json
from typing import Any

from tests.integration.planning.test_refusals import START


def codes(process: dict[str, Any]) -> list[str]:
    return [w["code"] for w in process["warnings"]]


def test_a_province_roster_without_the_district_heads_is_warned_until_they_are_added(
    site: Any, organiser: Any
) -> None:
    assert organiser.upload("/api/people", site.agency).status_code == 200
    # The 2025-2030 term starts 10/2025: the current one began 10/2020, its second year is
    # 10/2021 – 09/2022, and the process is held in 04/2022.
    r = organiser.post("/api/processes", json=START)
    assert r.status_code == 201, r.json
    process = r.json
    assert codes(process) == ["roster_without_externals"]
    warning = process["warnings"][0]
    assert "Bước 3" in warning["vi"] and "kinh tế và hạ tầng các huyện" in warning["vi"]
    page = organiser.get(f"/organiser/planning/{process['id']}").data.decode()
    assert 'data-warning="roster_without_externals"' in page
    # The district heads added to the step's roster: no more warning.
    conference = process["steps"][2]["conference"]
    r = organiser.upload(f"/api/conferences/{conference}/roster/externals", site.externals_file(3))
    assert r.status_code == 200, r.json
    assert codes(organiser.get(f"/api/processes/{process['id']}").json) == []


def test_the_plans_timing_is_warned(site: Any, organiser: Any) -> None:
    assert organiser.upload("/api/people", site.agency).status_code == 200
    assert organiser.upload("/api/registry/externals", site.externals).status_code == 200
    late = START | {"reference": "2023-04", "held_on": "2023-04-20"}
    r = organiser.post("/api/processes", json=late)
    assert r.status_code == 201, r.json
    assert codes(r.json) == ["not_second_year"]
    assert "10/2021" in r.json["warnings"][0]["vi"] and "09/2022" in r.json["warnings"][0]["vi"]
    review = {
        "procedure": "annual_review",
        "tier": "agency",
        "term": "2021-2026",
        "reference": "2023-02",
        "held_on": "2023-02-20",
        "place": "Hội trường Sở",
    }
    r = organiser.post("/api/processes", json=review)
    assert r.status_code == 201 and codes(r.json) == []  # February: the first quarter
    r = organiser.post(
        f"/api/processes/{r.json['id']}/steps/1/approval", json={"held_on": "2023-05-03"}
    )
    assert r.status_code == 200, r.json
    assert codes(r.json) == ["not_first_quarter"]


def test_the_positions_standards_are_shown_before_the_vote(site: Any, organiser: Any) -> None:
    """KH 331 B.V.1: each position's standards are made known to those who vote — a printable
    page for the room, linked from the process."""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    r = organiser.post("/api/processes", json=START)
    assert r.status_code == 201, r.json
    page = organiser.get(f"/organiser/planning/{r.json['id']}").data.decode()
    assert f"/organiser/planning/{r.json['id']}/standards" in page
    html = organiser.get(f"/organiser/planning/{r.json['id']}/standards").data.decode()
    director = html.split('data-position="Giám đốc Sở"')[1].split("</section>")[0]
    assert "Đối tượng 1: Phó Giám đốc" in director and "Đối tượng 2: Trưởng phòng" in director
    assert "Cao cấp trở lên" in director and "trình độ chuyên môn" in director
    assert "60 tháng tính từ khi nhiệm kỳ bắt đầu" in director  # the next term: B.II.2
    assert "Trưởng phòng và tương đương</h2>" not in html  # the agency tier's posts


def test_the_ballot_carries_each_positions_standards(site: Any, organiser: Any) -> None:
    """KH 331 B.V.1 on the ballot itself: the voter's page (phone and kiosk share its labels)
    lists, under each position of a review's removal ballot, that position's sources and
    standards for the term the process reviews (the current term: months left, not the next
    term's 60)."""
    from tests.integration.planning.test_review_scope import HEAD_TT, PLANNING, start

    process = start(site, organiser, PLANNING)
    r = organiser.post(
        f"/api/processes/{process['id']}/steps/1/approval",
        json={"held_on": "2022-04-20", "removals": [{"cadre": "SCT012", "position": HEAD_TT}]},
    )
    assert r.status_code == 200, r.json
    conference = r.json["steps"][0]["conference"]
    page = site.api().get(f"/vote/{conference}").data.decode()
    labels = json.loads(page.split('id="ballot-labels">')[1].split("</script>")[0])
    [section] = labels["sections"]
    assert section["position"] == HEAD_TT
    lines = section["standards"]
    assert lines[0].startswith("Đối tượng 1: Phó trưởng phòng")
    assert any("còn ít nhất" in line and "(mục B.II.2)" in line for line in lines)
    assert not any("nhiệm kỳ kế tiếp" in line for line in lines)
    assert "Tiêu chuẩn chức danh" in page
