"""The registry's imports refuse what a careless file would slip through (docs/registry.md):
unknown columns and stray cells, every bad cell of every row, semicolon-separated CSV from
Excel, impossible dates, ids differing only by case or spaces, documents of nobody and
external attendees who are people, and the planning's limits, positions and terms — always
with nothing changed, and the shared sample files still read as they are."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from voting import sample
from voting.registry.people import cell_errors
from voting.registry.reading import delimiter
from voting.rules import KH331

DOMAIN = sample.FOLDER
PEOPLE = "id,full_name,sex,born,post,unit,party_member,political_theory,groups\n"
GOOD = "P1,Nguyễn Văn A,M,1980-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
PLANNING = "cadre_id,full_name,position,term,approved_on\n"


def refused(r: Any) -> list[tuple[int, str]]:
    """The (row, column) of each problem of a refused import."""
    assert r.status_code == 422, r.json
    assert r.json["error"]["code"] == "import_rejected"
    return [(p["row"], p["column"]) for p in r.json["error"]["problems"]]


def messages(r: Any) -> list[tuple[str, str]]:
    return [(p["message"], p["message_en"]) for p in r.json["error"]["problems"]]


def registry(api: Any, kind: str) -> Any:
    if kind == "people":
        return api.get("/api/people").json["people"]
    return api.get(f"/api/registry/{kind}").json["rows"]


# 1. Unknown columns and stray cells


def test_a_misspelt_optional_column_is_refused_naming_the_known_ones(
    site: Any, organiser: Any
) -> None:
    """Is `dicipline` refused rather than read as "no discipline", and nothing imported?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    before = registry(organiser, "people")
    bad = site.file(
        "people.csv",
        "id,full_name,sex,born,post,unit,dicipline\n"
        "P1,Nguyễn Văn A,M,1980-01-01,Chuyên viên,Văn phòng Sở,khien_trach:2024-01-01\n",
    )
    r = organiser.upload("/api/people", bad)
    assert refused(r) == [(1, "dicipline")]
    vi, en = messages(r)[0]
    assert vi.startswith("Dòng 1, cột “dicipline”: cột “dicipline” không có trong bảng này")
    assert "discipline" in vi and "override_note" in vi
    assert "unknown column 'dicipline'" in en and "discipline" in en
    assert registry(organiser, "people") == before


def test_an_extra_column_is_refused_in_every_table(site: Any, organiser: Any) -> None:
    """Is an `email` column refused by the external attendees' import too?"""
    bad = site.file(
        "externals.csv", "id,full_name,sex,post,unit,email\nE1,A,M,Trưởng phòng,UBND,a@b.vn\n"
    )
    r = organiser.upload("/api/registry/externals", bad)
    assert refused(r) == [(1, "email")]
    assert "id, full_name, sex, post, unit" in messages(r)[0][0]
    assert registry(organiser, "externals") == []


def test_a_row_with_more_cells_than_the_header_is_refused(site: Any, organiser: Any) -> None:
    """Is a row whose name held an unquoted comma refused at its row, in CSV and XLSX?"""
    text = PEOPLE + GOOD + "P2,Trần, Thị B,F,1981-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
    r = organiser.upload("/api/people", site.file("people.csv", text))
    problems = refused(r)
    assert (3, "#10") in problems
    vi, en = messages(r)[problems.index((3, "#10"))]
    assert vi.startswith("Dòng 3, cột “#10”: dòng có 10 ô, nhiều hơn 9 cột")
    assert "the row has 10 cells, more than the header's 9" in en
    # The XLSX form: a value in a column without a name.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["cadre_id", "full_name", "position", "term", "approved_on"])
    sheet.append(["SCT002", "Tô Văn Đạt", "Giám đốc Sở", "2025-2030", "", "thừa"])
    path = site.file("planning.xlsx", "")
    book.save(path)
    assert refused(organiser.upload("/api/registry/planning", path)) == [(2, "#6")]
    assert registry(organiser, "planning") == []


def test_empty_columns_without_a_name_are_harmless(site: Any, organiser: Any) -> None:
    """Does a file whose header and rows end in empty cells (a spreadsheet's habit) import,
    while a value under a column without a name is refused?"""
    text = "label,starts_on,ends_on,,\n2025-2030,2025-10-01,2030-09-30,,\n"
    assert organiser.upload("/api/registry/terms", site.file("t.csv", text)).json == {"imported": 1}
    text = "label,,starts_on,ends_on\n2025-2030,x,2025-10-01,2030-09-30\n"
    r = organiser.upload("/api/registry/terms", site.file("t.csv", text))
    assert refused(r) == [(2, "#2")]
    assert len(registry(organiser, "terms")) == 1


