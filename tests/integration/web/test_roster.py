"""The roster: drawn by the step's composition groups, edited by hand in set-up, searched at
the desk with or without diacritics."""

from __future__ import annotations

from typing import Any

import pytest


def test_the_roster_is_drawn_by_the_steps_groups(site: Any, organiser: Any) -> None:
    """Does step 5 convene exactly the Ban Giám đốc and Ban Thường vụ (5 people of the sample)?"""
    organiser.upload("/api/people", site.agency)
    conference = site.conference(organiser, step=5)
    drawn = organiser.post(f"/api/conferences/{conference}/roster/draw").json["attendees"]
    assert [a["ref"] for a in drawn] == ["SCT001", "SCT002", "SCT003", "SCT004", "SCT005"]
    assert all(a["source"] == "registry" and a["present"] is False for a in drawn)


def test_drawing_again_does_not_duplicate(site: Any, organiser: Any) -> None:
    """Does a second draw replace the registry entries and keep the hand-added ones?"""
    organiser.upload("/api/people", site.agency)
    conference = site.conference(organiser, step=5)
    organiser.post(f"/api/conferences/{conference}/roster/draw")
    organiser.post(f"/api/conferences/{conference}/roster", json={"full_name": "Khách mời"})
    organiser.post(f"/api/conferences/{conference}/roster/draw")
    roster = organiser.get(f"/api/conferences/{conference}/roster").json["attendees"]
    assert len(roster) == 6
    assert [a["source"] for a in roster].count("manual") == 1


def test_nothing_to_draw_without_a_registry(site: Any, organiser: Any) -> None:
    """Is drawing from an empty registry refused with advice to import it first?"""
    conference = site.conference(organiser)
    response = organiser.post(f"/api/conferences/{conference}/roster/draw")
    assert response.status_code == 422
    assert site.code(response) == "nobody_to_draw"


def test_hand_edits_add_and_remove(site: Any, organiser: Any) -> None:
    """Can the organiser add someone by hand and take someone off?"""
    conference = site.conference(organiser)
    response = organiser.post(
        f"/api/conferences/{conference}/roster",
        json={"full_name": "  Vũ   Thị  Hằng ", "post": "Chủ tịch Công đoàn", "sex": "f"},
    )
    assert response.status_code == 201
    added = response.json
    assert added["full_name"] == "Vũ Thị Hằng" and added["sex"] == "F"
    assert added["source"] == "manual" and added["ref"] is None
    response = organiser.delete(f"/api/conferences/{conference}/roster/{added['id']}")
    assert response.status_code == 204
    assert organiser.get(f"/api/conferences/{conference}/roster").json["attendees"] == []
    missing = organiser.delete(f"/api/conferences/{conference}/roster/{added['id']}")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    "entry", [{"full_name": ""}, {"full_name": "A", "sex": "X"}, {"full_name": "x" * 201}]
)
def test_bad_hand_entries_are_refused(site: Any, organiser: Any, entry: dict[str, str]) -> None:
    """Is an empty name, an unknown sex or an overlong name refused, adding nobody?"""
    conference = site.conference(organiser)
    response = organiser.post(f"/api/conferences/{conference}/roster", json=entry)
    assert response.status_code == 422
    assert organiser.get(f"/api/conferences/{conference}/roster").json["attendees"] == []


def test_a_hand_entry_cannot_reuse_an_id(site: Any, organiser: Any) -> None:
    """Is a hand entry with the id of someone already convened refused?"""
    conference = site.set_up(organiser, externals=0)
    response = organiser.post(
        f"/api/conferences/{conference}/roster", json={"full_name": "Ai đó", "ref": "SCT001"}
    )
    assert response.status_code == 422
    assert site.code(response) == "duplicate_attendee"


def test_an_attendee_of_another_conference_is_not_found(site: Any, organiser: Any) -> None:
    """Can one conference's URL touch another conference's attendee? No."""
    first = site.set_up(organiser, externals=0)
    second = site.conference(organiser)
    someone = site.attendee_ids(organiser, first)[0]
    response = organiser.delete(f"/api/conferences/{second}/roster/{someone}")
    assert response.status_code == 404
    assert len(site.attendee_ids(organiser, first)) == 16


def test_the_roster_is_frozen_once_check_in_opens(site: Any, organiser: Any) -> None:
    """After check-in opens, are drawing, adding and removing all refused?"""
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}/roster"
    someone = site.attendee_ids(organiser, conference)[0]
    for response in (
        organiser.post(f"{base}/draw"),
        organiser.post(base, json={"full_name": "Người đến muộn"}),
        organiser.delete(f"{base}/{someone}"),
    ):
        assert response.status_code == 409
        assert site.code(response) == "wrong_phase"
    assert len(site.attendee_ids(organiser, conference)) == 25


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen thi", ["Nguyễn Thị Trang"]),
        ("Nguyễn Thị", ["Nguyễn Thị Trang"]),
        ("NGUYEN THI TRANG", ["Nguyễn Thị Trang"]),
        ("do thi", ["Đỗ Thị Dung"]),
        ("đỗ ngọc", ["Đỗ Ngọc Hùng"]),
        ("thi tr", ["Nguyễn Thị Trang"]),
        ("rang", []),
        ("SCT024", ["Đinh Văn Hùng"]),
        ("không có ai", []),
    ],
)
def test_search_ignores_diacritics_and_case(
    site: Any, organiser: Any, query: str, expected: list[str]
) -> None:
    """Does the desk find "Nguyễn Thị Trang" by "nguyen thi", and "Đỗ" by "do"?"""
    organiser.upload("/api/people", site.agency)
    conference = site.conference(organiser, step=3)
    organiser.post(f"/api/conferences/{conference}/roster/draw")
    found = organiser.get(f"/api/conferences/{conference}/roster", query_string={"q": query})
    assert [a["full_name"] for a in found.json["attendees"]] == expected
