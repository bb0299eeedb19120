"""Imports of the agency's people and of external attendees: CSV or XLSX, a row-by-row report,
and nothing half-imported."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

HEADER = "id,full_name,sex,born,post,unit,party_member,political_theory,groups\n"


def to_xlsx(source: Path, target: Path) -> Path:
    """The same table as an XLSX workbook."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with source.open(encoding="utf-8") as stream:
        for row in csv.reader(stream):
            sheet.append(row)
    workbook.save(target)
    return target


def test_the_sample_agency_imports_from_csv(site: Any, organiser: Any) -> None:
    """Does the sample agency's file import whole, with each person's groups?"""
    response = organiser.upload("/api/people", site.agency)
    assert response.status_code == 200
    assert response.json == {"imported": 56}
    people = organiser.get("/api/people").json["people"]
    director = people[0]
    assert director["full_name"] == "Mai Hữu Huy"
    assert director["groups"] == ["ban_giam_doc", "btv_dang_uy", "bch_dang_bo"]


def test_xlsx_imports_the_same_people(site: Any, organiser: Any, tmp_path: Path) -> None:
    """Does the XLSX form of the file give the same registry as the CSV?"""
    organiser.upload("/api/people", site.agency)
    from_csv = organiser.get("/api/people").json
    response = organiser.upload("/api/people", to_xlsx(site.agency, tmp_path / "agency.xlsx"))
    assert response.json == {"imported": 56}
    assert organiser.get("/api/people").json == from_csv


def test_a_bad_file_is_reported_row_by_row_and_nothing_is_imported(
    site: Any, organiser: Any
) -> None:
    """Does every bad row come back with its row and column, and the registry stay as it was?"""
    organiser.upload("/api/people", site.agency)
    bad = site.file(
        "bad.csv",
        HEADER
        + "P1,Nguyễn Văn A,M,1980-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "P2,,F,1981-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "P3,Trần Thị C,X,1982-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "P1,Lê Văn D,M,1983-13-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "P5,Phạm Văn E,M,1984-01-01,Chuyên viên,Văn phòng Sở,yes,none,vu_tru\n",
    )
    response = organiser.upload("/api/people", bad)
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "import_rejected"
    assert "chưa có dòng nào được nhập" in error["message"]
    assert [(p["row"], p["column"]) for p in error["problems"]] == [
        (3, "full_name"),
        (4, "sex"),
        (5, "born"),
        (6, "groups"),
    ]
    assert error["problems"][0]["message"] == "Dòng 3, cột “full_name”: chưa điền (bắt buộc)."
    assert len(organiser.get("/api/people").json["people"]) == 56


def test_a_repeated_id_is_reported_with_the_first_row(site: Any, organiser: Any) -> None:
    """Is an id used twice reported at its second row, naming the first?"""
    bad = site.file(
        "twice.csv",
        HEADER
        + "P1,Nguyễn Văn A,M,1980-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "P1,Nguyễn Văn B,M,1980-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n",
    )
    problems = organiser.upload("/api/people", bad).json["error"]["problems"]
    assert problems == [
        {
            "row": 3,
            "column": "id",
            "message": "Dòng 3, cột “id”: mã “P1” trùng với dòng 2.",
            "message_en": "Row 3, column id: id 'P1' repeats row 2.",
        }
    ]
    assert organiser.get("/api/people").json["people"] == []


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("people.txt", "id\n", "bad_upload"),
        ("people.csv", "full_name,sex\nA,M\n", "unreadable_file"),
        ("people.csv", HEADER, "empty_file"),
        ("people.xlsx", "not a workbook", "unreadable_file"),
    ],
)
def test_unreadable_files_are_refused(
    site: Any, organiser: Any, name: str, content: str, code: str
) -> None:
    """Is a wrong suffix, a missing column, an empty table or a broken workbook refused?"""
    response = organiser.upload("/api/people", site.file(name, content))
    assert response.status_code in (400, 422)
    assert site.code(response) == code


def test_no_file_at_all_is_a_400(organiser: Any) -> None:
    """Is an upload without the `file` field refused?"""
    response = organiser.post("/api/people", data={}, content_type="multipart/form-data")
    assert response.status_code == 400


def test_external_attendees_join_the_roster(site: Any, organiser: Any) -> None:
    """Do the ten district and city economic heads join a provincial step-3 roster of 28?"""
    organiser.upload("/api/people", site.agency)
    conference = site.conference(organiser, step=3, tier="province")
    drawn = organiser.post(f"/api/conferences/{conference}/roster/draw").json["attendees"]
    assert len(drawn) == 28
    response = organiser.upload(f"/api/conferences/{conference}/roster/externals", site.externals)
    assert response.status_code == 200
    assert len(response.json["attendees"]) == 10
    roster = organiser.get(f"/api/conferences/{conference}/roster").json["attendees"]
    assert len(roster) == 38
    assert {a["source"] for a in roster} == {"registry", "external"}
    external = next(a for a in roster if a["ref"] == "EXT10")
    assert external["unit"] == "UBND thành phố Nam Định"


def test_reimporting_externals_replaces_them(site: Any, organiser: Any) -> None:
    """Does a corrected list replace the previous one rather than add to it?"""
    conference = site.set_up(organiser, externals=9)
    response = organiser.upload(
        f"/api/conferences/{conference}/roster/externals", site.externals_file(3)
    )
    assert response.status_code == 200
    assert len(organiser.get(f"/api/conferences/{conference}/roster").json["attendees"]) == 19


def test_bad_external_rows_are_all_reported(site: Any, organiser: Any) -> None:
    """Are a missing name, a wrong sex, a repeated id and a clash with the roster each reported,
    and the roster left as it was?"""
    conference = site.set_up(organiser, externals=2)
    bad = site.file(
        "externals.csv",
        "id,full_name,sex,post,unit\n"
        "E1,,M,Trưởng phòng Kinh tế,UBND huyện A\n"
        "E2,Ngô Văn B,Q,Trưởng phòng Kinh tế,UBND huyện B\n"
        "E3,Lê Văn C,M,Trưởng phòng Kinh tế,UBND huyện C\n"
        "E3,Lê Văn D,M,Trưởng phòng Kinh tế,UBND huyện D\n"
        "SCT001,Mai Hữu Huy,M,Giám đốc,Sở\n",
    )
    response = organiser.upload(f"/api/conferences/{conference}/roster/externals", bad)
    assert response.status_code == 422
    problems = response.json["error"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [
        (2, "full_name"),
        (3, "sex"),
        (5, "id"),
        (6, "id"),
    ]
    assert "đã có trong danh sách triệu tập" in problems[3]["message"]
    assert len(organiser.get(f"/api/conferences/{conference}/roster").json["attendees"]) == 18


def test_externals_import_only_in_set_up(site: Any, organiser: Any) -> None:
    """Once check-in is open, is the list of external attendees frozen?"""
    conference = site.ready(organiser)
    response = organiser.upload(
        f"/api/conferences/{conference}/roster/externals", site.externals_file(1)
    )
    assert response.status_code == 409
    assert len(organiser.get(f"/api/conferences/{conference}/roster").json["attendees"]) == 25
