"""A whole next-term planning through the API, every step electronic: the source list from the
eligibility engine, the approvals, a candidate failing at step 3, a tie at the last place
decided by the head, the list submitted and approved into the registry, the dossier printed."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import Any

from tests.unit.tally.node_verifier import javascript_check
from voting.tally.verify import verify_record

START = {
    "procedure": "next_term",
    "tier": "province",
    "term": "2025-2030",
    "term_start": "2025-10",
    "reference": "2022-04",
    "held_on": "2022-04-20",
    "place": "Hội trường Sở",
}


def started(site: Any, organiser: Any, **fields: Any) -> dict[str, Any]:
    assert organiser.upload("/api/people", site.agency).status_code == 200
    r = organiser.post("/api/processes", json=fields or START)
    assert r.status_code == 201, r.json
    body: dict[str, Any] = r.json
    return body


def section(process: dict[str, Any], position: str) -> dict[str, Any]:
    return next(s for s in process["source"] if s["position"] == position)


def step(process: dict[str, Any], number: int) -> dict[str, Any]:
    return process["steps"][number - 1]


def test_a_whole_next_term_planning(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]], marks: Any
) -> None:
    process = started(site, organiser)
    pid = process["id"]
    base = f"/api/processes/{pid}"
    assert [s["status"] for s in process["steps"]] == ["current"] + ["waiting"] * 4
    # Steps 1 and 2 hold no secret ballot; 3–5 each have a conference with its roster.
    assert [s["conference"] is not None for s in process["steps"]] == [False] * 2 + [True] * 3
    director = section(process, "Giám đốc Sở")
    proposed = [c["cadre"] for c in director["candidates"]]
    assert "SCT004" in proposed and "SCT002" in proposed
    # The excluded carry reasons; SCT052 (68 months) is a Chuyên viên, no source here.
    assert all(e["reasons"] for e in director["excluded"])

    # The organiser trims the lists; the change is logged with before and after.
    directors = proposed[:5]
    deputies = [c["cadre"] for c in section(process, "Phó Giám đốc Sở")["candidates"]][:3]
    for position, cadres in (("Giám đốc Sở", directors), ("Phó Giám đốc Sở", deputies)):
        r = organiser.put(f"{base}/source", json={"position": position, "cadres": cadres})
        assert r.status_code == 200, r.json
    logged = [e for e in r.json["log"] if e["kind"] == "source.changed"]
    assert logged[0]["data"]["after"] == directors

    for number in (1, 2):
        r = organiser.post(f"{base}/steps/{number}/approval", json={"held_on": "2022-04-21"})
        assert r.status_code == 200, r.json
    process = r.json
    assert process["source_frozen"]
    r = organiser.put(f"{base}/source", json={"position": "Giám đốc Sở", "cadres": []})
    assert r.status_code == 409 and site.code(r) == "source_frozen"

    # Step 3: ≥ 30% of present. The fifth director candidate gets 1 of N: fails.
    conference3 = step(process, 3)["conference"]
    assert step(process, 3)["status"] == "current"
    ballot3 = organiser.get(f"/api/conferences/{conference3}/ballot").json
    assert [s["position"] for s in ballot3["sections"]] == ["Giám đốc Sở", "Phó Giám đốc Sở"]
    # Nobody edits a step's ballot by hand.
    r = organiser.put(f"/api/conferences/{conference3}/ballot", json=site.ballot)
    assert r.status_code == 409 and site.code(r) == "ballot_from_process"
    present = len(site.attendee_ids(organiser, conference3))
    assert present >= 20
    quotas = {1: 3, 2: 3}
    hold(
        conference3,
        present,
        marks({1: [20, 20, 20, 19, 1], 2: [20] * 3}, present, quotas),
    )
    process = organiser.get(base).json
    assert step(process, 3)["status"] == "done" and step(process, 4)["status"] == "current"
    failing = directors[4]
    row = next(
        c for c in step(process, 3)["result"]["sections"][0]["candidates"] if c["cadre"] == failing
    )
    assert row["agree"] == 1 and not row["passed"]

    # Step 4 votes on those passing step 3 only.
    conference4 = step(process, 4)["conference"]
    ballot4 = organiser.get(f"/api/conferences/{conference4}/ballot").json
    standing = [c["person_ref"] for c in ballot4["sections"][0]["candidates"]]
    assert standing == directors[:4]
    present = len(site.attendee_ids(organiser, conference4))
    half = present // 2 + 1
    hold(conference4, present, marks({1: [half] * 4, 2: [half] * 3}, present, quotas))

    # Step 5: > 50% of convened, top down; two tied for the last director place.
    process = organiser.get(base).json
    conference5 = step(process, 5)["conference"]
    convened = len(site.attendee_ids(organiser, conference5))
    assert convened == 5
    result = hold(
        conference5,
        convened,
        marks({1: [5, 4, 3, 3], 2: [5, 5, 1]}, convened, {1: 3, 2: 3}),
    )
    assert result["status"] == "awaiting_head"
    assert result["result"]["selection"]["ties"] == {"s1": {"places": 1, "among": ["s1c3", "s1c4"]}}
    process = organiser.get(base).json
    assert step(process, 5)["status"] == "current" and process["outcome"] is None

    head = site.api("head")
    r = head.post(
        f"/api/conferences/{conference5}/decision", json={"chosen": {"s1": ["s1c4"]}, "note": ""}
    )
    assert r.status_code == 200, r.json
    process = organiser.get(base).json
    assert step(process, 5)["status"] == "done"
    planned = {
        p["position"]: [c["cadre"] for c in p["cadres"]] for p in process["outcome"]["planned"]
    }
    assert planned == {
        "Giám đốc Sở": [directors[0], directors[1], directors[3]],
        "Phó Giám đốc Sở": deputies[:2],
    }
    # The final step's record carries the cadres' identity and verifies.
    record = organiser.get(f"/api/conferences/{conference5}/record").data
    assert verify_record(record) is not None
    assert javascript_check(record) == 0  # the second verifier agrees on the server's record

    # Submission, the 30-working-day deadline, approval, the 3-month wait.
    r = organiser.post(f"{base}/approval", json={"on": "2022-06-15"})
    assert r.status_code == 409 and site.code(r) == "not_submitted"
    r = organiser.post(f"{base}/submission", json={"on": "2022-04-29"})
    assert r.status_code == 200, r.json
    # Friday 29/4/2022 + 30 working days (30/4 and 1/5 fall on the weekend).
    assert r.json["dates"]["approval_deadline"] == "2022-06-10"
    r = organiser.post(f"{base}/approval", json={"on": "2022-06-15"})
    assert r.status_code == 200, r.json
    assert r.json["status"] == "approved"
    assert r.json["dates"]["earliest_appointment"] == "2022-09-15"
    rows = organiser.get("/api/registry/planning").json["rows"]
    added = [row for row in rows if row["term"] == "2025-2030"]
    assert sorted(row["cadre_id"] for row in added) == sorted(
        planned["Giám đốc Sở"] + planned["Phó Giám đốc Sở"]
    )
    assert {row["approved_on"] for row in added} == {"2022-06-15"}

    # The dossier summary: every step's count, base and percentage for each candidate.
    pdf = organiser.get(f"{base}/dossier.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.data, capture_output=True, check=True
    ).stdout.decode()
    assert "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU Ở CÁC BƯỚC" in text
    assert "Không đạt ở bước 3" in text
    xlsx = organiser.get(f"{base}/dossier.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_a_term_the_registry_knows_gives_its_start_month(site: Any, organiser: Any) -> None:
    """Does the next term start when the registry's terms say, and is an unknown term without
    a start month refused?"""
    terms = site.file("terms.csv", "label,starts_on,ends_on\n2025-2030,2025-10-01,2030-09-30\n")
    assert organiser.upload("/api/registry/terms", terms).status_code == 200
    known = {k: v for k, v in START.items() if k != "term_start"}
    process = started(site, organiser, **known)
    assert process["term_start"] == "2025-10"
    r = organiser.post("/api/processes", json=known | {"term": "2030-2035"})
    assert r.status_code == 422 and site.code(r) == "invalid_term"


def test_an_aborted_step_is_held_again_with_the_same_ballot(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]], marks: Any
) -> None:
    """Can a step whose vote was aborted be held again in a new conference, the ballot the
    same, and its result passed on; and is a step done never recorded again?"""
    process = started(site, organiser)
    base = f"/api/processes/{process['id']}"
    for position in ("Giám đốc Sở", "Phó Giám đốc Sở"):
        cadres = [c["cadre"] for c in section(process, position)["candidates"]][:2]
        r = organiser.put(f"{base}/source", json={"position": position, "cadres": cadres})
        assert r.status_code == 200
    for number in (1, 2):
        r = organiser.post(f"{base}/steps/{number}/approval", json={"held_on": "2022-04-21"})
        assert r.status_code == 200, r.json
    r = organiser.post(f"{base}/steps/2/approval", json={"held_on": "2022-04-21"})
    assert r.status_code == 409 and site.code(r) == "not_current_step"
    first = step(organiser.get(base).json, 3)["conference"]
    r = organiser.post(f"{base}/steps/3/again")
    assert r.status_code == 409 and site.code(r) == "not_aborted"
    assert (
        organiser.post(f"/api/conferences/{first}/phase", json={"to": "checkin"}).status_code == 200
    )
    r = organiser.post(f"/api/conferences/{first}/abort", json={"reason": "Mất điện hội trường"})
    assert r.status_code == 200, r.json
    r = organiser.post(f"{base}/steps/3/again")
    assert r.status_code == 200, r.json
    again = step(r.json, 3)["conference"]
    assert again != first
    old = organiser.get(f"/api/conferences/{first}/ballot").json["sections"]
    new = organiser.get(f"/api/conferences/{again}/ballot").json["sections"]
    assert new == old
    present = len(site.attendee_ids(organiser, again))
    hold(again, present, marks({1: [20, 20], 2: [20, 20]}, present, {1: 2, 2: 2}))
    process = organiser.get(base).json
    assert step(process, 3)["status"] == "done" and step(process, 4)["status"] == "current"


def test_the_structure_of_a_list_as_edited_is_answered_and_nothing_saved(
    site: Any, organiser: Any
) -> None:
    """Does POST …/structure answer the report of the list sent (the process's own report for
    its own source list), leaving the source list as it was?"""
    process = started(site, organiser)
    base = f"/api/processes/{process['id']}"
    source = {s["position"]: [c["cadre"] for c in s["candidates"]] for s in process["source"]}
    r = organiser.post(f"{base}/structure", json={"lists": source})
    assert r.status_code == 200, r.json
    assert r.json == process["structure"]
    one = next(cadres[:1] for cadres in source.values() if cadres)
    r = organiser.post(f"{base}/structure", json={"lists": {"Giám đốc Sở": one}})
    assert r.status_code == 200, r.json
    assert r.json["planned"] == 1 and r.json["reference"] == process["structure"]["reference"]
    assert organiser.get(base).json["source"] == process["source"]
