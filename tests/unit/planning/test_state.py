"""The planning process's JSON state read into typed shapes and written back
(voting.planning.state): each layout the columns hold comes back key for key, so reading and
rewriting a process never changes what the API shows or the log recorded."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from voting.planning.state import MissingCadre, Outcome, PaperEntry, Review, StepResult


def same(left: object, right: object) -> bool:
    """Equal, keys in the same order too: the column is written back byte for byte."""
    return json.dumps(left) == json.dumps(right)


def counted(cadre: str, number: int, agree: int, passed: bool) -> dict[str, Any]:
    return {
        "cadre": cadre,
        "number": number,
        "full_name": f"Cán bộ {cadre}",
        "post": "Trưởng phòng",
        "unit": "Phòng Kế hoạch",
        "agree": agree,
        "base_count": 20,
        "percent": f"{agree * 5:.2f}",
        "passed": passed,
    }


STEP = {
    "paper": False,
    "conference": "c1",
    "held_on": "2022-04-20",
    "kind": "candidates",
    "convened": 25,
    "present": 20,
    "base": "present",
    "base_count": 20,
    "threshold": "≥ 30% số người có mặt",
    "sections": [
        {
            "position": "Giám đốc Sở",
            "quota": 2,
            "candidates": [counted("A1", 1, 12, True), counted("A2", 2, 3, False)],
        }
    ],
    "chosen": None,
    "complete": True,
}
DECIDED = STEP | {
    "chosen": {"Giám đốc Sở": ["A1"]},
    "contested": {"Giám đốc Sở": ["A1", "A2"]},
    "over_cap": {},
    "decision": {
        "decided_by": "user:head",
        "decided_at": "2022-04-22T08:15:00Z",
        "note": "",
        "chosen": {"Giám đốc Sở": ["A1"]},
    },
}


@pytest.mark.parametrize(
    "stored",
    [
        # An electronic step before the final one: what was contested is kept, empty.
        STEP | {"contested": {}, "over_cap": {}, "decision": None},
        # A paper step before the final one: no selection keys at all.
        STEP | {"paper": True},
        # The final step, electronic, the head's decision recorded.
        DECIDED,
        # The final step on paper, waiting for the head: its open places too.
        DECIDED | {"paper": True, "complete": False, "decision": None, "open_places": {"x": 1}},
        # The removal ballot: no quota.
        STEP
        | {
            "kind": "removal",
            "sections": [
                {"position": "P", "quota": None, "candidates": [counted("R", 1, 14, True)]}
            ],
        },
    ],
)
def test_a_step_result_is_written_back_as_it_was_stored(stored: dict[str, Any]) -> None:
    """Does each layout of `planning_steps.result` survive reading and writing unchanged?"""
    original = copy.deepcopy(stored)
    result = StepResult.model_validate(stored)
    assert same(result.to_json(), original)
    assert StepResult.model_validate(result.to_json()) == result


def test_a_step_result_reads_what_was_decided() -> None:
    """Are the decision, the contested cadres and the count of passing candidates read as
    stored, and absent for a step that selects nothing?"""
    decided = StepResult.model_validate(DECIDED)
    assert decided.decision is not None and decided.decision.chosen == {"Giám đốc Sở": ["A1"]}
    assert decided.contested == {"Giám đốc Sở": ["A1", "A2"]} and decided.passing() == 1
    plain = StepResult.model_validate(STEP | {"paper": True})
    assert plain.decision is None and plain.contested is None and plain.over_cap is None


def test_an_outcome_is_written_back_as_it_was_stored() -> None:
    """Do the list, both kinds of removal and the head's overrides come back key for key, and
    does an outcome without overrides stay without the key?"""
    planned = [
        {
            "position": "Giám đốc Sở",
            "cadres": [
                {"cadre": "A1", "full_name": "A", "post": "P", "unit": "U", "agree": 12},
            ],
        }
    ]
    removed = [
        {
            "cadre": "R1",
            "full_name": "R",
            "position": "Phó Giám đốc Sở",
            "reasons": [{"code": "discipline", "en": "e", "vi": "v", "removal": True}],
            "automatic": True,
        },
        {
            "cadre": "R2",
            "full_name": "S",
            "position": "Phó Giám đốc Sở",
            "agree": 14,
            "percent": "56.00",
            "automatic": False,
        },
    ]
    override = {
        "cadre": "A1",
        "full_name": "A",
        "position": "Giám đốc Sở",
        "reason": "Lý do đủ dài",
        "unmet": ["chưa đủ thời gian công tác"],
        "by": "user:head",
        "at": "2022-04-25T08:00:00Z",
    }
    for stored in (
        {"planned": planned, "removed": removed},
        {"planned": planned, "removed": removed, "overrides": [override]},
    ):
        outcome = Outcome.model_validate(copy.deepcopy(stored))
        assert same(outcome.to_json(), stored)
    assert [r.automatic for r in outcome.removed] == [True, False]
    assert [x.code for x in outcome.removed[0].reasons] == ["discipline"]
    assert outcome.removed[1].reasons == [] and outcome.removed[1].agree == 14
    assert outcome.chosen() == {("Giám đốc Sở", "A1")}


def test_paper_counts_are_written_back_as_they_were_stored() -> None:
    """Do the paper counts and their confirmations — one recorded before confirmations named
    the phone or account — come back key for key?"""
    stored = {
        "held_on": "2022-04-20",
        "convened": 25,
        "present": 20,
        "counts": {"Giám đốc Sở": {"A1": 12, "A2": 3}},
        "entered_by": "user:organiser",
        "entered_at": "2022-04-20T09:00:00Z",
        "confirmations": [
            {"member": "Nguyễn Văn A", "at": "2022-04-20T09:05:00Z"},
            {"member": "Trần Thị B", "by": "member:2", "at": "2022-04-20T09:06:00Z"},
        ],
    }
    paper = PaperEntry.model_validate(copy.deepcopy(stored))
    assert same(paper.to_json(), stored)
    assert [c.by for c in paper.confirmations] == [None, "member:2"]


def test_an_annual_review_is_written_back_as_it_was_stored() -> None:
    """Do the review's automatic removals, reviewed and missing cadres, the removal ballot's
    proposal and its removals come back key for key, with no `automatic` key in the review's
    own lists, and read as the removals of their kind?"""
    reviewed = {"cadre": "R2", "full_name": "S", "position": "Phó Giám đốc Sở"}
    stored = {
        "automatic": [
            {
                "cadre": "R1",
                "full_name": "R",
                "position": "Phó Giám đốc Sở",
                "reasons": [{"code": "discipline", "en": "e", "vi": "v", "removal": True}],
            }
        ],
        "planned": [reviewed],
        "missing": [{"cadre": "X9", "position": "Giám đốc Sở"}],
        "proposed": [reviewed],
        "removed": [reviewed | {"agree": 14, "percent": "56.00"}],
    }
    review = Review.model_validate(copy.deepcopy(stored))
    assert same(review.to_json(), stored)
    assert [(r.cadre, r.reasons != []) for r in (*review.automatic, *review.removed)] == [
        ("R1", True),
        ("R2", False),
    ]
    assert review.missing == [MissingCadre(cadre="X9", position="Giám đốc Sở")]


def test_older_layouts_still_read_and_are_written_back_whole() -> None:
    """Do layouts stored by earlier versions — a result whose `contested` is null with no
    `over_cap` or `decision`, a decision without a note, a reason without `removal`, a review
    missing lists — still read, and come back with the keys the current layout has?"""
    older = STEP | {"contested": None}
    assert same(
        StepResult.model_validate(older).to_json(),
        STEP | {"contested": {}, "over_cap": {}, "decision": None},
    )
    decision = {k: v for k, v in DECIDED["decision"].items() if k != "note"}  # type: ignore[attr-defined]
    decided = StepResult.model_validate(DECIDED | {"decision": decision})
    assert decided.decision is not None and decided.decision.note == ""
    review = Review.model_validate(
        {
            "automatic": [
                {
                    "cadre": "R1",
                    "full_name": "R",
                    "position": "P",
                    "reasons": [{"code": "discipline", "en": "e", "vi": "v"}],
                }
            ]
        }
    )
    assert review.to_json() == {
        "automatic": [
            {
                "cadre": "R1",
                "full_name": "R",
                "position": "P",
                "reasons": [{"code": "discipline", "en": "e", "vi": "v", "removal": False}],
            }
        ],
        "planned": [],
        "missing": [],
        "proposed": [],
        "removed": [],
    }
