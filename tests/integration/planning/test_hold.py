"""The helpers of this folder's conftest: `marks_for` makes ballots with exactly the chosen
agrees under the quota, and `hold` runs a conference's whole electronic vote with them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.integration.planning import conftest as helpers

BALLOT = {
    "sections": [
        {
            "position": "Phó Giám đốc Sở",
            "quota": 2,
            "candidates": [
                {"full_name": "Đỗ Thị Dung", "post": "Trưởng phòng", "unit": "Văn phòng Sở"},
                {"full_name": "Hoàng Ngọc Long", "post": "Trưởng phòng", "unit": "Thanh tra"},
                {"full_name": "Lê Văn An", "post": "Phó phòng", "unit": "Phòng Kế hoạch"},
            ],
        },
        {
            "position": "Chánh Văn phòng Sở",
            "quota": 1,
            "candidates": [
                {"full_name": "Phạm Thu Hà", "post": "Phó Chánh Văn phòng", "unit": "Văn phòng"},
                {"full_name": "Trần Quốc Bảo", "post": "Phó phòng", "unit": "Phòng Tổ chức"},
            ],
        },
    ]
}


def quota_kept(ballots: list[dict[int, list[int]]], quota: dict[int, int | None]) -> bool:
    return all(
        quota[s] is None or len(marked) <= quota[s]  # type: ignore[operator]
        for ballot in ballots
        for s, marked in ballot.items()
    )


def test_marks_for_gives_the_chosen_counts_under_the_quota() -> None:
    ballots = helpers.marks_for({1: [5, 3, 3]}, voters=6, quota=2)
    assert len(ballots) == 6
    assert helpers.tally(ballots) == {1: {1: 5, 2: 3, 3: 3}}
    assert quota_kept(ballots, {1: 2})
    assert all(len(set(b[1])) == len(b[1]) for b in ballots if 1 in b)
    # per-section quotas, a blank section and blank ballots
    ballots = helpers.marks_for({1: [2, 0, 1], 2: [0, 0]}, voters=4, quota={1: 2, 2: 1})
    assert helpers.tally(ballots) == {1: {1: 2, 3: 1}}
    assert sum(not b for b in ballots) == 1


def test_marks_for_a_removal_ballot_has_no_quota() -> None:
    ballots = helpers.marks_for({1: [6, 6, 6, 6], 2: [1]}, voters=6, quota=None)
    assert all(b[1] == [1, 2, 3, 4] for b in ballots)
    assert helpers.tally(ballots) == {1: {1: 6, 2: 6, 3: 6, 4: 6}, 2: {1: 1}}
    assert helpers.marks_for({1: [6, 6]}, 6, {1: None}) == [{1: [1, 2]}] * 6


@pytest.mark.parametrize(
    ("counts", "voters", "quota", "message"),
    [
        ({1: [5, 5, 3]}, 6, 2, "13 agrees cannot come from 6 ballots of at most 2"),
        ({1: [7, 0]}, 6, 2, "from 0 to 6 voters"),
        ({1: [7]}, 6, None, "from 0 to 6 voters"),
        ({1: [-1]}, 6, 2, "from 0 to 6 voters"),
        ({1: [1], 2: [1]}, 6, {1: 1}, "section 2: no quota given"),
        ({1: [1]}, 0, 1, "from 0 to 0 voters"),
    ],
)
def test_marks_for_refuses_the_impossible(
    counts: dict[int, list[int]], voters: int, quota: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        helpers.marks_for(counts, voters, quota)


@given(
    st.integers(0, 12).flatmap(
        lambda voters: st.tuples(
            st.just(voters),
            st.dictionaries(
                st.integers(1, 3), st.lists(st.integers(0, voters + 1), min_size=1, max_size=5)
            ),
            st.one_of(st.none(), st.integers(1, 3)),
        )
    )
)
def test_marks_for_finds_every_possible_split(case: Any) -> None:
    """Possible exactly when no count exceeds the voters and a section's agrees fit in voters ×
    quota; then the tally is the chosen counts and no ballot is over the quota."""
    voters, counts, quota = case
    possible = all(
        max(c) <= voters and (quota is None or sum(c) <= voters * quota) for c in counts.values()
    )
    if not possible:
        with pytest.raises(ValueError):
            helpers.marks_for(counts, voters, quota)
        return
    ballots = helpers.marks_for(counts, voters, quota)
    assert len(ballots) == voters
    assert quota_kept(ballots, dict.fromkeys(counts, quota))
    wanted = {s: {k: n for k, n in enumerate(c, start=1) if n} for s, c in counts.items()}
    assert helpers.tally(ballots) == {s: t for s, t in wanted.items() if t}


def with_ballot(site: Any, organiser: Any, ballot: dict[str, Any], **overrides: Any) -> str:
    """A conference in set-up: the registry imported, the roster drawn, `ballot` set."""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    conference: str = site.conference(organiser, **overrides)
    base = f"/api/conferences/{conference}"
    assert organiser.post(f"{base}/roster/draw").status_code == 200
    r = organiser.put(f"{base}/ballot", json=ballot)
    assert r.status_code == 200, r.json
    return conference


def test_hold_a_step_with_chosen_counts(site: Any, organiser: Any, hold: Any) -> None:
    """Step 4 (sealed, passed: more than half of those present) with 20 of 25 present and 18
    ballots: the organiser reads exactly the chosen counts; the committee's signatures wrote
    the record."""
    conference = site.set_up(organiser)
    r = organiser.put(f"/api/conferences/{conference}/ballot", json=BALLOT)
    assert r.status_code == 200, r.json
    ballots = helpers.marks_for({1: [11, 10, 0], 2: [5, 11]}, voters=18, quota={1: 2, 2: 1})
    result = hold(conference, 20, ballots)
    assert result["status"] == "sealed" and result["record_written"] is True
    assert helpers.counts_of(result) == {1: [11, 10, 0], 2: [5, 11]}
    assert result["result"]["present"] == 20 and result["result"]["step"] == 4
    rows = result["result"]["sections"][0]["candidates"]
    assert [(r["number"], r["agree"], r["passed"]) for r in rows] == [
        (1, 11, True),
        (2, 10, False),
        (3, 0, False),
    ]
    base = f"/api/conferences/{conference}"
    assert site.api().get(f"{base}/ballots").json["count"] == 18
    state = site.api().get(f"{base}/state").json
    assert state["phase"] == "opened" and state["cards"]["dealt"] == 20
    assert organiser.get(f"{base}/record").status_code == 200
    assert hold.last.keys  # the committee's phones stay at hand


def test_hold_votes_takes_the_conferences_quotas(site: Any, organiser: Any, hold: Any) -> None:
    """`hold.votes` reads the quotas from the ballot (here every ballot is full: 2 marks, then
    1); all present vote unless told; without signing the box opens but no record is written."""
    conference = site.set_up(organiser)
    assert organiser.put(f"/api/conferences/{conference}/ballot", json=BALLOT).status_code == 200
    result = hold.votes(conference, 17, {1: [17, 9, 8], 2: [10, 7]}, sign=False)
    assert helpers.counts_of(result) == {1: [17, 9, 8], 2: [10, 7]}
    assert result["record_written"] is False
    other = site.set_up(organiser)
    assert organiser.put(f"/api/conferences/{other}/ballot", json=BALLOT).status_code == 200
    with pytest.raises(ValueError, match="section 2: 18 agrees cannot come from 17 ballots"):
        hold.votes(other, 17, {2: [10, 8]})
    with pytest.raises(ValueError, match="18 ballots but only 17 cards"):
        hold(other, 17, [{}] * 18)
    assert site.api().get(f"/api/conferences/{other}/state").json["phase"] == "setup"


def test_hold_a_removal_ballot(site: Any, organiser: Any, hold: Any) -> None:
    """The annual review's first step votes on removal: each cadre agreed to removal or not on
    its own, no quota; the same shape of marks means "agree to removal"."""
    removal = {
        "sections": [
            {"position": s["position"], "candidates": s["candidates"]} for s in BALLOT["sections"]
        ]
    }
    conference = with_ballot(site, organiser, removal, procedure="annual_review", step=1)
    assert organiser.get(f"/api/conferences/{conference}/ballot").json["kind"] == "removal"
    convened = len(site.attendee_ids(organiser, conference))
    counts = {1: [convened, convened, 1], 2: [convened - 1, 0]}
    result = hold.votes(conference, convened, counts)
    assert helpers.counts_of(result) == counts
    assert result["result"]["threshold_base"] == "convened"
    assert [s["quota"] for s in result["result"]["sections"]] == [None, None]
