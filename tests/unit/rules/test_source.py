"""The source list proposed from the registry, the annual review's automatic removals, the
places open and the positions each cadre already holds (voting.rules.source)."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date

from voting import sample
from voting.rules import KH331
from voting.rules.eligibility import eligibility
from voting.rules.people import PlannedPosition, people_from_rows, planning_from_rows
from voting.rules.source import (
    held_positions,
    holds,
    missing_from,
    of_tier,
    places_open,
    positions_of_tier,
    propose,
    review_planning,
    tier_of,
    unit_position_title,
)

DOMAIN = sample.FOLDER
REFERENCE = date(2022, 4, 1)


def rows(name: str) -> list[tuple[int, dict[str, str]]]:
    with (DOMAIN / name).open(encoding="utf-8") as file:
        return list(enumerate(csv.DictReader(file), start=2))


PEOPLE = people_from_rows(rows("sample-agency.csv"))
PLANNING = planning_from_rows(rows("sample-current-planning.csv"))


def test_a_unit_position_is_titled_from_its_unit_as_the_planning_list_writes_it() -> None:
    kind = KH331.positions["truong_phong"]
    assert (
        unit_position_title(kind, "Phòng Quản lý Thương mại") == "Trưởng phòng Quản lý Thương mại"
    )
    assert unit_position_title(kind, "Thanh tra Sở") == "Trưởng phòng Thanh tra Sở"
    assert KH331.position_for(unit_position_title(kind, "Văn phòng Sở")) is kind


def test_the_province_tier_has_its_two_positions_and_the_agency_tier_one_pair_per_unit() -> None:
    province = positions_of_tier("province", PEOPLE)
    assert [p.title for p in province] == ["Giám đốc Sở", "Phó Giám đốc Sở"]
    agency = positions_of_tier("agency", PEOPLE)
    units = {p.unit for p in agency}
    assert "Ban Giám đốc" not in units
    assert "Trưởng phòng Quản lý Thương mại" in {p.title for p in agency}
    assert all(p.unit for p in agency)


def test_a_proposal_gives_reasons_for_every_exclusion_and_skips_those_already_planned() -> None:
    report = eligibility(PEOPLE, REFERENCE, "current", planning=PLANNING)
    (director, _deputy) = propose(
        positions_of_tier("province", PEOPLE), PEOPLE, report.people, PLANNING
    )
    proposed = {p.cadre for p in director.proposed}
    excluded = {e.cadre: e for e in director.excluded}
    # Already planned for Giám đốc Sở: SCT002, SCT003 — neither stands again.
    assert not {"SCT002", "SCT003"} & (proposed | set(excluded))
    assert director.places == 1
    # SCT004 (Phó Giám đốc, category 1) stands; a Trưởng phòng born 1969 lacks 120 months.
    assert "SCT004" in proposed
    assert "SCT036" in excluded and excluded["SCT036"].reasons


def test_a_unit_position_proposes_only_people_of_that_unit() -> None:
    report = eligibility(PEOPLE, REFERENCE, "current")
    positions = [p for p in positions_of_tier("agency", PEOPLE) if p.unit == "Thanh tra Sở"]
    for section in propose(positions, PEOPLE, report.people, []):
        everyone = [p.cadre for p in section.proposed] + [e.cadre for e in section.excluded]
        assert everyone
        assert {p.unit for p in PEOPLE if p.id in everyone} == {"Thanh tra Sở"}


def test_the_review_removes_the_disciplined_and_keeps_the_others() -> None:
    removals, staying = review_planning(PEOPLE, PLANNING, REFERENCE)
    removed = {r.cadre: r for r in removals}
    assert set(removed) == {"SCT054"}
    assert removed["SCT054"].reasons[0].code == "discipline"
    assert len(staying) == len(PLANNING) - 1


def test_the_review_removes_the_deceased_and_flags_but_keeps_anyone_missing_from_the_registry() -> (
    None
):
    """B.II.3 names four grounds for removal without a vote; missing from the registry is none
    of them: the entry stays, flagged."""
    people = [replace(p, deceased=True) if p.id == "SCT005" else p for p in PEOPLE]
    gone = PlannedPosition("GONE1", "Giám đốc Sở")
    removals, staying = review_planning(people, [*PLANNING, gone], REFERENCE)
    codes = {r.cadre: {reason.code for reason in r.reasons} for r in removals}
    assert "deceased" in codes["SCT005"]
    assert "GONE1" not in codes and gone in staying
    assert missing_from(people, [*PLANNING, gone]) == [gone]


def test_places_open_are_three_minus_those_planned() -> None:
    assert places_open("Giám đốc Sở", PLANNING) == 1
    assert places_open("giám đốc  sở", PLANNING) == 1
    assert places_open("Trưởng phòng Văn phòng Sở", PLANNING) == 3
    full = [PlannedPosition(c, "Giám đốc Sở") for c in ("A", "B", "C", "D")]
    assert places_open("Giám đốc Sở", full) == 0


def test_held_positions_count_one_tier_only() -> None:
    planning = [
        PlannedPosition("A", "Giám đốc Sở"),
        PlannedPosition("A", "Phó Giám đốc Sở"),
        PlannedPosition("A", "Trưởng phòng Thanh tra Sở"),
        PlannedPosition("B", "Trưởng phòng Thanh tra Sở"),
    ]
    assert held_positions(planning, "province") == {"A": 2}
    assert held_positions(planning, "agency") == {"A": 1, "B": 1}


def test_a_review_of_one_tier_covers_only_that_tiers_positions() -> None:
    """Does the agency's review leave the province's posts alone (even a disciplined or
    unknown cadre planned for them), and the province's review the units' posts?"""
    planning = [
        *PLANNING,
        PlannedPosition("SCT054", "Phó Giám đốc Sở"),  # disciplined, but another tier's post
        PlannedPosition("GONE1", "Giám đốc Sở"),
    ]
    removals, staying = review_planning(PEOPLE, planning, REFERENCE, tier="agency")
    assert {(r.cadre, r.position) for r in removals} == {("SCT054", "Trưởng phòng Thanh tra Sở")}
    assert {e.position for e in staying} == {"Trưởng phòng Quản lý Thương mại"}
    removals, staying = review_planning(PEOPLE, planning, REFERENCE, tier="province")
    assert {(r.cadre, r.position) for r in removals} == {("SCT054", "Phó Giám đốc Sở")}
    assert ("GONE1", "Giám đốc Sở") in {(e.cadre_id, e.position) for e in staying}  # flagged
    assert {e.position for e in staying} == {"Giám đốc Sở", "Phó Giám đốc Sở"}
    assert all(tier_of(e.position) == "province" for e in staying)
    assert [e.cadre_id for e in of_tier(planning, "agency")] == ["SCT053", "SCT054"]


def test_held_positions_count_every_unit_of_the_approval_level_once() -> None:
    """KH 331: "không quá ba chức danh ở cùng cấp phê duyệt quy hoạch": every position the
    cadre holds at the tier counts, in any unit; the other level's do not; a position listed
    in two entries (two labels of one term) counts once."""
    planning = [
        PlannedPosition("A", "Trưởng phòng Thanh tra Sở"),
        PlannedPosition("A", "Phó trưởng phòng Văn phòng Sở"),
        PlannedPosition("A", "Trưởng phòng  Quản lý Thương mại"),
        PlannedPosition("A", "trưởng phòng thanh tra sở"),
        PlannedPosition("A", "Phó Giám đốc Sở"),
    ]
    assert held_positions(planning, "agency") == {"A": 3}
    assert held_positions(planning, "province") == {"A": 1}


def test_the_review_of_the_next_terms_planning_removes_who_lacks_the_whole_term() -> None:
    """B.II.2: the next term's planning needs 60 months from the term's start; from the
    04/2023 review a cadre retiring 09/2030 has 89 months, but 59 of the 2025-2030 term."""
    people = [replace(p, sex="M", born=date(1968, 9, 1)) if p.id == "SCT005" else p for p in PEOPLE]
    planning = [PlannedPosition("SCT005", "Giám đốc Sở", date(2024, 6, 15))]
    review = date(2023, 4, 1)
    removals, staying = review_planning(people, planning, review)
    assert removals == [] and staying == planning  # the current term's 72 months are there
    removals, staying = review_planning(
        people, planning, review, term="next", term_start=date(2025, 10, 1)
    )
    assert staying == []
    assert [(r.cadre, r.reasons[0].code) for r in removals] == [("SCT005", "over_age")]


def test_the_planning_ends_when_the_cadre_is_appointed_to_the_position() -> None:
    """B.I.3: "Quy hoạch hết hiệu lực khi cán bộ được bổ nhiệm vào chức danh quy hoạch"."""
    people = [
        replace(p, post="Trưởng phòng", unit="Thanh tra Sở") if p.id == "SCT012" else p
        for p in PEOPLE
    ]
    head, deputy = (
        PlannedPosition("SCT012", "Trưởng phòng Thanh tra Sở"),
        PlannedPosition("SCT012", "Phó Giám đốc Sở"),
    )
    removals, staying = review_planning(people, [head, deputy], REFERENCE)
    assert [(r.cadre, r.position, r.reasons[0].code) for r in removals] == [
        ("SCT012", "Trưởng phòng Thanh tra Sở", "appointed")
    ]
    assert staying == [deputy]  # the higher position's planning stays
    appointed = next(p for p in people if p.id == "SCT012")
    assert holds(appointed, "Trưởng phòng Thanh tra Sở")
    assert not holds(appointed, "Trưởng phòng Văn phòng Sở")
