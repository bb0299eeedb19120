"""The registry beyond people: each table imported from the sample files as they are, every
bad row reported with nothing changed, exports that re-import unchanged, who may do what, the
default holiday calendar, and the province's rosters drawing the external attendees."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from voting import sample

DOMAIN = sample.FOLDER
TERMS = (
    "label,starts_on,ends_on\n2020-2025,2020-10-01,2025-09-30\n2025-2030,2025-10-01,2030-09-30\n"
    "2021-2026,2021-06-01,2026-05-31\n"
)
DOCUMENTS = (
    "cadre_id,kind,dated,note\nSCT004,cv,2022-01-10,\nSCT004,assets,2021-03-01,kê khai 2020\n"
)


def rows(api: Any, kind: str) -> list[dict[str, str]]:
    body: dict[str, Any] = api.get(f"/api/registry/{kind}").json
    return body["rows"]  # type: ignore[no-any-return]


def test_the_shared_files_are_read_as_they_are(site: Any, organiser: Any) -> None:
    """Do the sample external attendees and current planning import unchanged?"""
    r = organiser.upload("/api/registry/externals", DOMAIN / "sample-external-attendees.csv")
    assert r.status_code == 200 and r.json == {"imported": 10}
    r = organiser.upload("/api/registry/planning", DOMAIN / "sample-current-planning.csv")
    assert r.status_code == 200 and r.json == {"imported": 6}
    first = rows(organiser, "planning")[0]
    assert first == {
        "cadre_id": "SCT002",
        "full_name": "Tô Văn Đạt",
        "position": "Giám đốc Sở",
        "term": "2020-2025;2021-2026",
        "approved_on": "2021-06-15",
    }


@pytest.mark.parametrize(
    ("kind", "text", "where"),
    [
        (
            "planning",
            "cadre_id,full_name,position,term,approved_on\n"
            "SCT002,A,Giám đốc Sở,2025-2030,2021-06-15\n"
            "SCT003,B,Trưởng ban Vũ trụ,2025-2030,2021-06-15\n"
            "SCT004,C,Giám đốc Sở,2025-2030,15/06/2021\n"
            "SCT002,A,giám đốc sở,2025-2030,\n",
            [(3, "position"), (4, "approved_on"), (5, "cadre_id")],
        ),
        (
            "externals",
            "id,full_name,sex,post,unit\nE1,A,X,Trưởng phòng,UBND\nE2,,M,Trưởng phòng,UBND\n",
            [(2, "sex"), (3, "full_name")],
        ),
        (
            "terms",
            "label,starts_on,ends_on\n2025-2030,2030-01-01,2025-01-01\n",
            [(2, "label"), (2, "ends_on")],
        ),
        (
            "documents",
            "cadre_id,kind,dated,note\nSCT004,photo,2022-01-01,\n",
            [(2, "cadre_id"), (2, "kind")],
        ),
        ("holidays", "day,name\n2026-13-01,Tết\n", [(2, "day")]),
    ],
)
def test_every_bad_row_is_reported_and_nothing_changes(
    site: Any, organiser: Any, kind: str, text: str, where: list[tuple[int, str]]
) -> None:
    """Is a file with bad rows refused whole, each row and column named, the table as before?"""
    before = rows(organiser, kind)
    r = organiser.upload(f"/api/registry/{kind}", site.file(f"{kind}.csv", text))
    assert r.status_code == 422 and site.code(r) == "import_rejected"
    problems = [(p["row"], p["column"]) for p in r.json["error"]["problems"]]
    assert problems == where
    assert all(
        f"Dòng {row}" in p["message"]
        for (row, _), p in zip(where, r.json["error"]["problems"], strict=True)
    )
    assert rows(organiser, kind) == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_back_unchanged(site: Any, organiser: Any, fmt: str) -> None:
    """Does each table's export, imported again, give the same rows?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    files = {
        "externals": DOMAIN / "sample-external-attendees.csv",
        "planning": DOMAIN / "sample-current-planning.csv",
        "terms": site.file("terms.csv", TERMS),
        "documents": site.file("documents.csv", DOCUMENTS),
    }
    for kind, path in files.items():
        assert organiser.upload(f"/api/registry/{kind}", path).status_code == 200
    for kind in [*files, "holidays", "people"]:
        exported = organiser.get(f"/api/registry/{kind}/export?format={fmt}")
        assert exported.status_code == 200
        before = organiser.get("/api/people").json if kind == "people" else rows(organiser, kind)
        again = site.file(f"again-{kind}.{fmt}", "")
        again.write_bytes(exported.data)
        target = "/api/people" if kind == "people" else f"/api/registry/{kind}"
        assert organiser.upload(target, again).status_code == 200, kind
        after = organiser.get("/api/people").json if kind == "people" else rows(organiser, kind)
        assert after == before, kind