# 2. Every bad cell of every row


def test_every_bad_cell_of_a_person_is_reported(site: Any, organiser: Any) -> None:
    """Does a row with seven bad cells report all seven, with the other rows' problems?"""
    header = (
        "id,full_name,sex,born,post,unit,party_member,political_theory,groups,discipline,"
        "political_standard,deceased,retirement_override\n"
    )
    bad = site.file(
        "people.csv",
        header + "P1,Nguyễn Văn A,X,1980-13-01,Chuyên viên,Văn phòng Sở,maybe,tien_si,vu_tru,"
        "khien_trach,so_so,perhaps,nghi_som:abc\n" + "P2,,F,1981-01-01,,Văn phòng Sở,,,,,,,\n",
    )
    r = organiser.upload("/api/people", bad)
    assert refused(r) == [
        (2, "sex"),
        (2, "born"),
        (2, "party_member"),
        (2, "political_theory"),
        (2, "groups"),
        (2, "discipline"),
        (2, "political_standard"),
        (2, "deceased"),
        (2, "retirement_override"),
        (3, "full_name"),
        (3, "post"),
    ]
    said = messages(r)
    assert said[0] == (
        "Dòng 2, cột “sex”: phải là M (nam) hoặc F (nữ), không phải “X”.",
        "Row 2, column sex: expected M or F, got 'X'.",
    )
    assert said[3] == (
        "Dòng 2, cột “political_theory”: phải là một trong none, so_cap, trung_cap, cao_cap "
        "(hoặc dang_hoc_<trình độ>), không phải “tien_si”.",
        "Row 2, column political_theory: expected one of none, so_cap, trung_cap, cao_cap "
        "(or dang_hoc_<level>), got 'tien_si'.",
    )
    assert said[8] == (
        "Dòng 2, cột “retirement_override”: phải có dạng lý_do:số_tháng trong giới hạn cho phép "
        "(reduced_capacity -60..0 tháng, coal_mining -120..0 tháng, later 0..60 tháng): "
        "“nghi_som:abc”.",
        "Row 2, column retirement_override: expected reason:months, got 'nghi_som:abc'.",
    )
    assert said[-1] == (
        "Dòng 3, cột “post”: chưa điền (bắt buộc).",
        "Row 3, column post: required.",
    )
    assert registry(organiser, "people") == []


@pytest.mark.parametrize(
    ("column", "cell", "vi", "en"),
    [
        (
            "born",
            "soon",
            "ngày sinh phải có dạng YYYY-MM-DD, YYYY-MM hoặc YYYY, không phải “soon”",
            "expected YYYY-MM-DD, YYYY-MM or YYYY, got 'soon'",
        ),
        (
            "deceased",
            "perhaps",
            "phải là yes (có) hoặc no (không), không phải “perhaps”",
            "expected yes or no, got 'perhaps'",
        ),
        (
            "groups",
            "ban_giam_doc;vu_tru",
            "có nhóm không có trong bộ quy tắc (ban_giam_doc, btv_dang_uy, bch_dang_bo, "
            "truong_don_vi, truong_pho_don_vi, truong_doan_the, kinh_te_huyen): "
            "“ban_giam_doc;vu_tru”",
            "unknown group(s) vu_tru",
        ),
        (
            "discipline",
            "khien_trach:2022-01-01:2021-01-01",
            "mỗi kỷ luật phải có dạng mức:YYYY-MM-DD hoặc mức:YYYY-MM-DD:YYYY-MM-DD (ngày kết "
            "thúc không trước ngày bắt đầu), cách nhau bằng “;”: "
            "“khien_trach:2022-01-01:2021-01-01”",
            "ends before it starts in 'khien_trach:2022-01-01:2021-01-01'",
        ),
        (
            "political_standard",
            "so_so",
            "phải là met (đạt), not_met (không đạt) hoặc để trống, không phải “so_so”",
            "expected met or not_met, got 'so_so'",
        ),
        (
            "retirement_override",
            "later:61",
            "phải có dạng lý_do:số_tháng trong giới hạn cho phép (reduced_capacity -60..0 tháng, "
            "coal_mining -120..0 tháng, later 0..60 tháng): “later:61”",
            "retirement override 'later' of 61 months is outside 0..60",
        ),
        ("id", " ", "giá trị không hợp lệ: “ ”", "required"),
    ],
)
def test_a_refused_cell_of_a_person_says_why_in_both_languages(
    column: str, cell: str, vi: str, en: str
) -> None:
    """Does each kind of cell the rules engine refuses read the column's Vietnamese from the
    catalogue, with the cell, beside the engine's own English?"""
    row = {"id": "P1", "full_name": "A", "sex": "M", "born": "1980", "post": "x", "unit": "u"}
    errors = cell_errors({**row, column: cell}, KH331, date(2026, 12, 5))
    assert [(e.column, e.reason) for e in errors] == [(column, (vi, en))]


