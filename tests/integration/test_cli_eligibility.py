"""`voting eligibility` over the sample agency, as CSV and as XLSX, and its errors."""

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from voting import sample
from voting.cli import main
from voting.rules import KH331

DOMAIN = sample.FOLDER
AGENCY = DOMAIN / "sample-agency.csv"
PLANNING = DOMAIN / "sample-current-planning.csv"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["eligibility", *args])
    return result.exit_code, result.output


def as_json(*args: str) -> dict[str, dict]:  # type: ignore[type-arg]
    code, output = run(*args, "--format", "json")
    assert code == 0, output
    return {person["id"]: person for person in json.loads(output)["people"]}


def test_sample_agency_current_term() -> None:
    people = as_json(str(AGENCY), "--reference", "2022-04", "--term", "current")
    assert len(people) == len(AGENCY.read_text("utf-8").splitlines()) - 1
    assert people["SCT052"]["months_left"] == 68
    assert people["SCT052"]["retirement_month"] == "2027-12"
    assert not any(p["eligible"] for p in people["SCT052"]["positions"])
    assert people["SCT053"]["months_left"] == 73
    eligible = {p["position"] for p in people["SCT053"]["positions"] if p["eligible"]}
    assert eligible == {"truong_phong"}
    assert [r["code"] for r in people["SCT054"]["general"]] == ["discipline"]
    assert [r["code"] for r in people["SCT056"]["general"]] == ["political_standard"]
    assert [r["code"] for r in people["SCT001"]["general"]] == ["not_a_source"]


def test_text_output_names_reasons_and_planning(tmp_path: Path) -> None:
    code, output = run(
        str(AGENCY), "--reference", "2022-04", "--term", "current", "--planning", str(PLANNING)
    )
    assert code == 0, output
    assert KH331.hash in output
    assert "68 months of work left from 04/2022, 72 needed" in output
    assert "discipline 'khien_trach' in force" in output
    assert "planned for Trưởng phòng Thanh tra Sở (transitional, needs 60): leaves" in output
    assert "Current planning: 6 cadres" in output


def test_next_term_needs_its_start_and_counts_from_it() -> None:
    code, output = run(str(AGENCY), "--reference", "2022-04", "--term", "next")
    assert code == 1 and "--term-start" in output
    people = as_json(
        str(AGENCY), "--reference", "2022-04", "--term", "next", "--term-start", "2025-10"
    )
    assert people["SCT053"]["counted_from"] == "2025-10"
    assert all(p["months_required"] == 60 for p in people["SCT053"]["positions"])


def test_xlsx_gives_the_same_report_as_csv(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    with AGENCY.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    path = tmp_path / "agency.xlsx"
    workbook.save(path)
    args = ("--reference", "2022-04", "--term", "current")
    assert as_json(str(path), *args) == as_json(str(AGENCY), *args)


@pytest.mark.parametrize(
    ("content", "args", "fragment"),
    [
        ("id,full_name\nA,B\n", (), "sex: required"),
        (AGENCY.read_text("utf-8").replace(",M,1967-03-18,", ",X,1967-03-18,"), (), "row 2: sex"),
        (AGENCY.read_text("utf-8"), ("--reference", "April"), "--reference: expected YYYY-MM"),
    ],
)
def test_bad_input_exits_non_zero_with_the_place(
    tmp_path: Path, content: str, args: tuple[str, ...], fragment: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(content, "utf-8")
    base = ["--reference", "2022-04", "--term", "current"]
    if args:
        base[0:2] = list(args)
    code, output = run(str(path), *base)
    assert code == 1
    assert fragment in output and "Traceback" not in output


def test_a_missing_or_foreign_file_is_reported(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "none.csv"), "--reference", "2022-04", "--term", "current")
    assert code == 1 and "no such file" in output
    other = tmp_path / "people.txt"
    other.write_text("x", "utf-8")
    code, output = run(str(other), "--reference", "2022-04", "--term", "current")
    assert code == 1 and "expected a .csv or .xlsx file" in output
