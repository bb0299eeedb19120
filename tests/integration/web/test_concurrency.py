"""Two desks at once: concurrent check-ins are all kept, counted once, and chained in order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any


def test_concurrent_check_ins_are_serialised(site: Any, organiser: Any) -> None:
    """With 25 check-ins (and a repeat of each) racing on 8 threads, are all 25 present, each
    logged exactly once, and the event chain unbroken?"""
    conference = site.ready(organiser)
    token = site.issue_device(organiser, conference)["token"]
    ids = site.attendee_ids(organiser, conference)

    def check_in(attendee: int) -> int:
        desk = site.device(token)
        path = f"/api/conferences/{conference}/attendees/{attendee}/check-in"
        status: int = desk.post(path).status_code
        return status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(check_in, ids + ids))
    assert statuses == [200] * 50
    state = organiser.get(f"/api/conferences/{conference}/state").json
    assert (state["present"], state["quorum_met"]) == (25, True)
    log = organiser.get(f"/api/conferences/{conference}/events").json
    assert log["chain_intact"] is True
    checked = [e["data"]["attendee"] for e in log["events"] if e["kind"] == "checkin"]
    assert sorted(checked) == sorted(ids)