def test_every_bad_cell_of_a_registry_row_is_reported(site: Any, organiser: Any) -> None:
    """Does a document row with a bad kind and a bad date report both, and a term row its
    label and its dates?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    documents = "cadre_id,kind,dated,note\nSCT004,photo,2022-02-30,\n"
    r = organiser.upload("/api/registry/documents", site.file("d.csv", documents))
    assert refused(r) == [(2, "kind"), (2, "dated")]
    terms = "label,starts_on,ends_on\n2025-2030;2030-2035,2025-10-01,2030-09-3\n"
    r = organiser.upload("/api/registry/terms", site.file("t.csv", terms))
    assert refused(r) == [(2, "label"), (2, "ends_on")]


# 3. Semicolon-separated CSV


def semicolons(source: Path, target: Path) -> Path:
    """The file as Excel under a Vietnamese locale saves it: `;` between cells, and the cells
    holding a `;` quoted."""
    with source.open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    target.write_text(out.getvalue(), encoding="utf-8-sig")
    return target


def test_a_semicolon_separated_file_imports_like_the_comma_one(
    site: Any, organiser: Any, tmp_path: Path
) -> None:
    """Do the sample agency and planning, saved with `;`, give the same tables as with `,`?"""
    assert organiser.upload("/api/people", site.agency).json == {"imported": 56}
    planning = DOMAIN / "sample-current-planning.csv"
    assert organiser.upload("/api/registry/planning", planning).json == {"imported": 6}
    people, entries = registry(organiser, "people"), registry(organiser, "planning")
    assert "2020-2025;2021-2026" in semicolons(planning, tmp_path / "p.csv").read_text("utf-8")
    r = organiser.upload("/api/people", semicolons(site.agency, tmp_path / "agency.csv"))
    assert r.json == {"imported": 56}
    r = organiser.upload("/api/registry/planning", tmp_path / "p.csv")
    assert r.json == {"imported": 6}
    assert registry(organiser, "people") == people
    assert registry(organiser, "planning") == entries
    assert entries[0]["term"] == "2020-2025;2021-2026"


def test_the_delimiter_is_told_from_the_header_line_only() -> None:
    """Is a comma file whose cells hold semicolons still read with commas?"""
    assert delimiter("id;full_name;sex") == ";"
    assert delimiter("id,full_name,groups") == ","
    assert delimiter("cadre_id") == ","


def test_a_missing_column_names_what_the_header_has(site: Any, organiser: Any) -> None:
    """Does a tab-separated file get a hint instead of a bare "missing column(s)"?"""
    r = organiser.upload("/api/people", site.file("p.csv", "id\tfull_name\tsex\nP1\tA\tM\n"))
    assert r.status_code == 422 and site.code(r) == "unreadable_file"
    error = r.json["error"]
    assert error["message"].startswith("Tệp thiếu cột id, full_name")
    assert "id\tfull_name\tsex" in error["message"]
    assert "dấu phẩy (,) hoặc chấm phẩy (;)" in error["message"]
    assert "commas (,) or semicolons (;)" in error["message_en"]


# 4. Impossible dates


def test_impossible_birth_dates_are_refused(site: Any, organiser: Any) -> None:
    """Is a birth after today, on Excel's day zero, or more than 100 years ago refused?"""
    future = date.today().replace(day=1).replace(year=date.today().year + 1)
    text = (
        PEOPLE
        + f"P1,A,M,{future.isoformat()},Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "P2,B,M,1900-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
        + f"P3,C,F,{date.today().year - 101},Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "P4,D,F,1990,Chuyên viên,Văn phòng Sở,yes,none,\n"
    )
    r = organiser.upload("/api/people", site.file("people.csv", text))
    assert refused(r) == [(2, "born"), (3, "born"), (4, "born")]
    assert "ở sau hôm nay" in messages(r)[0][0]
    assert "hơn 100 năm" in messages(r)[1][0] and "more than 100 years" in messages(r)[1][1]


