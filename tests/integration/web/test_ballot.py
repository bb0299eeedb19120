"""The ballot editor: sections per position with quota K, validated as a whole."""

from __future__ import annotations

import copy
from typing import Any

import pytest


def candidate(name: str, post: str = "Phó trưởng phòng", unit: str = "Thanh tra Sở") -> dict:  # type: ignore[type-arg]
    return {"full_name": name, "post": post, "unit": unit}


def test_the_ballot_is_stored_as_sent(site: Any, organiser: Any) -> None:
    """Does the ballot come back with its sections numbered, candidates and quota?"""
    conference = site.conference(organiser)
    response = organiser.put(f"/api/conferences/{conference}/ballot", json=site.ballot)
    assert response.status_code == 200
    section = response.json["sections"][0]
    assert section["number"] == 1 and section["quota"] == 2
    assert [c["full_name"] for c in section["candidates"]] == ["Đỗ Thị Dung", "Hoàng Ngọc Long"]
    assert organiser.get(f"/api/conferences/{conference}/ballot").json == response.json


def test_quota_defaults_to_three_or_fewer_candidates(site: Any, organiser: Any) -> None:
    """Without a quota, is K 3 for four candidates and 2 for two?"""
    conference = site.conference(organiser)
    ballot = {
        "sections": [
            {"position": "Trưởng phòng Thanh tra", "candidates": [candidate(n) for n in "ABCD"]},
            {"position": "Phó trưởng phòng Thanh tra", "candidates": [candidate(n) for n in "EF"]},
        ]
    }
    response = organiser.put(f"/api/conferences/{conference}/ballot", json=ballot)
    assert [s["quota"] for s in response.json["sections"]] == [3, 2]


@pytest.mark.parametrize(
    ("sections", "code_where"),
    [
        ([], [{}]),
        ([{"position": "", "candidates": [candidate("A")]}], [{"section": 1}]),
        ([{"position": "Giám đốc Sở", "candidates": []}], [{"section": 1}]),
        (
            [{"position": "Giám đốc Sở", "quota": 0, "candidates": [candidate("A")]}],
            [{"section": 1}],
        ),
        (
            [
                {
                    "position": "Giám đốc Sở",
                    "quota": 3,
                    "candidates": [candidate("A"), candidate("B")],
                }
            ],
            [{"section": 1}],
        ),
        (
            [
                {
                    "position": "Giám đốc Sở",
                    "quota": 4,
                    "candidates": [candidate(n) for n in "ABCDE"],
                }
            ],
            [{"section": 1}],
        ),
        (
            [
                {
                    "position": "Giám đốc Sở",
                    "candidates": [candidate("Lê Văn A"), candidate("le van a")],
                }
            ],
            [{"section": 1, "candidate": 2}],
        ),
        (
            [
                {"position": "Giám đốc Sở", "candidates": [candidate("A")]},
                {"position": "giám đốc sở", "candidates": [candidate("B")]},
            ],
            [{"section": 2}],
        ),
        (
            [{"position": "Giám đốc Sở", "candidates": [candidate("A", post="")]}],
            [{"section": 1, "candidate": 1}],
        ),
    ],
)
def test_invalid_ballots_are_refused_whole(
    site: Any, organiser: Any, sections: list[Any], code_where: list[dict[str, int]]
) -> None:
    """Is each fault (no section, empty position, no candidate, quota out of 1..min(3, n),
    a repeated candidate or position, a missing field) reported where it is, changing nothing?"""
    conference = site.conference(organiser)
    organiser.put(f"/api/conferences/{conference}/ballot", json=site.ballot)
    response = organiser.put(f"/api/conferences/{conference}/ballot", json={"sections": sections})
    assert response.status_code == 422
    assert site.code(response) == "invalid_ballot"
    problems = response.json["error"]["problems"]
    assert [{k: v for k, v in p.items() if k in ("section", "candidate")} for p in problems] == (
        code_where
    )
    assert all(p["message"] and p["message_en"] for p in problems)
    stored = organiser.get(f"/api/conferences/{conference}/ballot").json
    assert [s["position"] for s in stored["sections"]] == ["Phó Giám đốc Sở"]


def test_same_person_twice_by_registry_id_is_a_duplicate(site: Any, organiser: Any) -> None:
    """Is a registry person listed twice in a section (same person_ref) refused?"""
    conference = site.conference(organiser)
    twice = [
        candidate("Đỗ Thị Dung") | {"person_ref": "SCT005"},
        candidate("Đỗ T. Dung") | {"person_ref": "SCT005"},
    ]
    response = organiser.put(
        f"/api/conferences/{conference}/ballot",
        json={"sections": [{"position": "Phó Giám đốc Sở", "candidates": twice}]},
    )
    assert response.status_code == 422


def test_a_cadre_may_stand_in_several_sections(site: Any, organiser: Any) -> None:
    """rules.md: a cadre may appear in several sections — is that accepted?"""
    conference = site.conference(organiser)
    ballot = {
        "sections": [
            {"position": "Giám đốc Sở", "candidates": [candidate("Tô Văn Đạt")]},
            {"position": "Phó Giám đốc Sở", "candidates": [candidate("Tô Văn Đạt")]},
        ]
    }
    assert organiser.put(f"/api/conferences/{conference}/ballot", json=ballot).status_code == 200


def test_a_removal_ballot_has_no_quota(site: Any, organiser: Any) -> None:
    """On the annual review's removal ballot, is a quota refused and none stored?"""
    conference = site.conference(organiser, procedure="annual_review", step=1)
    cadres = [candidate("Tô Văn Đạt", "Phó Giám đốc", "Ban Giám đốc")]
    with_quota = {"sections": [{"position": "Giám đốc Sở", "quota": 1, "candidates": cadres}]}
    response = organiser.put(f"/api/conferences/{conference}/ballot", json=with_quota)
    assert response.status_code == 422
    without = copy.deepcopy(with_quota)
    del without["sections"][0]["quota"]
    response = organiser.put(f"/api/conferences/{conference}/ballot", json=without)
    assert response.status_code == 200
    assert response.json["kind"] == "removal"
    assert "quota" not in response.json["sections"][0]


def test_the_ballot_is_frozen_after_set_up(site: Any, organiser: Any) -> None:
    """Once check-in opens, is the ballot refused changes?"""
    conference = site.ready(organiser)
    response = organiser.put(f"/api/conferences/{conference}/ballot", json=site.ballot)
    assert response.status_code == 409
    assert site.code(response) == "wrong_phase"


def test_malformed_sections_are_a_400(site: Any, organiser: Any) -> None:
    """Is a ballot whose sections are not a list of objects a 400?"""
    conference = site.conference(organiser)
    for body in ({"sections": "all"}, {"sections": [1]}, {"sections": [{"position": "A"}]}):
        response = organiser.put(f"/api/conferences/{conference}/ballot", json=body)
        assert response.status_code == 400, body