def test_the_default_holidays_include_tet(site: Any, organiser: Any) -> None:
    """Does a fresh installation know Tết and the fixed public holidays?"""
    days = {row["day"]: row["name"] for row in rows(organiser, "holidays")}
    assert days["2026-02-17"] == "Tết Nguyên Đán"
    assert days["2027-04-16"].startswith("Giỗ Tổ Hùng Vương")
    assert "2030-09-02" in days


def test_leadership_reads_but_does_not_import(site: Any) -> None:
    """May the leadership change the registry? No; nor may anyone without an account read it."""
    leadership = site.api("leadership")
    terms = site.file("terms.csv", TERMS)
    assert leadership.upload("/api/registry/terms", terms).status_code == 403
    assert site.api().get("/api/registry/terms").status_code == 401
    assert site.api("organiser").get("/api/registry/nothing").status_code == 404


def test_the_provinces_rosters_draw_the_external_attendees(site: Any, organiser: Any) -> None:
    """Does a key-officials conference of the province tier convene the registry's externals?"""
    assert organiser.upload("/api/people", site.agency).status_code == 200
    r = organiser.upload("/api/registry/externals", DOMAIN / "sample-external-attendees.csv")
    assert r.status_code == 200
    conference = site.conference(organiser, step=3, tier="province")
    assert organiser.post(f"/api/conferences/{conference}/roster/draw").status_code == 200
    roster = organiser.get(f"/api/conferences/{conference}/roster").json["attendees"]
    assert sum(a["source"] == "external" for a in roster) == 10
    agency = site.conference(organiser, step=3, tier="agency")
    assert organiser.post(f"/api/conferences/{agency}/roster/draw").status_code == 200
    roster = organiser.get(f"/api/conferences/{agency}/roster").json["attendees"]
    assert not any(a["source"] == "external" for a in roster)


def test_the_registry_page_shows_each_table_and_a_refusal(site: Any) -> None:
    """Does the organiser's registry page list the tables and show a refused file's rows?"""
    from tests.integration.pages.conftest import csrf_of

    client = site.app.test_client()
    client.get("/login")
    client.post(
        "/login",
        data={
            "csrf_token": csrf_of(client),
            "username": site.users["organiser"],
            "password": site.password,
        },
    )
    page = client.get("/organiser/registry/")
    assert page.status_code == 200 and 'data-kind="holidays"' in page.text
    bad = site.file("terms.csv", "label,starts_on,ends_on\nX,2030-01-01,2025-01-01\n")
    with bad.open("rb") as stream:
        refused = client.post(
            "/organiser/registry/terms",
            data={"csrf_token": csrf_of(client), "file": (stream, "terms.csv")},
            content_type="multipart/form-data",
        )
    assert refused.status_code == 422 and "Dòng 2" in refused.text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_never_carry_a_live_formula(site: Any, organiser: Any, fmt: str) -> None:
    """Issue 16, item 9: an external attendee named like a formula is exported escaped (CSV:
    a leading ') or as a string (XLSX), and imports back unchanged."""
    trap = '=HYPERLINK("http://evil.example","Bấm")'
    externals = site.file(
        "externals.csv",
        "id,full_name,sex,post,unit\n"
        f'EXT01,"{trap.replace(chr(34), chr(34) * 2)}",M,@SUM(1),+84 912\n',
    )
    assert organiser.upload("/api/registry/externals", externals).status_code == 200
    before = rows(organiser, "externals")
    assert before[0]["full_name"] == trap
    exported = organiser.get(f"/api/registry/externals/export?format={fmt}").data
    if fmt == "csv":
        line = exported.decode("utf-8-sig").splitlines()[1]
        assert line.startswith(f"EXT01,\"'{trap.replace(chr(34), chr(34) * 2)}\",M,'@SUM(1),")
    else:
        book = load_workbook(io.BytesIO(exported))
        cells = [cell for row in book.active.iter_rows() for cell in row]  # type: ignore[union-attr]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        assert trap in {cell.value for cell in cells}
    again = site.file(f"again.{fmt}", "")
    again.write_bytes(exported)
    assert organiser.upload("/api/registry/externals", again).status_code == 200
    assert rows(organiser, "externals") == before