def test_a_term_whose_dates_disagree_with_its_label_is_refused(site: Any, organiser: Any) -> None:
    """Are a label's years checked against the dates, and the end against the start?"""
    text = (
        "label,starts_on,ends_on\n"
        "2025-2030,2025-10-01,2030-09-30\n"
        "2026-2031,2025-10-01,2031-09-30\n"
        "2030-2035,2035-10-01,2030-09-30\n"
        "Nhiệm kỳ đặc biệt,2031-01-01,2031-12-31\n"
    )
    r = organiser.upload("/api/registry/terms", site.file("terms.csv", text))
    assert refused(r) == [(3, "label"), (4, "label"), (4, "ends_on")]
    assert "2026-2031" in messages(r)[0][0] and "không khớp" in messages(r)[0][0]
    assert registry(organiser, "terms") == []


# 5. Ids differing only by case or spaces


def test_ids_differing_by_case_or_spaces_are_the_same_id(site: Any, organiser: Any) -> None:
    """Are `STC901` and `stc901 ` one id, and is every cell stripped?"""
    text = (
        PEOPLE
        + "STC901,Nguyễn Văn A,M,1980-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
        + "stc901 ,Nguyễn Văn B,M,1980-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
    )
    r = organiser.upload("/api/people", site.file("people.csv", text))
    assert refused(r) == [(3, "id")]
    assert messages(r)[0][0] == "Dòng 3, cột “id”: mã “stc901” trùng với dòng 2."
    text = PEOPLE + "  STC901 , Nguyễn Văn A ,M, 1980-01-01,Chuyên viên,Văn phòng Sở,yes,none,\n"
    assert organiser.upload("/api/people", site.file("people.csv", text)).status_code == 200
    person = registry(organiser, "people")[0]
    assert (person["id"], person["full_name"]) == ("STC901", "Nguyễn Văn A")
    externals = "id,full_name,sex,post,unit\nE1,A,M,Trưởng phòng,UBND\ne1,B,M,Trưởng phòng,UBND\n"
    r = organiser.upload("/api/registry/externals", site.file("e.csv", externals))
    assert refused(r) == [(3, "id")]


# 6. Documents of nobody, external attendees who are people


def test_a_document_needs_a_person_of_the_registry(site: Any, organiser: Any) -> None:
    """Is a document of an unknown cadre refused, and one written `sct004` filed under SCT004?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    text = "cadre_id,kind,dated,note\nSCT004,cv,2022-01-10,\nSCT999,cv,2022-01-10,\n"
    r = organiser.upload("/api/registry/documents", site.file("d.csv", text))
    assert refused(r) == [(3, "cadre_id")]
    assert "SCT999" in messages(r)[0][0] and "no person has the id 'SCT999'" in messages(r)[0][1]
    future = date.today().replace(year=date.today().year + 1, day=1).isoformat()
    text = f"cadre_id,kind,dated,note\nsct004 ,cv,2022-01-10,\nSCT004,assets,{future},\n"
    r = organiser.upload("/api/registry/documents", site.file("d.csv", text))
    assert refused(r) == [(3, "dated")]
    text = "cadre_id,kind,dated,note\nsct004 ,cv,2022-01-10,\nSCT004,cv,2022-02-10,\n"
    assert refused(organiser.upload("/api/registry/documents", site.file("d.csv", text))) == [
        (3, "cadre_id")
    ]
    text = "cadre_id,kind,dated,note\nsct004,cv,2022-01-10,\n"
    assert organiser.upload("/api/registry/documents", site.file("d.csv", text)).status_code == 200
    assert registry(organiser, "documents")[0]["cadre_id"] == "SCT004"


def test_an_external_attendee_may_not_use_a_persons_id(site: Any, organiser: Any) -> None:
    """Is an external attendee whose id is a person's (whatever its case) refused?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    text = "id,full_name,sex,post,unit\nEXT1,A,M,Trưởng phòng,UBND\nsct001,B,M,Trưởng phòng,UBND\n"
    r = organiser.upload("/api/registry/externals", site.file("e.csv", text))
    assert refused(r) == [(3, "id")]
    assert "SCT001" in messages(r)[0][0] and "mã riêng" in messages(r)[0][0]
    assert registry(organiser, "externals") == []


# 7. The planning's limits, positions and terms


def test_the_shared_planning_imports_after_the_shared_agency(site: Any, organiser: Any) -> None:
    """On a fresh database (no terms yet), do the two sample files import as they are?"""
    assert organiser.upload("/api/people", site.agency).json == {"imported": 56}
    r = organiser.upload("/api/registry/planning", DOMAIN / "sample-current-planning.csv")
    assert r.json == {"imported": 6}


