"""Bad input to a planning process: each refusal says why in Vietnamese and English, with its
code, and changes nothing (the process, its log and its steps are as before)."""

from __future__ import annotations

from typing import Any

import pytest

START = {
    "procedure": "next_term",
    "tier": "province",
    "term": "2025-2030",
    "term_start": "2025-10",
    "reference": "2022-04",
    "held_on": "2022-04-20",
    "place": "Hội trường Sở",
}


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"procedure": "bau_cu"}, 422, "unknown_procedure"),
        ({"tier": "xa"}, 422, "unknown_tier"),
        ({"term_start": None}, 422, "invalid_term"),
        ({"reference": "2022-13"}, 400, "bad_request"),
        ({"term_start": "2021-01"}, 422, "invalid_term"),
    ],
)
def test_a_process_that_cannot_start_is_not_made(
    site: Any, organiser: Any, change: dict[str, Any], status: int, code: str
) -> None:
    """Is a bad start refused with a reason, and no process (nor conference) made?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    r = organiser.post("/api/processes", json=START | change)
    assert r.status_code == status and site.code(r) == code, r.json
    assert r.json["error"]["message"] and r.json["error"]["message_en"]
    assert organiser.get("/api/processes").json["processes"] == []
    assert organiser.get("/api/conferences").json["conferences"] == []


def test_without_a_registry_no_process_starts(site: Any, organiser: Any) -> None:
    r = organiser.post("/api/processes", json=START)
    assert r.status_code == 422 and site.code(r) == "no_registry"


def test_every_refused_step_leaves_the_process_as_it_was(site: Any, organiser: Any) -> None:
    assert organiser.upload("/api/people", site.agency).status_code == 200
    process = organiser.post("/api/processes", json=START).json
    base = f"/api/processes/{process['id']}"
    director = process["source"][0]["candidates"][0]["cadre"]

    def refused(method: str, path: str, body: Any, status: int, code: str) -> None:
        before = organiser.get(base).json
        r = organiser.call(method, f"{base}{path}", json=body)
        assert r.status_code == status and site.code(r) == code, (path, r.json)
        assert organiser.get(base).json == before

    refused("PUT", "/source", {"position": "Chủ tịch", "cadres": []}, 422, "unknown_position")
    refused("PUT", "/source", {"position": "Giám đốc Sở", "cadres": ["X9"]}, 422, "unknown_cadre")
    refused("PUT", "/source", {"position": "Giám đốc Sở", "cadres": "SCT004"}, 400, "bad_request")
    refused(
        "POST",
        "/steps/1/approval",
        {"held_on": "2022-04-21", "removals": [{"cadre": director, "position": "Giám đốc Sở"}]},
        422,
        "no_removal_ballot",
    )
    refused("POST", "/steps/2/approval", {"held_on": "2022-04-21"}, 409, "not_current_step")
    refused("POST", "/steps/9/approval", {"held_on": "2022-04-21"}, 404, "not_found")
    refused("POST", "/submission", {"on": "2022-05-04"}, 409, "no_outcome")
    refused("POST", "/approval", {"on": "2022-05-04"}, 409, "not_submitted")
    for number in (1, 2):
        r = organiser.post(f"{base}/steps/{number}/approval", json={"held_on": "2022-04-21"})
        assert r.status_code == 200, r.json
    ballot = organiser.get(base).json["steps"][2]
    counts = {
        s["position"]: {c["cadre"]: 4 for c in s["candidates"]}
        for s in ballot["approved"]["ballot"]
    }
    paper = {"held_on": "2022-04-25", "convened": 28, "present": 28, "counts": counts}
    refused("POST", "/steps/3/approval", {"held_on": "2022-04-21"}, 409, "step_holds_ballot")
    refused("POST", "/steps/3/paper", paper | {"counts": {}}, 422, "invalid_counts")
    position, agrees = next(iter(counts.items()))
    over = {**counts, position: {**agrees, director: 29}}
    refused("POST", "/steps/3/paper", paper | {"counts": over}, 422, "invalid_counts")
    refused("POST", "/steps/3/paper", paper | {"present": 31}, 422, "invalid_counts")
    refused(
        "POST",
        "/steps/3/paper/confirmations",
        {"member": "A", "counts": counts},
        409,
        "no_paper_counts",
    )
    refused("POST", "/steps/4/paper", paper, 409, "not_current_step")
    head = site.api("head")
    r = head.post(f"{base}/steps/3/decision", json={"chosen": {}})
    assert r.status_code == 409 and site.code(r) == "nothing_to_decide"
    r = organiser.post(f"{base}/steps/3/decision", json={"chosen": {}})
    assert r.status_code == 403
