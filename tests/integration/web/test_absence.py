"""Why a convened attendee is absent, for the count minutes: recorded through the API by the
organiser or the desk, refused with a Vietnamese reason (and nothing changed) when it makes no
sense, cleared by a later check-in, and recorded from the attendance list's rows."""

from __future__ import annotations

from typing import Any


def absence(api: Any, conference: str, attendee: int, **body: str) -> Any:
    return api.post(f"/api/conferences/{conference}/attendees/{attendee}/absence", json=body)


def roster_entry(api: Any, conference: str, attendee: int) -> dict[str, Any]:
    roster = api.get(f"/api/conferences/{conference}/roster").json["attendees"]
    found: dict[str, Any] = next(a for a in roster if a["id"] == attendee)
    return found


def test_a_reason_is_recorded_and_logged(site: Any, organiser: Any) -> None:
    """Does a reason of the list stick to the absent attendee, with the event logged under the
    organiser, and can "other" carry the words typed?"""
    conference = site.ready(organiser)
    first, second = site.attendee_ids(organiser, conference)[:2]
    response = absence(organiser, conference, first, reason="cong_tac")
    assert response.status_code == 200, response.json
    assert response.json["absence"] == {"reason": "cong_tac", "note": ""}
    last = organiser.get(f"/api/conferences/{conference}/events").json["events"][-1]
    assert last["kind"] == "absence.recorded" and last["actor"] == "user:van-phong"
    assert last["data"]["attendee"] == first and last["data"]["reason"] == "cong_tac"
    response = absence(organiser, conference, second, reason="khac", note="  Họp  Tỉnh ủy ")
    assert response.json["absence"] == {"reason": "khac", "note": "Họp Tỉnh ủy"}
    assert roster_entry(organiser, conference, first)["absence"]["reason"] == "cong_tac"


def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(site: Any, organiser: Any) -> None:
    """An unknown reason, "other" without words, words over 200 characters, an attendee who is
    checked in: each refused with a reason a person can act on, the stored reason unchanged and
    nothing logged."""
    conference = site.ready(organiser)
    first, present = site.attendee_ids(organiser, conference)[:2]
    assert absence(organiser, conference, first, reason="om").status_code == 200
    organiser.post(f"/api/conferences/{conference}/attendees/{present}/check-in")
    events = organiser.get(f"/api/conferences/{conference}/events").json["events"]
    for attendee, body, status, code, words in (
        (first, {"reason": "du_lich"}, 422, "absence_reason_unknown", "Lý do vắng mặt không"),
        (first, {"reason": "khac", "note": "   "}, 422, "absence_note_required", "ghi rõ lý do"),
        (first, {"reason": "khac", "note": "x" * 201}, 422, "absence_note_too_long", "200 ký"),
        (present, {"reason": "om"}, 409, "attendee_present", "đã có mặt"),
    ):
        response = absence(organiser, conference, attendee, **body)
        assert response.status_code == status, body
        assert site.code(response) == code
        assert words in response.json["error"]["message"]
    assert roster_entry(organiser, conference, first)["absence"] == {"reason": "om", "note": ""}
    assert organiser.get(f"/api/conferences/{conference}/events").json["events"] == events
    assert absence(organiser, conference, 10**6, reason="om").status_code == 404


def test_the_desk_records_leadership_does_not(site: Any, organiser: Any) -> None:
    """The desk link of the conference may record a reason (it sees who did not come);
    leadership, which only reads, may not."""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    desk = site.device(site.issue_device(organiser, conference)["token"])
    assert absence(desk, conference, first, reason="nghi_phep").status_code == 200
    assert absence(site.api("leadership"), conference, first, reason="om").status_code == 403
    assert roster_entry(organiser, conference, first)["absence"]["reason"] == "nghi_phep"


def test_checking_in_clears_the_reason_and_an_empty_reason_clears_it(
    site: Any, organiser: Any
) -> None:
    """Someone reported away who comes after all has no absence reason; an empty reason
    clears a wrong one."""
    conference = site.ready(organiser)
    first, second = site.attendee_ids(organiser, conference)[:2]
    absence(organiser, conference, first, reason="om")
    checked = organiser.post(f"/api/conferences/{conference}/attendees/{first}/check-in")
    assert checked.json["present"] is True and checked.json["absence"] is None
    absence(organiser, conference, second, reason="viec_rieng")
    assert absence(organiser, conference, second, reason="").json["absence"] is None


def test_the_attendance_list_records_and_shows_the_reason(site: Any, organiser: Any) -> None:
    """Does the attendance list's row form record the reason, the list then show it, and a
    refused form show the Vietnamese reason with the status 422?"""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    page = f"/organiser/conferences/{conference}/attendance"
    form = f"/organiser/conferences/{conference}/attendees/{first}/absence"
    assert 'name="reason"' in organiser.get(page).get_data(as_text=True)
    done = organiser.post(form, data={"csrf_token": organiser.csrf, "reason": "cong_tac"})
    assert done.status_code == 302 and done.location.endswith(f"#attendee-{first}")
    shown = organiser.get(page).get_data(as_text=True)
    assert "Vắng mặt<span" in shown and ": Đi công tác</span>" in shown
    refused = organiser.post(form, data={"csrf_token": organiser.csrf, "reason": "khac"})
    assert refused.status_code == 422
    assert "Với “Lý do khác”, hãy ghi rõ lý do vắng mặt." in refused.get_data(as_text=True)
    assert roster_entry(organiser, conference, first)["absence"]["reason"] == "cong_tac"
    # Leadership reads the list but gets no form.
    assert 'name="reason"' not in site.api("leadership").get(page).get_data(as_text=True)