def test_a_planned_cadre_missing_from_the_people_is_accepted(site: Any, organiser: Any) -> None:
    """Is a cadre not in the registry still imported (the annual review removes them)?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    text = PLANNING + "SCT900,Người Đã Chuyển,Giám đốc Sở,2021-2026,2021-06-15\n"
    assert organiser.upload("/api/registry/planning", site.file("p.csv", text)).status_code == 200


def test_at_most_three_cadres_per_position_and_term(site: Any, organiser: Any) -> None:
    """Is a fourth cadre for a position in a term refused, naming the rows, while the same
    position in another term counts apart?"""
    text = PLANNING + "".join(f"SCT00{n},X,Giám đốc Sở,2021-2026,2021-06-15\n" for n in range(2, 6))
    text += "SCT006,X,Giám đốc Sở,2025-2030,\n"
    r = organiser.upload("/api/registry/planning", site.file("p.csv", text))
    assert refused(r) == [(5, "position")]
    vi, en = messages(r)[0]
    assert "quá 3 người" in vi and "các dòng 2, 3, 4, 5" in vi
    assert "more than 3 cadres" in en and "rows 2, 3, 4, 5" in en
    assert registry(organiser, "planning") == []


def test_at_most_three_positions_per_cadre_and_term(site: Any, organiser: Any) -> None:
    """Is a cadre planned for a fourth position of one approval level in a term refused, and
    the same position twice in a term?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    units = ("Văn phòng Sở", "Thanh tra Sở", "Quản lý Thương mại", "Quản lý Công nghiệp")
    text = PLANNING + "".join(f"SCT030,X,Trưởng phòng {u},2021-2026,\n" for u in units)
    r = organiser.upload("/api/registry/planning", site.file("p.csv", text))
    assert refused(r) == [(5, "cadre_id")]
    assert "quá 3 chức danh" in messages(r)[0][0] and "rows 2, 3, 4, 5" in messages(r)[0][1]
    text = (
        PLANNING
        + "SCT030,X,Trưởng phòng Văn phòng Sở,2021-2026,\n"
        + "SCT030,X,Trưởng phòng Văn phòng Sở,2020-2025;2021-2026,\n"
    )
    r = organiser.upload("/api/registry/planning", site.file("p.csv", text))
    assert refused(r) == [(3, "term")]
    assert "dòng 2" in messages(r)[0][0]


def test_a_units_position_must_be_a_unit_of_the_people(site: Any, organiser: Any) -> None:
    """Is "Trưởng phòng Vũ trụ" refused once the people are imported (and before, accepted
    as the rule set knows a Trưởng phòng)?"""
    text = PLANNING + "SCT030,X,Trưởng phòng Vũ trụ,2021-2026,\n"
    assert organiser.upload("/api/registry/planning", site.file("p.csv", text)).status_code == 200
    assert organiser.upload("/api/people", site.agency).status_code == 200
    r = organiser.upload("/api/registry/planning", site.file("p.csv", text))
    assert refused(r) == [(2, "position")]
    assert "Văn phòng Sở" in messages(r)[0][0]
    text = (
        PLANNING
        + "SCT030,X,Phó trưởng phòng Quản lý Năng lượng,2021-2026,\n"
        + "SCT031,X,Trưởng phòng Phòng Quản lý Năng lượng,2021-2026,\n"
        + "SCT032,X,Phó Giám đốc Sở,2021-2026,\n"
    )
    assert organiser.upload("/api/registry/planning", site.file("p.csv", text)).status_code == 200


def test_a_term_must_be_in_the_terms_table_once_it_has_any(site: Any, organiser: Any) -> None:
    """Is an unknown term label refused when the terms table has terms, and accepted when it
    has none?"""
    text = PLANNING + "SCT002,X,Giám đốc Sở,2021-2026;2025-2031,\n"
    assert organiser.upload("/api/registry/planning", site.file("p.csv", text)).status_code == 200
    terms = "label,starts_on,ends_on\n2021-2026,2021-06-01,2026-05-31\n"
    assert organiser.upload("/api/registry/terms", site.file("t.csv", terms)).status_code == 200
    r = organiser.upload("/api/registry/planning", site.file("p.csv", text))
    assert refused(r) == [(2, "term")]
    assert "2025-2031" in messages(r)[0][0] and "2021-2026" in messages(r)[0][1]
