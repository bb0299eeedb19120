"""Setting up a conference: made from a rule-set step, validated, edited only in set-up."""

from __future__ import annotations

from typing import Any

import pytest

from voting.rules import KH331


def test_a_conference_embeds_its_step_and_rule_set(site: Any, organiser: Any) -> None:
    """Does a new conference carry the step, the rule set's name and hash, and set-up phase?"""
    conference = site.conference(organiser, procedure="annual_review", step=2, tier="province")
    data = organiser.get(f"/api/conferences/{conference}").json
    assert data["step_title"] == "Bước 2: Hội nghị cán bộ chủ chốt"
    assert data["rule_set"] == {"name": "KH331", "hash": KH331.hash}
    assert data["phase"] == "setup" and data["phase_title"] == "Chuẩn bị hội nghị"
    assert data["committee"] == {"size": 3, "threshold": 2}
    assert data["ballot_kind"] == "candidates" and data["announced"] is False
    assert len(conference) == 32
    listed = organiser.get("/api/conferences").json["conferences"]
    assert [c["id"] for c in listed] == [conference]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"step": 9}, "unknown_step"),
        ({"procedure": "elsewhere"}, "unknown_step"),
        ({"step": 2}, "no_ballot_step"),
        ({"tier": "district"}, "unknown_tier"),
        ({"title": "   "}, "invalid_input"),
        ({"place": ""}, "invalid_input"),
        ({"committee_size": 2}, "invalid_committee"),
        ({"committee_size": 3, "committee_threshold": 4}, "invalid_committee"),
        ({"committee_threshold": 1}, "invalid_committee"),
    ],
)
def test_bad_set_up_is_refused_and_creates_nothing(
    site: Any, organiser: Any, change: dict[str, Any], code: str
) -> None:
    """Is each invalid field refused with its own code, and no conference made?"""
    response = organiser.post("/api/conferences", json=site.new_conference | change)
    assert response.status_code == 422
    assert site.code(response) == code
    assert response.json["error"]["message"]
    assert organiser.get("/api/conferences").json["conferences"] == []


@pytest.mark.parametrize(
    "change", [{"step": "4"}, {"held_on": "20/04/2022"}, {"title": None}, {"committee_size": True}]
)
def test_wrong_types_are_a_400(site: Any, organiser: Any, change: dict[str, Any]) -> None:
    """Is a field of the wrong type (a string step, a date in another form) a 400?"""
    response = organiser.post("/api/conferences", json=site.new_conference | change)
    assert response.status_code == 400
    assert site.code(response) == "bad_request"


def test_details_change_in_set_up_only(site: Any, organiser: Any) -> None:
    """Can the organiser fix the place and committee in set-up, and not after check-in opens?"""
    conference = site.set_up(organiser)
    response = organiser.patch(
        f"/api/conferences/{conference}",
        json={"place": "Phòng họp số 2", "committee_size": 5, "committee_threshold": 3},
    )
    assert response.status_code == 200
    assert response.json["place"] == "Phòng họp số 2"
    assert response.json["title"] == site.new_conference["title"]
    assert response.json["committee"] == {"size": 5, "threshold": 3}
    organiser.post(f"/api/conferences/{conference}/phase", json={"to": "checkin"})
    response = organiser.patch(f"/api/conferences/{conference}", json={"place": "Khác"})
    assert response.status_code == 409
    assert site.code(response) == "wrong_phase"
    assert organiser.get(f"/api/conferences/{conference}").json["place"] == "Phòng họp số 2"


def test_an_unknown_conference_is_404(site: Any, organiser: Any) -> None:
    """Is a conference id that does not exist a JSON 404?"""
    response = organiser.get("/api/conferences/" + "0" * 32)
    assert response.status_code == 404
    assert response.json["error"]["message"] == "Không tìm thấy hội nghị."


def test_the_rules_list_the_steps_a_conference_is_made_from(organiser: Any) -> None:
    """Does the set-up form get both procedures with their steps and ballots?"""
    rules = organiser.get("/api/rules").json
    assert rules["hash"] == KH331.hash
    steps = {p["key"]: [s["ballot"] for s in p["steps"]] for p in rules["procedures"]}
    assert steps == {
        "next_term": ["none", "none", "candidates", "candidates", "candidates"],
        "annual_review": ["removal", "candidates", "candidates", "candidates"],
    }


def test_opening_check_in_needs_a_roster_and_a_ballot(site: Any, organiser: Any) -> None:
    """Is check-in refused while the roster is empty, and while there is no ballot?"""
    conference = site.conference(organiser)
    phase = f"/api/conferences/{conference}/phase"
    assert site.code(organiser.post(phase, json={"to": "checkin"})) == "empty_roster"
    organiser.upload("/api/people", site.agency)
    organiser.post(f"/api/conferences/{conference}/roster/draw")
    assert site.code(organiser.post(phase, json={"to": "checkin"})) == "no_ballot"
    organiser.put(f"/api/conferences/{conference}/ballot", json=site.ballot)
    assert organiser.post(phase, json={"to": "checkin"}).json["phase"] == "checkin"


def test_phases_move_only_along_the_conference_life(site: Any, organiser: Any) -> None:
    """Can voting be skipped to, or the box be opened by a phase call? Neither."""
    conference = site.set_up(organiser)
    phase = f"/api/conferences/{conference}/phase"
    for to in ("voting", "closed", "opened"):
        response = organiser.post(phase, json={"to": to})
        assert response.status_code == 409, to
    assert site.code(organiser.post(phase, json={"to": "later"})) == "bad_request"
    assert organiser.get(f"/api/conferences/{conference}").json["phase"] == "setup"


def test_set_up_reopens_only_while_nobody_is_checked_in(site: Any, organiser: Any) -> None:
    """Can the organiser go back to set-up to fix the roster — but not once someone is in?"""
    conference = site.ready(organiser)
    phase = f"/api/conferences/{conference}/phase"
    assert organiser.post(phase, json={"to": "setup"}).json["phase"] == "setup"
    organiser.post(phase, json={"to": "checkin"})
    first = site.attendee_ids(organiser, conference)[0]
    organiser.post(f"/api/conferences/{conference}/attendees/{first}/check-in")
    assert site.code(organiser.post(phase, json={"to": "setup"})) == "already_checked_in"
