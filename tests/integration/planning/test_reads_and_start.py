"""Reading never changes anything: a step's result is taken into its process by the event that
causes it (the box opened by the committee, the head's decision, the paper confirmed), logged
under whoever caused it — never by a page or API read. And starting a process is all or
nothing: a failure half-way leaves no process, no conference, no roster."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.integration.planning.test_refusals import START
from tests.integration.planning.test_review_scope import start as start_review
from voting.conference import roster


def test_the_box_opened_moves_the_process_on_and_a_read_changes_nothing(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]], marks: Any
) -> None:
    planning = "cadre_id,full_name,position,term,approved_on\n" + (
        "SCT012,Dương Thanh Dung,Trưởng phòng Thanh tra Sở,2021-2026,2021-06-15\n"
    )
    process = start_review(site, organiser, planning)
    base = f"/api/processes/{process['id']}"
    removal = {"cadre": "SCT012", "position": "Trưởng phòng Thanh tra Sở"}
    r = organiser.post(
        f"{base}/steps/1/approval", json={"held_on": "2022-04-20", "removals": [removal]}
    )
    assert r.status_code == 200, r.json
    conference = r.json["steps"][0]["conference"]
    convened = len(site.attendee_ids(organiser, conference))
    hold(conference, convened, marks({1: [1]}, convened, {1: None}), sign=False)
    # Read by the leadership and the head, then by the organiser: all see the same process,
    # whose step 1 was closed when the committee opened the box — by a committee member.
    leadership, head = site.api("leadership"), site.api("head")
    seen = [api.get(base).json for api in (leadership, head, organiser, leadership)]
    assert all(view == seen[0] for view in seen)
    done = [e for e in seen[0]["log"] if e["kind"] == "step.done"]
    assert [e["data"]["step"] for e in done] == [1]
    assert done[0]["actor"].startswith("member:")
    assert seen[0]["steps"][0]["status"] == "done"
    for page in (f"/organiser/planning/{process['id']}", f"/organiser/conferences/{conference}"):
        assert organiser.get(page).status_code == 200
    assert organiser.get(base).json["log"] == seen[0]["log"]


@pytest.mark.parametrize("failing_call", [1, 3])
def test_a_start_failing_half_way_leaves_nothing(
    site: Any, organiser: Any, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    """The third conference's roster (or the first) cannot be drawn: nothing is kept."""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    real = roster.draw
    calls = []

    def failing(session: Any, conference_id: str, actor: str) -> Any:
        calls.append(conference_id)
        if len(calls) == failing_call:
            raise RuntimeError("the disk is full")
        return real(session, conference_id, actor)

    monkeypatch.setattr(roster, "draw", failing)
    site.app.config["PROPAGATE_EXCEPTIONS"] = False
    r = organiser.post("/api/processes", json=START)
    assert r.status_code == 500
    assert len(calls) == failing_call
    assert organiser.get("/api/processes").json["processes"] == []
    assert organiser.get("/api/conferences").json["conferences"] == []
    monkeypatch.setattr(roster, "draw", real)
    r = organiser.post("/api/processes", json=START)
    assert r.status_code == 201, r.json
    assert len(organiser.get("/api/conferences").json["conferences"]) == 3
