"""CSV and XLSX read the same way: header, text cells, row numbers, blank rows skipped."""

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from voting.tabular import TableError, read_rows


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
