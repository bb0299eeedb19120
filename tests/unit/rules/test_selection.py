"""The final step's selection: top-down filling, boundary ties, the 3-position cap, decisions."""

import pytest

from voting.rules import KH331, CountError, DecisionError, HeadDecision, RuleSetError, select

FINAL = KH331.step("next_term", 5)
REVIEW_FINAL = KH331.step("annual_review", 4)
STEP4 = KH331.step("next_term", 4)


def decide(chosen: dict[str, list[str]]) -> HeadDecision:
    """A decision by the head with the given picks."""
    return HeadDecision(chosen, decided_by="Giám đốc Sở", decided_at="2022-05-10T09:00:00+07:00")


def test_fills_quota_from_the_top_among_those_passing() -> None:
    """With 11 convened, 6+ agree passes; the best three are chosen, best first."""
    counts = {"gd": {"a": 7, "b": 9, "c": 6, "d": 8, "e": 5}}
    result = select(FINAL, counts, {"gd": 3}, present=10, convened=11)
    assert result.chosen == {"gd": ["b", "d", "a"]}
    assert result.ties == {} and result.over_cap == {} and result.complete
    assert result.passing["gd"] == [("b", 9), ("d", 8), ("a", 7), ("c", 6)]
    assert (result.rule_set, result.rule_set_hash) == ("KH331", KH331.hash)


def test_fewer_passing_than_quota_leaves_places_open_without_a_tie() -> None:
    """Only those above the threshold are taken; the rest of the quota stays open."""
    result = select(FINAL, {"gd": {"a": 7, "b": 5}}, {"gd": 3}, present=10, convened=11)
    assert result.chosen == {"gd": ["a"]}
    assert result.open_places == {"gd": 2}
    assert result.ties == {} and result.complete


def test_boundary_tie_leaves_the_last_places_open_and_names_the_tied() -> None:
    """Equal counts competing for the last two places: those places stay open for the head."""
    counts = {"gd": {"a": 10, "b": 8, "c": 8, "d": 8, "e": 7}}
    result = select(FINAL, counts, {"gd": 3}, present=10, convened=11)
    assert result.chosen == {"gd": ["a"]}
    assert result.ties == {"gd": (2, ["b", "c", "d"])}
    assert result.open_places == {"gd": 2}
    assert not result.complete


def test_equal_counts_that_all_fit_are_not_a_tie() -> None:
    """Three equal counts for three places are all chosen: nobody competes for a place."""
    result = select(FINAL, {"gd": {"a": 8, "b": 8, "c": 8}}, {"gd": 3}, present=10, convened=11)
    assert result.chosen == {"gd": ["a", "b", "c"]} and result.ties == {}


def test_tie_below_the_quota_line_does_not_matter() -> None:
    """Equal counts after the quota is full are simply not chosen."""
    counts = {"gd": {"a": 10, "b": 9, "c": 8, "d": 7, "e": 7}}
    result = select(FINAL, counts, {"gd": 3}, present=10, convened=11)
    assert result.chosen == {"gd": ["a", "b", "c"]} and result.ties == {}


def test_a_cadre_over_three_positions_is_flagged_and_left_out() -> None:
    """A cadre already planned for 2 who passes for 2 more is flagged in both, places open."""
    counts = {"p1": {"x": 9, "y": 7}, "p2": {"x": 9, "z": 8}, "p3": {"y": 9}}
    result = select(FINAL, counts, {"p1": 1, "p2": 1, "p3": 1}, 10, 11, planned={"x": 2})
    assert result.over_cap == {"x": ["p1", "p2"]}
    assert result.chosen == {"p1": [], "p2": [], "p3": ["y"]}
    assert result.open_places == {"p1": 1, "p2": 1}
    assert result.contested == ["p1", "p2"]
    assert not result.complete


def test_a_cadre_already_planned_for_three_takes_no_place_and_makes_no_tie() -> None:
    """B.III.1 "không quá ba chức danh": a cadre holding three already cannot take a fourth, so
    the places are filled from those who can — no false tie handed to the head."""
    # 8 convened: x (already at the cap) and y tie at 6, z has 5 (62.5%); two places.
    counts = {"p": {"x": 6, "y": 6, "z": 5}}
    result = select(FINAL, counts, {"p": 2}, present=8, convened=8, planned={"x": 3})
    assert result.chosen == {"p": ["y", "z"]}
    assert result.ties == {} and result.over_cap == {} and result.complete
    assert ("x", 6) in result.passing["p"]  # x passed: the record still says so
    without_cap = select(FINAL, counts, {"p": 2}, present=8, convened=8)
    assert without_cap.chosen == {"p": ["x", "y"]}
    with pytest.raises(DecisionError):
        select(
            FINAL,
            {"p": {"x": 6, "y": 6, "w": 6}},
            {"p": 1},
            8,
            8,
            planned={"x": 3},
            decision=decide({"p": ["x"]}),
        )


def test_tied_positions_count_towards_the_cap() -> None:
    """A tie a cadre is part of counts as a position they might take."""
    counts = {"p1": {"x": 9}, "p2": {"x": 8, "w": 8}}
    result = select(FINAL, counts, {"p1": 1, "p2": 1}, 10, 11, planned={"x": 2})
    assert result.over_cap == {"x": ["p1", "p2"]}
    assert result.ties == {"p2": (1, ["w", "x"])}


