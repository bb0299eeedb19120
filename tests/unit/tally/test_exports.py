"""The counts table is read from the record: CSV and XLSX hold the record's numbers exactly."""

import csv
import hashlib
import io
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from voting import canonical
from voting.crypto.installation import load_or_create
from voting.tally.exports import (
    COLUMNS,
    HEADERS,
    CountRow,
    count_rows,
    counts_csv,
    counts_xlsx,
    percent,
)
from voting.tally.record import key_fingerprint
from voting.tally.shapes import SignedRecord
from voting.tally.simulation import simulate


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return simulate(7, 5, 2, 2, load_or_create(tmp_path_factory.mktemp("instance"))).record


@pytest.fixture
def document(made: bytes) -> dict[str, Any]:
    record: dict[str, Any] = canonical.loads(made)
    return record


def test_percentages_round_half_up_from_the_exact_share() -> None:
    assert percent(Fraction(7, 12)) == "58.33"
    assert percent(Fraction(1, 8)) == "12.50"
    assert percent(Fraction(1, 800)) == "0.13"  # 0.125 rounds up, never to even
    assert percent(Fraction(2, 3)) == "66.67"
    assert percent(Fraction(1)) == "100.00"


def expected(document: dict[str, Any]) -> list[tuple[str, str, int, str, bool]]:
    return [
        (position["id"], c["id"], row["agree"], row["share"], row["passed"])
        for position in document["positions"]
        for c in position["candidates"]
        for row in [document["evaluation"][position["id"]][c["id"]]]
    ]


def test_rows_follow_the_ballot_with_the_records_numbers(document: dict[str, Any]) -> None:
    rows = count_rows(SignedRecord.from_json(document))
    assert [(r.position_id, r.candidate_id, r.agree, r.share, r.passed) for r in rows] == (
        expected(document)
    )
    assert [r.agree for r in rows] == [
        n for counts in document["counts"].values() for n in counts.values()
    ]


def test_csv_holds_the_same_numbers(document: dict[str, Any]) -> None:
    data = counts_csv(document)
    assert data.startswith(b"\xef\xbb\xbf")
    read = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert read.fieldnames == ["Mã chức danh", "Chức danh", "Mã ứng viên", "Họ và tên"] + [
        HEADERS[c] for c in COLUMNS[4:]
    ]
    table = [{field: r[HEADERS[field]] for field in COLUMNS} for r in read]
    assert [
        (r["position_id"], r["candidate_id"], int(r["agree"]), r["share"], r["passed"] == "1")
        for r in table
    ] == [
        (p, c, n, f"{n}/{r['base_count']}", ok)
        for (p, c, n, _, ok), r in zip(expected(document), table, strict=True)
    ]
    assert all(
        Fraction(r["share"]) == Fraction(e[3])
        for r, e in zip(table, expected(document), strict=True)
    )  # the same number as the record's reduced share
    assert table[0]["full_name"] == "Ứng viên C1" and table[0]["base"] == "present"


def test_xlsx_holds_the_same_numbers_and_names_its_record(
    made: bytes, document: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "counts.xlsx"
    path.write_bytes(counts_xlsx(document))
    book = load_workbook(path)
    about = dict(book["record"].iter_rows(values_only=True))
    assert about["record_sha256"] == hashlib.sha256(made).hexdigest()
    assert about["installation_fingerprint"] == key_fingerprint(
        document["installation"]["public_key"]
    )
    assert about["ballot_list_hash"] == document["ballot_list_hash"]
    sheet = book["counts"]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == [HEADERS[c] for c in COLUMNS]
    index = {name: COLUMNS.index(name) for name in COLUMNS}
    assert [
        (
            r[index["position_id"]],
            r[index["candidate_id"]],
            r[index["agree"]],
            Fraction(r[index["share"]]),
            r[index["passed"]],
        )
        for r in rows
    ] == [(p, c, n, Fraction(share), ok) for p, c, n, share, ok in expected(document)]
    assert all(
        r[index["share"]] == f"{r[index['agree']]}/{r[index['base_count']]}" for r in rows
    )  # unreduced, as counted


def test_a_share_reads_as_counted_even_at_zero() -> None:
    """The record keeps 0/5 as the reduced 0/1; the table prints 0/5, as the minutes do."""
    row = CountRow("s1", "P", "s1c1", "A", "", "", 0, "present", 5, "0/1", False, False)
    assert row.counted_share == "0/5" and row.percent == "0.00"
    assert row.values()[9] == "0/5"


def test_names_that_look_like_formulas_stay_text(document: dict[str, Any]) -> None:
    """Issue 16, item 9: a candidate, position or title starting with = + - @ is escaped with
    ' in the CSV and written as a string (never a formula) in the XLSX."""
    trap = '=HYPERLINK("http://evil.example","Bấm")'
    document["positions"][0]["candidates"][0]["full_name"] = trap
    document["positions"][0]["title"] = "@SUM(1,2)"
    document["conference"]["title"] = "+1+2"
    table = list(csv.DictReader(io.StringIO(counts_csv(document).decode("utf-8-sig"))))
    assert table[0][HEADERS["full_name"]] == "'" + trap
    assert table[0][HEADERS["position"]] == "'@SUM(1,2)"
    book = load_workbook(io.BytesIO(counts_xlsx(document)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert {trap, "@SUM(1,2)", "+1+2"} <= values
