"""The candidate lists a process keeps read into typed shapes and written back
(voting.planning.lists): the source list and a step's record and ballot come back key for key
and in the same key order, so reading and rewriting a process never changes what the API shows."""

from __future__ import annotations

import copy
import json

from voting.planning.lists import Approval, Proposal, SourceEntry

SOURCE = {
    "position": "Phó Giám đốc Sở",
    "kind": "pho_giam_doc_so",
    "unit": "",
    "places": 2,
    "candidates": ["A1", "A2"],
}
CANDIDATE = {"cadre": "A1", "full_name": "Cán bộ A1", "post": "Trưởng phòng", "unit": "Phòng KH"}
RECORD = {
    "held_on": "2022-04-20",
    "note": "",
    "by": "user:organiser",
    "at": "2022-04-20T09:00:00Z",
    "source": [SOURCE],
}
BALLOT = {
    "ballot": [
        {"position": "Phó Giám đốc Sở", "quota": 2, "candidates": [CANDIDATE]},
        {"position": "Giám đốc Sở", "quota": None, "candidates": []},
    ],
    "held": {"A1": 1},
}


def same(left: object, right: object) -> bool:
    """Equal, keys in the same order too (the API shows the column as stored)."""
    return json.dumps(left) == json.dumps(right)


def test_a_source_entry_is_written_back_as_it_was_stored() -> None:
    """Does a source-list position come back key for key?"""
    assert same(SourceEntry.model_validate(copy.deepcopy(SOURCE)).to_json(), SOURCE)


def test_each_layout_of_a_steps_approval_is_written_back_as_it_was_stored() -> None:
    """Do a leadership step's record (with and without the source list it approved), a
    ballot alone, and a removal step's record followed by its ballot come back key for key,
    and read as what they hold?"""
    without_source = RECORD | {"source": None}
    for stored in (RECORD, without_source, BALLOT, RECORD | BALLOT, {}):
        assert same(Approval.model_validate(copy.deepcopy(stored)).to_json(), stored)
    both = Approval.model_validate(RECORD | BALLOT)
    assert both.recorded is not None and both.recorded.held_on == "2022-04-20"
    assert both.ballot is not None and [s.quota for s in both.ballot] == [2, None]
    assert both.held == {"A1": 1}
    assert Approval.model_validate(BALLOT).recorded is None
    assert Approval.model_validate(RECORD).ballot is None


def test_a_proposal_reads_each_proposed_cadres_category_and_keeps_the_excluded_as_shown() -> None:
    """Does the engine's proposal read the category of each proposed cadre, and keep who was
    excluded, with the reasons, exactly as stored?"""
    excluded = {
        "full_name": "Cán bộ B1",
        "sex": "Nữ",
        "born": "1964-05-01",
        "post": "Trưởng phòng",
        "unit": "Phòng KH",
        "cadre": "B1",
        "reasons": [{"code": "age", "en": "too old", "vi": "quá tuổi", "removal": False}],
    }
    proposal = Proposal.from_json(
        {
            "position": "Phó Giám đốc Sở",
            "kind": "pho_giam_doc_so",
            "unit": "",
            "places": 2,
            "proposed": [{"cadre": "A1", "category": 1}, {"cadre": "A2", "category": 2}],
            "excluded": [excluded],
        }
    )
    assert [(p.cadre, p.category) for p in proposal.proposed] == [("A1", 1), ("A2", 2)]
    assert same([e.to_json() for e in proposal.excluded], [excluded])
