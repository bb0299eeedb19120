"""Reading people and planning lists: every column checked, every bad row reported at once."""

from datetime import date

import pytest

from voting.rules import PersonError
from voting.rules.people import (
    Discipline,
    parse_birth,
    people_from_rows,
    person_from_row,
    planning_from_rows,
)

ROW = {
    "id": "P1",
    "full_name": "Nguyễn Thị An",
    "sex": "F",
    "born": "1980-05-17",
    "post": "Phó trưởng phòng",
    "unit": "Văn phòng Sở",
    "party_member": "yes",
    "political_theory": "dang_hoc_cao_cap",
    "groups": "truong_pho_don_vi;bch_dang_bo",
    "discipline": "khien_trach:2021-11-01:2022-11-01",
    "political_standard": "met",
    "deceased": "no",
}


def test_a_full_row_is_read() -> None:
    person = person_from_row(ROW)
    assert person.born == date(1980, 5, 17)
    assert person.groups == ("truong_pho_don_vi", "bch_dang_bo")
    assert person.discipline == (Discipline("khien_trach", date(2021, 11, 1), date(2022, 11, 1)),)
    assert person.political_theory == "dang_hoc_cao_cap"
    assert person.party_member and not person.deceased
    assert person.retirement_override is None


@pytest.mark.parametrize(
    ("text", "born"),
    [("1970-09-24", date(1970, 9, 24)), ("1970-09", date(1970, 9, 1)), ("1970", date(1970, 1, 1))],
)
def test_a_birth_year_alone_means_january(text: str, born: date) -> None:
    assert parse_birth(text) == born


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("sex", "X", "sex: expected M or F"),
        ("born", "24/09/1970", "born: expected"),
        ("born", "", "born: required"),
        ("groups", "ban_giam_doc;nobody", "unknown group(s) nobody"),
        ("political_theory", "tien_si", "political_theory: expected"),
        ("political_theory", "dang_hoc_none", "political_theory: expected"),
        ("discipline", "khien_trach:2021-13-01", "discipline: bad date"),
        ("discipline", "khien_trach:2022-01-01:2021-01-01", "ends before it starts"),
        ("political_standard", "maybe", "political_standard: expected met or not_met"),
        ("deceased", "perhaps", "deceased: expected yes or no"),
        ("retirement_override", "later:61", "outside 0..60"),
        ("retirement_override", "luck:-5", "unknown retirement override reason"),
        ("retirement_override", "later", "expected reason:months"),
    ],
)
def test_each_bad_cell_is_named(column: str, value: str, fragment: str) -> None:
    with pytest.raises(PersonError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        person_from_row({**ROW, column: value})


def test_every_bad_row_is_reported_and_nothing_is_returned() -> None:
    rows = [
        (2, ROW),
        (3, {**ROW, "id": "P2", "sex": "?"}),
        (4, {**ROW, "id": "P1"}),
        (5, {**ROW, "id": "P3", "born": "soon"}),
    ]
    with pytest.raises(PersonError) as caught:
        people_from_rows(rows)
    message = str(caught.value)
    assert "row 3: sex" in message
    assert "row 4: id 'P1' repeats row 2" in message
    assert "row 5: born" in message
    assert "row 2" not in message.replace("repeats row 2", "")


def test_an_override_is_kept_with_its_note() -> None:
    person = person_from_row({**ROW, "retirement_override": "later:24", "override_note": "QĐ 12"})
    assert person.retirement_override is not None
    assert (person.retirement_override.months, person.retirement_override.note) == (24, "QĐ 12")


def test_planning_rows_name_unknown_positions_and_bad_dates() -> None:
    good = {"cadre_id": "P1", "position": "Trưởng phòng Thanh tra Sở", "approved_on": "2021-06-15"}
    assert planning_from_rows([(2, good)])[0].approved_on == date(2021, 6, 15)
    with pytest.raises(PersonError) as caught:
        planning_from_rows(
            [
                (2, good),
                (3, {**good, "position": "Chủ tịch"}),
                (4, {**good, "approved_on": "15/06/2021"}),
            ]
        )
    assert "row 3: position: unknown position 'Chủ tịch'" in str(caught.value)
    assert "row 4: approved_on" in str(caught.value)
