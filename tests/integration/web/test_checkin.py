"""Check-in at the desk, undo with a reason, the quorum and the opening of voting."""

from __future__ import annotations

from typing import Any

import pytest


def check_in(api: Any, conference: str, attendee: int) -> Any:
    return api.post(f"/api/conferences/{conference}/attendees/{attendee}/check-in")


def test_check_in_marks_present_with_a_time(site: Any, organiser: Any) -> None:
    """Is a checked-in attendee present, with the time, and counted in the state?"""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    response = check_in(organiser, conference, first)
    assert response.status_code == 200
    assert response.json["present"] is True
    assert response.json["checked_in_at"].endswith("Z")
    state = organiser.get(f"/api/conferences/{conference}/state").json
    assert (state["convened"], state["present"]) == (25, 1)


def test_check_in_twice_changes_nothing(site: Any, organiser: Any) -> None:
    """Is a second tap (or a retried request) harmless: one present, one event, same time?"""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    once = check_in(organiser, conference, first).json
    events_before = organiser.get(f"/api/conferences/{conference}/events").json["events"]
    assert check_in(organiser, conference, first).json == once
    events_after = organiser.get(f"/api/conferences/{conference}/events").json["events"]
    assert events_after == events_before
    assert organiser.get(f"/api/conferences/{conference}/state").json["present"] == 1


def test_undo_needs_a_reason_and_is_logged(site: Any, organiser: Any) -> None:
    """Does undo without a reason fail, and with one mark absent and record the reason?"""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    undo = f"/api/conferences/{conference}/attendees/{first}/undo"
    check_in(organiser, conference, first)
    response = organiser.post(undo, json={"reason": "   "})
    assert response.status_code == 422
    assert site.code(response) == "reason_required"
    response = organiser.post(undo, json={"reason": "Bấm nhầm người"})
    assert response.status_code == 200
    assert response.json["present"] is False and response.json["checked_in_at"] is None
    last = organiser.get(f"/api/conferences/{conference}/events").json["events"][-1]
    assert last["kind"] == "checkin.undone"
    assert last["data"]["reason"] == "Bấm nhầm người"
    assert last["actor"] == "user:van-phong"


def test_undo_of_someone_absent_is_a_conflict(site: Any, organiser: Any) -> None:
    """Can an attendee who is not checked in be un-checked? No: 409."""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    response = organiser.post(
        f"/api/conferences/{conference}/attendees/{first}/undo", json={"reason": "thử"}
    )
    assert response.status_code == 409
    assert site.code(response) == "not_checked_in"


def test_check_in_only_during_check_in(site: Any, organiser: Any, phones: Any) -> None:
    """Is check-in refused in set-up and after voting opens?"""
    conference = site.set_up(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    assert site.code(check_in(organiser, conference, first)) == "wrong_phase"
    organiser.post(f"/api/conferences/{conference}/phase", json={"to": "checkin"})
    phones(site, organiser, conference).prepare(17)
    for attendee in site.attendee_ids(organiser, conference)[:17]:
        check_in(organiser, conference, attendee)
    assert (
        organiser.post(f"/api/conferences/{conference}/phase", json={"to": "voting"}).status_code
        == 200
    )
    late = site.attendee_ids(organiser, conference)[20]
    response = check_in(organiser, conference, late)
    assert response.status_code == 409
    assert organiser.get(f"/api/conferences/{conference}/state").json["present"] == 17


def test_an_unknown_attendee_is_404(site: Any, organiser: Any) -> None:
    """Is checking in an attendee id that is not on this roster a 404?"""
    conference = site.ready(organiser)
    assert check_in(organiser, conference, 999_999).status_code == 404


@pytest.mark.parametrize(
    ("present", "met", "more"), [(0, False, 17), (16, False, 1), (17, True, 0), (25, True, 0)]
)
def test_quorum_edges_for_25_convened(
    site: Any, organiser: Any, phones: Any, present: int, met: bool, more: int
) -> None:
    """KH 331: with 25 convened, 16 present is not enough (1 more needed) and 17 is."""
    conference = site.ready(organiser)
    if met:
        phones(site, organiser, conference).prepare(present)
    for attendee in site.attendee_ids(organiser, conference)[:present]:
        check_in(organiser, conference, attendee)
    state = organiser.get(f"/api/conferences/{conference}/state").json
    assert state["convened"] == 25
    assert (state["present"], state["quorum_met"], state["more_needed"]) == (present, met, more)
    response = organiser.post(f"/api/conferences/{conference}/phase", json={"to": "voting"})
    if met:
        assert response.status_code == 200
    else:
        assert response.status_code == 409
        assert site.code(response) == "quorum_not_met"
        assert response.json["error"]["message"] == (
            f"Chưa đủ 2/3 số người được triệu tập: cần thêm {more} người."
        )


def test_opening_voting_freezes_convened_and_present(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Are convened and present frozen at the opening and recorded with the phase change?"""
    conference = site.ready(organiser)
    phones(site, organiser, conference).prepare(18)
    for attendee in site.attendee_ids(organiser, conference)[:18]:
        check_in(organiser, conference, attendee)
    opened = organiser.post(f"/api/conferences/{conference}/phase", json={"to": "voting"}).json
    assert (opened["convened_at_opening"], opened["present_at_opening"]) == (25, 18)
    last = organiser.get(f"/api/conferences/{conference}/events").json["events"][-1]
    assert last["kind"] == "phase.changed"
    assert {k: last["data"][k] for k in ("from", "to", "convened", "present", "voided")} == {
        "from": "checkin",
        "to": "voting",
        "convened": 25,
        "present": 18,
        "voided": 2,
    }
    closed = organiser.post(f"/api/conferences/{conference}/phase", json={"to": "closed"}).json
    assert closed["phase"] == "closed"
    state = organiser.get(f"/api/conferences/{conference}/state").json
    assert (state["convened"], state["present"], state["phase"]) == (25, 18, "closed")


def test_the_desk_checks_in_with_its_device_link(site: Any, organiser: Any) -> None:
    """Can the check-in desk, with only its device link, search and check people in?"""
    conference = site.ready(organiser)
    desk = site.device(site.issue_device(organiser, conference)["token"])
    session = desk.get("/api/session").json["principal"]
    assert session["role"] == "checkin_desk" and session["conference"] == conference
    found = desk.get(f"/api/conferences/{conference}/roster", query_string={"q": "hoang ngoc"})
    attendee = found.json["attendees"][0]
    assert attendee["full_name"] == "Hoàng Ngọc Long"
    assert check_in(desk, conference, attendee["id"]).json["present"] is True
    last = organiser.get(f"/api/conferences/{conference}/events").json["events"][-1]
    assert last["actor"].startswith("device:")
