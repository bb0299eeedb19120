"""Structure targets and the 3-per-position / 3-per-cadre limits of a planning list."""

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from voting.rules import PersonError
from voting.rules.people import Person, PlannedPosition
from voting.rules.structure import check_limits, is_young, structure_report

REFERENCE = date(2022, 4, 1)


def cadre(ident: str, sex: str, born: date) -> Person:
    return Person(ident, ident, sex, born, "Phó trưởng phòng", "Văn phòng Sở")


def test_under_forty_is_measured_on_the_reference_date() -> None:
    assert is_young(cadre("A", "M", date(1982, 4, 2)), REFERENCE)
    assert not is_young(cadre("A", "M", date(1982, 4, 1)), REFERENCE)


def test_shares_are_exact_and_counted_per_distinct_cadre() -> None:
    people = {
        "A": cadre("A", "F", date(1990, 1, 1)),
        "B": cadre("B", "M", date(1970, 1, 1)),
        "C": cadre("C", "M", date(1975, 1, 1)),
        "D": cadre("D", "M", date(1976, 1, 1)),
    }
    entries = [
        PlannedPosition("A", "Trưởng phòng Văn phòng Sở"),
        PlannedPosition("A", "Phó Giám đốc Sở"),
        PlannedPosition("B", "Giám đốc Sở"),
        PlannedPosition("C", "Trưởng phòng Thanh tra Sở"),
        PlannedPosition("D", "Trưởng phòng Thanh tra Sở"),
    ]
    report = structure_report(entries, people, REFERENCE)
    assert report.planned == 4
    assert (report.young_share, report.women_share) == (Fraction(1, 4), Fraction(1, 4))
    assert report.young_met and report.women_met and report.woman_key_leader_met
    without_a = structure_report(entries[2:], people, REFERENCE)
    assert not without_a.women_met and not without_a.young_met
    assert not without_a.woman_key_leader_met


def test_a_woman_planned_only_for_a_unit_post_is_not_a_key_leader() -> None:
    people = {"A": cadre("A", "F", date(1990, 1, 1)), "B": cadre("B", "M", date(1970, 1, 1))}
    entries = [
        PlannedPosition("A", "Trưởng phòng Văn phòng Sở"),
        PlannedPosition("B", "Giám đốc Sở"),
    ]
    assert not structure_report(entries, people, REFERENCE).woman_key_leader_met


def test_limits_name_crowded_positions_and_busy_cadres_per_tier() -> None:
    four = [PlannedPosition(c, "Giám đốc Sở") for c in "ABCD"]
    units = [
        "Văn phòng Sở",
        "Thanh tra Sở",
        "Phòng Quản lý Năng lượng",
        "Phòng Quản lý Công nghiệp",
    ]
    busy = [PlannedPosition("E", f"Trưởng phòng {unit}") for unit in units]
    across_tiers = [
        PlannedPosition("F", "Giám đốc Sở"),
        PlannedPosition("F", "Phó Giám đốc Sở"),
        PlannedPosition("F", "Trưởng phòng Văn phòng Sở"),
        PlannedPosition("F", "Trưởng phòng Thanh tra Sở"),
    ]
    report = check_limits([*four, *busy])
    assert report.crowded_positions == {"Giám đốc Sở": list("ABCD")}
    assert report.busy_cadres == {"E": [f"Trưởng phòng {unit}" for unit in units]}
    assert check_limits(across_tiers).ok


def test_an_unknown_position_or_cadre_is_refused() -> None:
    with pytest.raises(PersonError, match="unknown planned position"):
        check_limits([PlannedPosition("A", "Chủ tịch")])
    with pytest.raises(PersonError, match="not among the people"):
        structure_report([PlannedPosition("Z", "Giám đốc Sở")], {}, REFERENCE)


def test_person_helper_is_a_plain_record() -> None:
    assert replace(cadre("A", "F", date(1990, 1, 1)), sex="M").sex == "M"
