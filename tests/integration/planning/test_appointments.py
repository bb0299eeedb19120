"""The planning's ends as their own flow (KH 331 B.I.3, A.II): appointing a planned cadre to
the planned position ends that planning entry; the end of a term closes the term's planning; an
appointment waits 3 months after the approval and never runs with a supplement for the same
position."""

from __future__ import annotations

from typing import Any

from tests.integration.planning.test_review_scope import HEADER

HEAD_TT = "Trưởng phòng Thanh tra Sở"
DEPUTY_TT = "Phó trưởng phòng Thanh tra Sở"
PLANNING = HEADER + (
    f"SCT013,Đinh Hồng Vân,{DEPUTY_TT},2021-2026,2022-05-20\n"
    f"SCT012,Dương Thanh Dung,{HEAD_TT},2021-2026,2021-06-15\n"
    "SCT005,Đỗ Thị Dung,Phó Giám đốc Sở,2016-2021,2016-06-15\n"
)
TERMS = (
    "label,starts_on,ends_on\n2016-2021,2016-06-01,2021-05-31\n2021-2026,2021-06-01,2026-05-31\n"
)


def in_force(organiser: Any) -> set[tuple[str, str]]:
    rows = organiser.get("/api/registry/planning").json["rows"]
    return {(row["cadre_id"], row["position"]) for row in rows}


def form(client: Any, path: str, data: dict[str, str]) -> Any:
    """A page's form posted as the browser posts it (with the session's CSRF token)."""
    return client.post(path, data={"csrf_token": client.csrf, **data})


def setup(site: Any, organiser: Any) -> None:
    assert organiser.upload("/api/people", site.agency).status_code == 200
    assert organiser.upload("/api/registry/terms", site.file("t.csv", TERMS)).status_code == 200
    uploaded = organiser.upload("/api/registry/planning", site.file("p.csv", PLANNING))
    assert uploaded.status_code == 200, uploaded.json


def test_an_appointment_ends_the_planning_entry_and_waits_three_months(
    site: Any, organiser: Any
) -> None:
    setup(site, organiser)
    appoint = {"cadre": "SCT013", "position": DEPUTY_TT, "started_on": "2022-08-19"}
    # Approved 20/05/2022: the procedure may start from 20/08/2022, not a day before.
    r = organiser.post("/api/appointments", json=appoint)
    assert r.status_code == 422 and r.json["error"]["code"] == "too_early", r.json
    assert "20/08/2022" in r.json["error"]["message"]
    assert organiser.get("/api/appointments").json["appointments"] == []
    r = organiser.post("/api/appointments", json=appoint | {"cadre": "SCT014"})
    assert r.status_code == 422 and r.json["error"]["code"] == "not_planned"

    r = organiser.post("/api/appointments", json=appoint | {"started_on": "2022-08-20"})
    assert r.status_code == 201, r.json
    running = r.json
    assert running["status"] == "running"
    assert (r.json["cadre"], r.json["position"]) in {("SCT013", DEPUTY_TT)}
    assert ("SCT013", DEPUTY_TT) in in_force(organiser)  # still planned until the decision

    url = f"/api/appointments/{running['id']}/decision"
    r = organiser.post(url, json={"appointed_on": "2022-09-01", "decision": ""})
    assert r.status_code == 422  # the decision's number is required
    r = organiser.post(url, json={"appointed_on": "2022-09-01", "decision": "Số 45/QĐ-SCT"})
    assert r.status_code == 200 and r.json["status"] == "appointed", r.json
    assert ("SCT013", DEPUTY_TT) not in in_force(organiser)
    assert ("SCT012", HEAD_TT) in in_force(organiser)
    again = organiser.post(url, json={"appointed_on": "2022-09-02", "decision": "x"})
    assert again.status_code == 409


