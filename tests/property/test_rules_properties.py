"""Property tests of the thresholds, the selection and retirement against their definitions."""

from collections import Counter
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from voting.rules import KH331, months_left, passes, quorum_met, retirement_month, select
from voting.rules.retirement import month_index, month_start

FINAL = KH331.step("next_term", 5)


@st.composite
def attendance(draw: st.DrawFn) -> tuple[int, int, int]:
    """(agree, present, convened) with agree ≤ present ≤ convened."""
    convened = draw(st.integers(1, 400))
    present = draw(st.integers(0, convened))
    return draw(st.integers(0, present)), present, convened


@given(attendance())
def test_every_predicate_equals_its_exact_definition(case: tuple[int, int, int]) -> None:
    """Each step's rule equals the integer inequality of rules.md, for any counts."""
    agree, present, convened = case
    assert quorum_met(present, convened) == (present * 3 >= convened * 2)
    assert passes(KH331.step("next_term", 3), agree, present, convened) == (
        agree * 10 >= present * 3
    )
    assert passes(KH331.step("next_term", 4), agree, present, convened) == (agree * 2 > present)
    assert passes(KH331.step("next_term", 5), agree, present, convened) == (agree * 2 > convened)
    assert passes(KH331.step("annual_review", 1), agree, present, convened) == (
        agree * 2 > convened
    )
    assert passes(KH331.step("annual_review", 2), agree, present, convened) == (
        agree * 10 >= present * 3
    )


@st.composite
def final_step(
    draw: st.DrawFn,
) -> tuple[dict[str, dict[str, int]], dict[str, int], int, int, dict[str, int]]:
    """Random counts over a small pool of cadres who may stand for several positions."""
    convened = draw(st.integers(1, 12))
    present = draw(st.integers(0, convened))
    cadres = [f"c{i}" for i in range(draw(st.integers(1, 7)))]
    positions = [f"p{i}" for i in range(draw(st.integers(1, 5)))]
    counts = {
        p: {
            c: draw(st.integers(0, present))
            for c in draw(st.lists(st.sampled_from(cadres), unique=True))
        }
        for p in positions
    }
    quotas = {p: draw(st.integers(0, 3)) for p in positions}
    planned = {c: draw(st.integers(0, 3)) for c in cadres}
    return counts, quotas, present, convened, planned


@given(final_step())
def test_selection_keeps_quotas_cap_and_surfaces_every_boundary_tie(
    case: tuple[dict[str, dict[str, int]], dict[str, int], int, int, dict[str, int]],
) -> None:
    """Never over a quota, never a silent fourth position, and every boundary tie is surfaced."""
    counts, quotas, present, convened, planned = case
    result = select(FINAL, counts, quotas, present, convened, planned)
    held = Counter(c for chosen in result.chosen.values() for c in chosen)
    for position, chosen in result.chosen.items():
        assert len(chosen) <= quotas[position]
        assert all(passes(FINAL, counts[position][c], present, convened) for c in chosen)
        assert len(chosen) == len(set(chosen))
    for cadre, number in held.items():
        assert planned.get(cadre, 0) + number <= 3, "an over-cap cadre must not stay chosen"
    for position, quota in quotas.items():
        # B.III.1: a cadre already planned for 3 positions takes no place (left out first)
        passing = sorted(
            (n for c, n in counts[position].items() if n * 2 > convened and planned.get(c, 0) < 3),
            reverse=True,
        )
        if 0 < quota < len(passing) and passing[quota - 1] == passing[quota]:
            assert position in result.ties, "equal counts at the last place must be a tie"
            open_places, tied = result.ties[position]
            assert len(tied) > open_places > 0
            assert {counts[position][c] for c in tied} == {passing[quota - 1]}
        else:
            assert position not in result.ties
    assert result.complete == (not result.ties and not result.over_cap)


@given(
    sex=st.sampled_from(["M", "F"]),
    born=st.dates(min_value=date(1950, 1, 1), max_value=date(2000, 12, 31)),
    earlier=st.integers(min_value=1, max_value=240),
    reference=st.dates(min_value=date(2001, 1, 1), max_value=date(2040, 12, 31)),
)
def test_months_left_never_grows_with_an_earlier_birth(
    sex: str, born: date, earlier: int, reference: date
) -> None:
    older = month_start(month_index(born) - earlier)
    assert months_left(sex, older, reference) <= months_left(sex, born, reference)


@given(
    sex=st.sampled_from(["M", "F"]),
    born=st.dates(min_value=date(1940, 1, 1), max_value=date(2005, 12, 31)),
)
def test_retirement_month_is_the_first_month_reaching_the_required_age(
    sex: str, born: date
) -> None:
    schedule = KH331.retirement[sex]
    retires = month_index(retirement_month(sex, born))
    age = retires - month_index(born)
    assert age >= schedule.required_months(retires // 12)
    before = retires - 1
    assert before - month_index(born) < schedule.required_months(before // 12)
