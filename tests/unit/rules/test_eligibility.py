"""Eligibility: categories, months per tier and category, the next term, the transitional rule,
political theory flags and the automatic removal reasons."""

from dataclasses import replace
from datetime import date

import pytest

from voting.rules import KH331, PersonError
from voting.rules.eligibility import PersonEligibility, eligibility, removal_reasons, term_kind
from voting.rules.people import Discipline, Person, PlannedPosition

APRIL_2022 = date(2022, 4, 1)


def person(**changes: object) -> Person:
    base = Person(
        id="P1",
        full_name="Trần Văn Bình",
        sex="M",
        born=date(1980, 1, 10),
        post="Phó trưởng phòng",
        unit="Văn phòng Sở",
        political_theory="cao_cap",
        political_standard="met",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def check(who: Person, term: str = "current", **kwargs: object) -> PersonEligibility:
    return eligibility([who], APRIL_2022, term, **kwargs).people[0]  # type: ignore[arg-type]


def test_categories_follow_the_current_post() -> None:
    verdict = check(person())
    assert {(c.position, c.category) for c in verdict.positions} == {
        ("pho_giam_doc", 2),
        ("truong_phong", 1),
    }
    assert not check(person(post="Giám đốc")).positions
    assert check(person(post="Giám đốc")).general[0].code == "not_a_source"


@pytest.mark.parametrize(
    ("sex", "born", "position", "eligible"),
    [
        # Provincially managed posts: category 1 needs 72 months, category 2 needs 120.
        ("M", date(1966, 4, 1), "truong_phong", True),
        ("M", date(1966, 3, 1), "truong_phong", False),
        ("F", date(1970, 9, 1), "truong_phong", True),
        ("F", date(1970, 8, 1), "truong_phong", False),
        ("M", date(1970, 4, 1), "pho_giam_doc", True),
        ("M", date(1970, 3, 1), "pho_giam_doc", False),
        ("F", date(1973, 5, 1), "pho_giam_doc", True),
        ("F", date(1973, 4, 1), "pho_giam_doc", False),
    ],
)
def test_months_required_per_tier_and_category(
    sex: str, born: date, position: str, eligible: bool
) -> None:
    verdict = check(person(sex=sex, born=born))
    by_position = {c.position: c for c in verdict.positions}
    assert by_position[position].eligible is eligible
    if not eligible:
        assert by_position[position].reasons[-1].code == "too_few_months"


def test_the_next_term_counts_sixty_months_from_its_start() -> None:
    # Retires 12/2027 (born 3/1966): 60 months from 12/2022 is exactly enough, from 1/2023 not.
    who = person(born=date(1966, 3, 1), post="Chuyên viên")
    assert check(who, "next", term_start=date(2022, 12, 1)).may_be_planned_for
    late = check(who, "next", term_start=date(2023, 1, 1))
    assert not late.may_be_planned_for
    assert all(c.months_required == 60 for c in late.positions)


def test_the_next_term_needs_a_start_not_before_the_reference() -> None:
    with pytest.raises(PersonError, match="term-start"):
        check(person(), "next")
    with pytest.raises(PersonError, match="cannot start before"):
        check(person(), "next", term_start=date(2022, 3, 1))
    with pytest.raises(PersonError, match="term must be"):
        check(person(), "later")


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"deceased": True}, "deceased"),
        ({"political_standard": "not_met"}, "political_standard"),
        (
            {"discipline": (Discipline("canh_cao", date(2022, 4, 30), date(2023, 4, 30)),)},
            "discipline",
        ),
        ({"born": date(1960, 1, 1)}, "retired"),
    ],
)
def test_automatic_removal_reasons(changes: dict[str, object], code: str) -> None:
    verdict = check(person(**changes))
    assert [r.code for r in verdict.general] == [code]
    assert verdict.general[0].removal
    assert not verdict.may_be_planned_for


@pytest.mark.parametrize(
    "measure",
    [
        Discipline("khien_trach", date(2021, 1, 1), date(2022, 4, 1)),  # ended before April
        Discipline("khien_trach", date(2022, 5, 1), None),  # not yet
        Discipline("nhac_nho", date(2022, 1, 1), None),  # below khiển trách
    ],
)
def test_discipline_out_of_force_or_below_the_level_does_not_remove(measure: Discipline) -> None:
    assert not check(person(discipline=(measure,))).general


def test_missing_political_theory_is_a_flag_not_a_reason() -> None:
    verdict = check(person(political_theory="trung_cap"))
    by_position = {c.position: c for c in verdict.positions}
    assert by_position["truong_phong"].eligible
    assert [f.code for f in by_position["truong_phong"].flags] == ["training_plan"]
    studying = check(person(political_theory="dang_hoc_cao_cap"))
    assert all(not c.flags for c in studying.positions)


