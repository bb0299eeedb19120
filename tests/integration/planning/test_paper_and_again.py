"""A step has one result, whichever way it was held: once counts were typed from paper
minutes its electronic conference cannot be run; an aborted vote whose paper counts nobody has
confirmed yet can still be held again electronically (the counts withdrawn, kept in the log),
but not once a committee member confirmed them."""

from __future__ import annotations

from typing import Any

from tests.integration.planning.test_refusals import START


def started(site: Any, organiser: Any) -> tuple[str, dict[str, Any]]:
    """A next-term process at its step 3 (steps 1 and 2 recorded), and step 3's paper entry."""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    process = organiser.post("/api/processes", json=START).json
    base = f"/api/processes/{process['id']}"
    for number in (1, 2):
        r = organiser.post(f"{base}/steps/{number}/approval", json={"held_on": "2022-04-21"})
        assert r.status_code == 200, r.json
    ballot = organiser.get(base).json["steps"][2]["approved"]["ballot"]
    counts = {s["position"]: {c["cadre"]: 4 for c in s["candidates"]} for s in ballot}
    return base, {"held_on": "2022-04-25", "convened": 28, "present": 28, "counts": counts}


def conference_of(organiser: Any, base: str) -> str:
    conference: str = organiser.get(base).json["steps"][2]["conference"]
    return conference


def abort(organiser: Any, conference: str) -> None:
    phase = f"/api/conferences/{conference}/phase"
    r = organiser.post(phase, json={"to": "checkin"})
    assert r.status_code == 200, r.json
    r = organiser.post(f"/api/conferences/{conference}/abort", json={"reason": "Mất điện"})
    assert r.status_code == 200, r.json


def test_paper_counts_close_the_steps_electronic_conference(site: Any, organiser: Any) -> None:
    base, paper = started(site, organiser)
    conference = conference_of(organiser, base)
    assert organiser.post(f"{base}/steps/3/paper", json=paper).status_code == 200
    r = organiser.post(f"/api/conferences/{conference}/phase", json={"to": "checkin"})
    assert r.status_code == 409 and site.code(r) == "step_on_paper"
    assert "phiếu giấy" in r.json["error"]["message"]
    state = organiser.get(f"/api/conferences/{conference}/state").json
    assert state["phase"] == "setup"


def test_an_aborted_vote_is_held_again_until_its_paper_counts_are_confirmed(
    site: Any, organiser: Any
) -> None:
    base, paper = started(site, organiser)
    first = conference_of(organiser, base)
    abort(organiser, first)
    assert organiser.post(f"{base}/steps/3/paper", json=paper).status_code == 200
    r = organiser.post(f"{base}/steps/3/again")
    assert r.status_code == 200, r.json
    step3 = r.json["steps"][2]
    assert step3["conference"] != first and step3["paper"] is None
    log = [e["kind"] for e in organiser.get(base).json["log"]]
    assert log[-2:] == ["paper.withdrawn", "step.held_again"]

    second = conference_of(organiser, base)
    abort(organiser, second)
    assert organiser.post(f"{base}/steps/3/paper", json=paper).status_code == 200
    confirm = {"member": "Nguyễn Văn Kiểm", "counts": paper["counts"]}
    assert (
        site.api("leadership").post(f"{base}/steps/3/paper/confirmations", json=confirm).status_code
        == 200
    )
    before = organiser.get(base).json
    r = organiser.post(f"{base}/steps/3/again")
    assert r.status_code == 409 and site.code(r) == "paper_confirmed"
    assert organiser.get(base).json == before


def test_paper_counts_are_confirmed_by_members_as_themselves(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Issue 16, item 13: does each member confirm as themself — from their own committee phone
    (of this step's conference) or their own account — with the same phone or account refused
    a second time, the one who entered the counts refused, a phone of another conference
    refused, and the phone never shown the counts it must type?"""
    base, paper = started(site, organiser)
    conference = conference_of(organiser, base)
    p = phones(site, organiser, conference)
    p.join()
    abort(organiser, conference)
    assert organiser.post(f"{base}/steps/3/paper", json=paper).status_code == 200
    form_url = f"/api/conferences/{conference}/committee/paper"
    form = p.apis[1].get(form_url).json
    assert form["entered"] is True and form["confirmations"] == 0 and form["step"] == 3
    assert "counts" not in str(form)
    assert [len(s["candidates"]) for s in form["sections"]] == [
        len(c) for c in paper["counts"].values()
    ]
    confirm = {"member": "Nguyễn Văn Kiểm", "counts": paper["counts"]}
    r = p.apis[1].post(f"{form_url}/confirmations", json=confirm)
    assert r.status_code == 200 and r.json["confirmations"] == 1, r.json
    again = p.apis[1].post(f"{form_url}/confirmations", json=confirm | {"member": "Trần Thị Phiếu"})
    assert again.status_code == 409 and site.code(again) == "already_confirmed"
    own = organiser.post(f"{base}/steps/3/paper/confirmations", json=confirm | {"member": "Ai đó"})
    assert own.status_code == 409 and site.code(own) == "confirm_by_another"
    other_conference = site.conference(organiser)
    stranger = p.apis[2].post(
        f"/api/conferences/{other_conference}/committee/paper/confirmations", json=confirm
    )
    assert stranger.status_code == 403
    assert organiser.get(base).json["steps"][2]["status"] == "current"
    r = p.apis[2].post(f"{form_url}/confirmations", json=confirm | {"member": "Trần Thị Phiếu"})
    assert r.status_code == 200, r.json
    step = organiser.get(base).json["steps"][2]
    assert step["status"] == "done" and step["result"]["paper"] is True
    confirmations = step["paper"]["confirmations"]
    assert [c["by"] for c in confirmations] == ["member:1", "member:2"]