def test_a_supplement_and_an_appointment_for_one_position_never_run_together(
    site: Any, organiser: Any
) -> None:
    setup(site, organiser)
    r = organiser.post(
        "/api/appointments",
        json={"cadre": "SCT012", "position": HEAD_TT, "started_on": "2022-03-01"},
    )
    assert r.status_code == 201, r.json
    appointment = r.json["id"]
    start = {
        "procedure": "annual_review",
        "tier": "agency",
        "term": "2021-2026",
        "reference": "2022-04",
        "held_on": "2022-04-20",
        "place": "Hội trường Sở",
    }
    r = organiser.post("/api/processes", json=start)
    assert r.status_code == 201, r.json
    process = r.json
    sections = {s["position"]: s for s in process["source"]}
    # The position being appointed to starts with no candidates; the others are proposed.
    assert sections[HEAD_TT]["candidates"] == []
    assert sections[DEPUTY_TT]["candidates"]
    put = organiser.put(
        f"/api/processes/{process['id']}/source",
        json={"position": HEAD_TT, "cadres": ["SCT014"]},
    )
    assert put.status_code == 409 and put.json["error"]["code"] == "appointment_running"
    assert "bổ nhiệm" in put.json["error"]["message"]

    # The other way round: the supplement for Phó trưởng phòng runs, so no appointment to it.
    r = organiser.post(
        "/api/appointments",
        json={"cadre": "SCT013", "position": DEPUTY_TT, "started_on": "2022-09-01"},
    )
    assert r.status_code == 409 and r.json["error"]["code"] == "supplement_running", r.json
    assert "bổ sung quy hoạch" in r.json["error"]["message"]
    # Withdrawn, the appointment no longer holds the position back.
    r = organiser.post(f"/api/appointments/{appointment}/withdrawal", json={"on": "2022-04-21"})
    assert r.status_code == 200 and r.json["status"] == "withdrawn"
    put = organiser.put(
        f"/api/processes/{process['id']}/source",
        json={"position": HEAD_TT, "cadres": ["SCT014"]},
    )
    assert put.status_code == 200, put.json
    assert ("SCT012", HEAD_TT) in in_force(organiser)  # a withdrawal leaves the planning


def test_the_end_of_a_term_closes_its_planning(site: Any, organiser: Any) -> None:
    setup(site, organiser)
    r = organiser.post("/api/planning/term-ends", json={"on": "2021-05-31"})
    assert r.status_code == 200 and r.json["closed"] == []  # its last day: still in force
    r = organiser.post("/api/planning/term-ends", json={"on": "2021-06-01"})
    assert r.json["closed"] == [
        {"cadre": "SCT005", "position": "Phó Giám đốc Sở", "removed_on": "2021-05-31"}
    ]
    assert in_force(organiser) == {("SCT013", DEPUTY_TT), ("SCT012", HEAD_TT)}


def test_the_organiser_page_runs_an_appointment(site: Any, organiser: Any) -> None:
    setup(site, organiser)
    page = organiser.get("/organiser/appointments/").get_data(as_text=True)
    assert "Bổ nhiệm vào chức danh quy hoạch" in page and "Đinh Hồng Vân" in page
    r = form(
        organiser,
        "/organiser/appointments/",
        {"entry": f"SCT013|{DEPUTY_TT}", "started_on": "2022-06-01"},
    )
    assert r.status_code == 422 and "20/08/2022" in r.get_data(as_text=True)
    r = form(
        organiser,
        "/organiser/appointments/",
        {"entry": f"SCT013|{DEPUTY_TT}", "started_on": "2022-09-01"},
    )
    assert r.status_code == 302
    (running,) = organiser.get("/api/appointments").json["appointments"]
    r = form(
        organiser,
        f"/organiser/appointments/{running['id']}/decision",
        {"appointed_on": "2022-10-01", "decision": "Số 50/QĐ-SCT"},
    )
    assert r.status_code == 302
    page = organiser.get("/organiser/appointments/").get_data(as_text=True)
    assert 'data-status="appointed"' in page and "Số 50/QĐ-SCT" in page
    assert ("SCT013", DEPUTY_TT) not in in_force(organiser)