def test_transitional_rule_keeps_planning_with_sixty_months() -> None:
    # A man born 10/1965 has 63 months left from 4/2022: enough to keep, not to be planned now.
    who = person(born=date(1965, 10, 1))
    before = PlannedPosition("P1", "Trưởng phòng Văn phòng Sở", date(2021, 6, 15))
    after = PlannedPosition("P1", "Trưởng phòng Văn phòng Sở", date(2022, 1, 15))
    verdict = check(who, planning=[before, after])
    assert 60 <= verdict.months_left < 72
    kept, left = verdict.planning
    assert kept.transitional and kept.keeps and kept.months_required == 60
    assert not left.transitional and not left.keeps
    assert left.reasons[0].code == "over_age" and left.reasons[0].removal


def test_the_report_carries_the_rule_set_and_the_months() -> None:
    report = eligibility([person()], date(2022, 4, 17), "current")
    assert (report.rule_set, report.rule_set_hash) == ("KH331", KH331.hash)
    assert report.reference == APRIL_2022
    data = report.to_dict()
    assert data["reference"] == "2022-04" and data["people"][0]["id"] == "P1"


def test_a_birth_after_the_reference_is_refused() -> None:
    with pytest.raises(PersonError, match="after the reference month"):
        check(person(born=date(2022, 5, 1)))


@pytest.mark.parametrize(("born", "keeps"), [(date(1965, 7, 1), True), (date(1965, 6, 1), False)])
def test_transitional_boundary_is_sixty_months(born: date, keeps: bool) -> None:
    entry = PlannedPosition("P1", "Phó Giám đốc Sở", date(2021, 6, 15))
    verdict = check(person(born=born), planning=[entry])
    assert (verdict.months_left >= 60) is keeps
    assert verdict.planning[0].keeps is keeps


# KH 331 B.I.4 and B.II.2: the annual review covers the next term's planning too, and for it
# the cadre needs the whole next term (60 months from its start), not 72 from the review.
TERM_2025 = date(2025, 10, 1)
REVIEW_2023 = date(2023, 4, 1)


def test_a_review_whose_term_starts_later_is_a_review_of_the_next_term() -> None:
    assert term_kind("annual_review", REVIEW_2023, TERM_2025) == "next"
    assert term_kind("annual_review", REVIEW_2023, date(2021, 6, 1)) == "current"
    assert term_kind("annual_review", REVIEW_2023, None) == "current"
    assert term_kind("next_term", REVIEW_2023, TERM_2025) == "next"


@pytest.mark.parametrize(
    ("born", "eligible"),
    [
        # Retires 09/2030: 89 months after the review, but 59 after the term starts.
        (date(1968, 9, 1), False),
        # Retires 10/2030: exactly the 60 months of the term.
        (date(1968, 10, 1), True),
    ],
)
def test_the_next_terms_review_counts_60_months_from_the_terms_start(
    born: date, eligible: bool
) -> None:
    who = person(born=born)
    current = eligibility([who], REVIEW_2023, "current").people[0]
    assert current.months_left >= 72  # the current term's rule would let both in
    verdict = eligibility([who], REVIEW_2023, "next", TERM_2025).people[0]
    check = next(c for c in verdict.positions if c.position == "truong_phong")
    assert check.months_required == 60
    assert check.eligible is eligible


@pytest.mark.parametrize(("born", "keeps"), [(date(1968, 9, 1), False), (date(1968, 10, 1), True)])
def test_a_cadre_planned_for_the_next_term_keeps_it_only_with_the_whole_term_ahead(
    born: date, keeps: bool
) -> None:
    who = person(born=born)
    # Approved before QĐ 50: C.I's 60 months from the review are for the current term only.
    planned = [PlannedPosition("P1", "Trưởng phòng Văn phòng Sở", date(2021, 6, 15))]
    verdict = eligibility([who], REVIEW_2023, "next", TERM_2025, planning=planned).people[0]
    (check,) = verdict.planning
    assert not check.transitional and check.months_required == 60
    assert check.keeps is keeps
    if not keeps:
        assert check.reasons[0].code == "over_age"
        assert "10/2025" in check.reasons[0].vi and "59" in check.reasons[0].vi


def test_a_discipline_ending_mid_month_no_longer_bars_at_the_months_end() -> None:
    """B.II.3: once the decision is no longer in force the cadre may be considered; judged on
    the last day of the reference month by default, or on the day given."""
    ended = Discipline("khien_trach", date(2021, 4, 15), date(2022, 4, 15))
    assert not check(person(discipline=(ended,))).general
    (reason,) = removal_reasons(person(discipline=(ended,)), APRIL_2022, on=date(2022, 4, 10))
    assert reason.code == "discipline"
    assert "khiển trách" in reason.vi and "khien_trach" not in reason.vi
    assert "15/04/2022" in reason.vi
    began = Discipline("khien_trach", date(2022, 4, 20), None)
    assert [r.code for r in check(person(discipline=(began,))).general] == ["discipline"]
    assert not removal_reasons(person(discipline=(began,)), APRIL_2022, on=date(2022, 4, 19))