def test_three_positions_with_none_held_are_allowed() -> None:
    """Exactly three positions at one level is within the cap."""
    counts = {"p1": {"x": 9}, "p2": {"x": 9}, "p3": {"x": 9}}
    result = select(FINAL, counts, {"p1": 3, "p2": 3, "p3": 3}, 10, 11)
    assert result.over_cap == {} and all(v == ["x"] for v in result.chosen.values())


def test_decision_resolves_a_tie_and_completes_the_result() -> None:
    """The head's recorded pick fills the tied places and the selection is complete."""
    counts = {"gd": {"a": 10, "b": 8, "c": 8, "d": 8}}
    result = select(FINAL, counts, {"gd": 3}, 10, 11, decision=decide({"gd": ["d", "b"]}))
    assert result.chosen == {"gd": ["a", "d", "b"]}
    assert result.complete and result.decision is not None
    assert result.ties == {"gd": (2, ["b", "c", "d"])}  # what was left to the head stays on record


def test_decision_resolves_an_over_cap_cadre() -> None:
    """The head keeps the over-cap cadre in one position and picks another cadre for the other."""
    counts = {"p1": {"x": 9, "y": 7}, "p2": {"x": 9, "z": 8}}
    result = select(
        FINAL,
        counts,
        {"p1": 1, "p2": 1},
        10,
        11,
        planned={"x": 2},
        decision=decide({"p1": ["x"], "p2": ["z"]}),
    )
    assert result.chosen == {"p1": ["x"], "p2": ["z"]} and result.complete


@pytest.mark.parametrize(
    ("picks", "reason", "values"),
    [
        ({"p1": ["x"]}, "decision.uncovered", {"positions": "p2"}),
        ({"p1": ["x"], "p2": ["x"]}, "decision.over_cap", {"cadre": "x", "total": 4, "cap": 3}),
        ({"p1": ["q"], "p2": []}, "decision.not_passed", {"cadre": "q", "position": "p1"}),
        (
            {"p1": ["x", "y"], "p2": []},
            "decision.over_quota",
            {"position": "p1", "taken": 2, "quota": 1},
        ),
        ({"p1": [], "p2": [], "p3": ["w"]}, "decision.not_contested", {"position": "p3"}),
    ],
)
def test_decisions_that_break_the_rules_are_refused(
    picks: dict[str, list[str]], reason: str, values: dict[str, object]
) -> None:
    """A decision must cover each contested position, keep quotas and the cap, pick passers;
    the refusal names the reason and what the head's texts say about it."""
    counts = {"p1": {"x": 9, "y": 7, "q": 2}, "p2": {"x": 9, "z": 8}, "p3": {"w": 9}}
    with pytest.raises(DecisionError) as caught:
        select(
            FINAL,
            counts,
            {"p1": 1, "p2": 1, "p3": 1},
            10,
            11,
            planned={"x": 2},
            decision=decide(picks),
        )
    assert (caught.value.reason, caught.value.values) == (reason, values)


def test_decision_without_anything_contested_is_refused() -> None:
    """A decision is only for what the rules left open."""
    with pytest.raises(DecisionError) as caught:
        select(FINAL, {"gd": {"a": 9}}, {"gd": 1}, 10, 11, decision=decide({"gd": []}))
    assert caught.value.reason == "decision.nothing_contested"


def test_annual_review_quota_is_the_places_still_open() -> None:
    """With 2 already planned, the section's quota is 1: only the best passer is chosen."""
    result = select(REVIEW_FINAL, {"pgd": {"a": 8, "b": 7}}, {"pgd": 1}, 9, 10)
    assert result.chosen == {"pgd": ["a"]}


def test_non_final_step_passes_everyone_above_the_threshold() -> None:
    """Step 4 sends every candidate above 50% of present on to step 5, ranked, with no quota."""
    result = select(STEP4, {"gd": {"a": 6, "b": 9, "c": 5, "d": 7}}, {"gd": 3}, 10, 12)
    assert result.chosen == {"gd": ["b", "d", "a"]} and result.open_places == {}


@pytest.mark.parametrize(
    ("counts", "quotas", "fragment"),
    [
        ({"gd": {"a": -1}}, {"gd": 3}, "position 'gd', cadre 'a'"),
        ({"gd": {"a": 12}}, {"gd": 3}, "exceeds the convened"),
        ({"gd": {"a": 5}}, {}, "no quota"),
        ({"gd": {"a": 5}}, {"gd": 4}, "0..3"),
    ],
)
def test_bad_counts_and_quotas_are_refused(
    counts: dict[str, dict[str, int]], quotas: dict[str, int], fragment: str
) -> None:
    """Impossible counts and quotas beyond the rule set's limit raise a typed error."""
    with pytest.raises(CountError, match=fragment):
        select(FINAL, counts, quotas, 10, 11)


def test_selection_on_a_step_without_ballot_is_refused() -> None:
    """The preparation step holds no ballot to select from."""
    with pytest.raises(RuleSetError):
        select(KH331.step("next_term", 2), {}, {}, 5, 6)
