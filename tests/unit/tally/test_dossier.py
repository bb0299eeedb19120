"""The dossier's tally summary (voting.tally.dossier): what the PDF prints, what the XLSX holds,
and the documents checklist's flags."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

from voting.tally.dossier import (
    CandidateRow,
    DecidedPosition,
    DocumentItem,
    DossierSummary,
    HeadDecisionInfo,
    PositionRows,
    ProcessInfo,
    Removal,
    StepCount,
    StepInfo,
    document_checklist,
    dossier_pdf,
    dossier_xlsx,
)

REVIEW = date(2022, 10, 31)  # documents dated before 30/04/2022 are too old
FINGERPRINT = "ab12 cd34 ef56 7890"


def make_step(number: int, **overrides: Any) -> StepInfo:
    """A recorded ballot step, electronic unless told otherwise."""
    return replace(
        StepInfo(
            number=number,
            title=f"Bước {number}: Hội nghị cán bộ chủ chốt",
            held_on=date(2022, 4, 10 + number),
            paper=False,
            kind="candidates",
            threshold="≥ 30% số người có mặt",
            convened=25,
            present=20,
            base_count=20,
        ),
        **overrides,
    )


def make_candidate(ref: str, full_name: str, **overrides: Any) -> CandidateRow:
    """A candidate who passed step 3 with 12 of 20."""
    return replace(
        CandidateRow(
            ref=ref,
            full_name=full_name,
            post="Phó Giám đốc",
            unit="Ban Giám đốc",
            steps={3: StepCount(agree=12, base_count=20, percent="60.00", passed=True)},
            outcome="chosen",
            outcome_text="Được đưa vào quy hoạch",
        ),
        **overrides,
    )


def make_summary(**overrides: Any) -> DossierSummary:
    """An annual review: a paper removal ballot at step 1, a paper ballot at step 3, one
    candidate chosen and one failing at step 3, an automatic removal and two removal votes,
    one passing and one not."""
    summary = DossierSummary(
        agency="Sở Công Thương tỉnh Thử Nghiệm",
        fingerprint=FINGERPRINT,
        process=ProcessInfo(
            title="Rà soát quy hoạch 2022",
            procedure_title="Rà soát, bổ sung quy hoạch hằng năm",
            tier_title="Ban Thường vụ Tỉnh ủy quản lý",
            term="2020-2025",
            reference=date(2022, 4, 1),
        ),
        steps=[
            make_step(1, kind="removal", paper=True, threshold="> 50% số người được triệu tập"),
            make_step(3, paper=True),
            make_step(4),
        ],
        positions=[
            PositionRows(
                position="Giám đốc Sở",
                candidates=[
                    make_candidate(
                        "SCT004",
                        "Hồ Anh Huy",
                        steps={
                            3: StepCount(agree=12, base_count=20, percent="60.00", passed=True),
                            4: StepCount(agree=7, base_count=9, percent="77.78", passed=True),
                        },
                    ),
                    make_candidate(
                        "SCT017",
                        "Đỗ Ngọc Hùng",
                        steps={3: StepCount(agree=3, base_count=20, percent="15.00", passed=False)},
                        outcome="failed_step_3",
                        outcome_text="Không đạt ở bước 3",
                    ),
                ],
            )
        ],
        removals=[
            Removal(
                ref="SCT054",
                full_name="Đoàn Minh Tuấn",
                position="Trưởng phòng Thanh tra Sở",
                reason="đang trong thời hạn kỷ luật",
                automatic=True,
                agree=None,
                base_count=None,
                percent=None,
                removed=True,
            ),
            Removal(
                ref="SCT055",
                full_name="Phạm Quốc Khánh",
                position="Phó Giám đốc Sở",
                reason="Bỏ phiếu đề nghị đưa ra khỏi quy hoạch",
                automatic=False,
                agree=14,
                base_count=25,
                percent="56.00",
                removed=True,
            ),
            Removal(
                ref="SCT056",
                full_name="Vũ Thị Lan",
                position="Phó Giám đốc Sở",
                reason="Bỏ phiếu đề nghị đưa ra khỏi quy hoạch",
                automatic=False,
                agree=5,
                base_count=25,
                percent="20.00",
                removed=False,
            ),
        ],
        documents=document_checklist(
            [("SCT004", "Hồ Anh Huy"), ("SCT017", "Đỗ Ngọc Hùng")],
            {
                "SCT004": [
                    ("cv", date(2022, 4, 29)),
                    ("evaluation", date(2022, 4, 30)),
                    ("diplomas", date(2001, 6, 1)),
                ]
            },
            REVIEW,
        ),
    )
    return replace(summary, **overrides)


def pdf_pages(summary: DossierSummary) -> list[str]:
    """The PDF's text, page by page."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=dossier_pdf(summary),
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


def test_the_checklist_flags_old_and_missing_documents() -> None:
    """Which documents are flagged: the dated kinds older than 6 months, and any missing one?"""
    cadres = make_summary().documents.cadres
    items = {i.kind: i for i in cadres[0].items}
    assert list(items) == ["cv", "evaluation", "political_standard", "assets", "diplomas"]
    assert replace(items["cv"], title="") == DocumentItem(
        kind="cv", title="", dated=date(2022, 4, 29), missing=False, stale=True
    )
    # Exactly 6 months old at review is still valid.
    assert not items["evaluation"].stale and not items["evaluation"].missing
    assert items["assets"].missing and not items["assets"].stale
    # Diplomas have no age limit, only presence.
    assert not items["diplomas"].stale and not items["diplomas"].missing
    assert all(i.missing for i in cadres[1].items)


def test_the_pdf_prints_every_steps_count_and_marks_paper() -> None:
    """Does the PDF show each candidate's counts and percentages per step, "giấy" on the paper
    steps, the removals, the flagged documents, and the fingerprint?"""
    pages = pdf_pages(make_summary())
    text = "\n".join(pages)
    assert "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU Ở CÁC BƯỚC" in text
    assert "Hồ Anh Huy" in text and "Đỗ Ngọc Hùng" in text
    assert "Bước 3 (giấy)" in text and "Bước 4" in text and "Phiếu giấy" in text
    assert "12/20 · 60.00%" in text and "7/9 · 77.78%" in text
    assert "3/20 · 15.00%" in text and "✗ không đạt" in text
    assert "Đoàn Minh Tuấn" in text and "14/25 · 56.00%" in text and "5/25 · 20.00%" in text
    assert "Bước 1 (giấy)" in text  # the removal ballot was on paper
    assert "29/04/2022" in text and "quá 6 tháng" in text and "Thiếu" in text
    assert "từ ngày 30/04/2022" in text
    assert all(FINGERPRINT in page for page in pages)


def test_a_long_summary_carries_the_fingerprint_on_every_page() -> None:
    """Does a summary over several pages keep its fingerprint and page number on each?"""
    many = [make_candidate(f"SCT{n:03d}", f"Nguyễn Thị Cán Bộ Số {n}") for n in range(60)]
    pages = pdf_pages(
        make_summary(positions=[PositionRows(position="Giám đốc Sở", candidates=many)])
    )
    assert len(pages) > 2
    assert all(FINGERPRINT in page and f"Trang {n}" in page for n, page in enumerate(pages, 1))


def test_the_xlsx_holds_the_counts_removals_and_checklist() -> None:
    """Does the workbook read back with each step's count, base and percentage, "giấy" in the
    paper steps' headers, the removals, and the checklist's flags and dates?"""
    book = load_workbook(io.BytesIO(dossier_xlsx(make_summary())))
    assert book.sheetnames == ["tong_hop", "dua_ra", "ho_so", "cac_buoc", "quyet_dinh"]
    rows = list(book["tong_hop"].iter_rows(values_only=True))
    assert FINGERPRINT in rows[0][5]
    assert rows[1][5:] == (
        "Bước 3 (giấy): đồng ý",
        "Bước 3 (giấy): cơ sở",
        "Bước 3 (giấy): %",
        "Bước 4: đồng ý",
        "Bước 4: cơ sở",
        "Bước 4: %",
        "Năm sinh, giới tính, đối tượng, LLCT",
        "Ghi chú",
        "Kết quả",
    )
    assert rows[2] == (
        *("Giám đốc Sở", "SCT004", "Hồ Anh Huy", "Phó Giám đốc", "Ban Giám đốc"),
        *(12, 20, "60.00", 7, 9, "77.78", None, None, "Được đưa vào quy hoạch"),
    )
    assert rows[3][5:] == (3, 20, "15.00", None, None, None, None, None, "Không đạt ở bước 3")

    removals = list(book["dua_ra"].iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in removals] == ["SCT054", "SCT055", "SCT056"]
    assert removals[0][3] == "Tự động (không bỏ phiếu)"
    assert removals[1][3:] == (
        "Bỏ phiếu — Bước 1 (giấy)",
        "Bỏ phiếu đề nghị đưa ra khỏi quy hoạch",
        *(14, 25, "56.00", "Đưa ra khỏi quy hoạch"),
    )
    # A cadre the removal ballot kept is listed with the count, base and percentage too.
    assert removals[2][3:] == (
        "Bỏ phiếu — Bước 1 (giấy)",
        "Bỏ phiếu đề nghị đưa ra khỏi quy hoạch",
        *(5, 25, "20.00", "Giữ lại trong quy hoạch"),
    )

    checklist = book["ho_so"]
    assert checklist["B1"].value == datetime(2022, 10, 31)
    first = list(checklist.iter_rows(min_row=3, max_row=7, values_only=True))
    assert [(r[2], r[4], r[5]) for r in first] == [
        (2, datetime(2022, 4, 29), "Quá 6 tháng"),
        (3, datetime(2022, 4, 30), "Hợp lệ"),
        (4, None, "Thiếu"),
        (5, None, "Thiếu"),
        (6, datetime(2001, 6, 1), "Hợp lệ"),
    ]
    assert checklist["F3"].font.bold and not checklist["F4"].font.bold

    steps = list(book["cac_buoc"].iter_rows(min_row=3, values_only=True))
    assert [(s[0], s[3]) for s in steps] == [(1, "Phiếu giấy"), (3, "Phiếu giấy"), (4, "Điện tử")]


def words(pdf: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (xMin, yMin, xMax, yMax, text), from pdftotext."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    pages = []
    for page in html.split("<page ")[1:]:
        found = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        )
        pages.append([(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in found])
    return pages


def test_the_footer_never_overlaps_whatever_the_title_and_fingerprint() -> None:
    """Does the page number keep clear of the footer's text, with the fingerprint whole, when a
    province-tier title is very long (and even the fingerprint is)?"""
    long_title = (
        "Rà soát, bổ sung quy hoạch hằng năm 2021-2026 — Các chức danh thuộc diện Ban Thường vụ "
        "Tỉnh ủy quản lý (Giám đốc Sở, Phó Giám đốc Sở) của Sở Công Thương tỉnh Thử Nghiệm"
    )
    for fingerprint in (FINGERPRINT, " ".join(["9a34 1fa9 9434 f854"] * 8), "f" * 200):
        summary = make_summary(fingerprint=fingerprint)
        summary = replace(summary, process=replace(summary.process, title=long_title))
        pdf = dossier_pdf(summary)
        pages = words(pdf)
        for number, page in enumerate(pages, start=1):
            label = next(w for w in page if w[4] == "Trang")
            value = next(w for w in page if w[4] == f"{number}/{len(pages)}")
            box = (label[0], min(label[1], value[1]), value[2], max(label[3], value[3]))
            others = [w for w in page if w not in (label, value)]
            assert not [
                w
                for w in others
                if w[0] < box[2] and w[2] > box[0] and w[1] < box[3] and w[3] > box[1]
            ], (fingerprint, number)
        text = "\n".join(pdf_pages(summary))
        assert "".join(fingerprint.split()) in "".join(text.split())


def test_the_heads_decision_is_reported_in_the_pdf_and_the_xlsx() -> None:
    """Does the summary name who decided and when, with the note, for each contested position,
    and label the candidate the head did not pick as such?"""
    tied = make_candidate(
        "SCT020",
        "Lê Văn Bằng",
        outcome="not_chosen_by_head",
        outcome_text="Đạt, bằng phiếu — người đứng đầu không lựa chọn",
    )
    decision = HeadDecisionInfo(
        step=4,
        paper=False,
        decided_by="nguoi-dung-dau",
        decided_at="2022-04-22T08:15:00Z",
        note="Ưu tiên cán bộ trẻ",
        positions=[
            DecidedPosition(
                position="Giám đốc Sở",
                contested=["Hồ Anh Huy", "Lê Văn Bằng"],
                chosen=["Hồ Anh Huy"],
                reasons=["Bằng phiếu ở vị trí cuối: Hồ Anh Huy, Lê Văn Bằng"],
            )
        ],
    )
    summary = make_summary(decisions=[decision])
    summary.positions[0].candidates.append(tied)
    text = " ".join("\n".join(pdf_pages(summary)).split())
    assert "Quyết định của người đứng đầu — Bước 4" in text
    assert "Người quyết định: nguoi-dung-dau;" in text and "22/04/2022 08:15 UTC" in text
    assert "Bằng phiếu ở vị trí cuối: Hồ Anh Huy, Lê Văn Bằng" in text
    assert "Ưu tiên cán bộ trẻ" in text and "Hồ Anh Huy, Lê Văn Bằng" in text
    assert "Đạt, bằng phiếu — người" in text and "đứng đầu không lựa chọn" in text

    book = load_workbook(io.BytesIO(dossier_xlsx(summary)))
    assert "(nguoi-dung-dau, 22/04/2022 08:15 UTC)" in book["tong_hop"]["G1"].value
    assert list(book["quyet_dinh"].iter_rows(min_row=3, values_only=True)) == [
        (
            *("Bước 4", "nguoi-dung-dau", "22/04/2022 08:15 UTC", "Ưu tiên cán bộ trẻ"),
            *("Giám đốc Sở", "Hồ Anh Huy, Lê Văn Bằng", "Hồ Anh Huy"),
            "Bằng phiếu ở vị trí cuối: Hồ Anh Huy, Lê Văn Bằng",
        )
    ]
    # Without a decision the sheet has its heading rows only, and row 1 no note.
    plain = load_workbook(io.BytesIO(dossier_xlsx(make_summary())))
    assert plain["quyet_dinh"].max_row == 2 and plain["tong_hop"]["G1"].value is None


def test_the_pdf_lists_the_cadres_the_removal_ballot_kept() -> None:
    """Is a cadre put to the removal ballot and kept printed with the count, base and
    percentage, beside the one removed?"""
    text = " ".join("\n".join(pdf_pages(make_summary())).split())
    assert "Vũ Thị Lan" in text and "5/25 · 20.00%" in text
    assert "Giữ lại trong quy hoạch" in text and "Đưa ra khỏi quy hoạch" in text


def test_a_cadre_over_the_cap_is_explained_by_the_positions_held() -> None:
    """Does a cadre over the 3-positions cap show why — the positions already held — under
    the outcome in the PDF, in the workbook's note column, and in the decision's reasons?"""
    note = "vượt quá 3 chức danh: đã có 2 chức danh trong quy hoạch, đạt thêm 2 chức danh ở bước 4"
    capped = make_candidate(
        "SCT013",
        "Đinh Hồng Vân",
        outcome="not_chosen_by_head",
        outcome_text="Đạt, vượt quá 3 chức danh — người đứng đầu không lựa chọn",
        note=note,
    )
    decision = HeadDecisionInfo(
        step=4,
        paper=True,
        decided_by="nguoi-dung-dau",
        decided_at="2022-04-22T08:15:00Z",
        note="",
        positions=[
            DecidedPosition(
                position="Giám đốc Sở",
                contested=["Đinh Hồng Vân"],
                chosen=[],
                reasons=[f"Đinh Hồng Vân: {note}"],
            )
        ],
    )
    summary = make_summary(decisions=[decision])
    summary.positions[0].candidates.append(capped)
    text = " ".join("\n".join(pdf_pages(summary)).split())
    assert "Vượt quá 3 chức danh: đã có 2 chức danh trong quy hoạch" in text
    assert "Đinh Hồng Vân: vượt quá 3 chức danh: đã có 2 chức danh trong quy hoạch" in text
    assert "(nhập từ biên bản giấy)" in text and "Không lựa chọn ai" in text

    book = load_workbook(io.BytesIO(dossier_xlsx(summary)))
    rows = list(book["tong_hop"].iter_rows(min_row=3, values_only=True))
    assert rows[-1][-2:] == (
        note[0].upper() + note[1:],
        "Đạt, vượt quá 3 chức danh — người đứng đầu không lựa chọn",
    )
    decided = list(book["quyet_dinh"].iter_rows(min_row=3, values_only=True))
    assert decided[0][0] == "Bước 4 (giấy)" and decided[0][-1] == f"Đinh Hồng Vân: {note}"


def test_names_that_look_like_formulas_stay_text_in_the_xlsx() -> None:
    """Issue 16, item 9: is a cadre's name, unit or a removal reason starting with = + - @
    written as a string, never as a live formula?"""
    trap = '=HYPERLINK("http://evil.example","Bấm")'
    summary = make_summary()
    candidates = summary.positions[0].candidates
    candidates[0] = replace(candidates[0], full_name=trap)
    candidates[1] = replace(candidates[1], unit="@SUM(1,2)")
    summary.removals[0] = replace(summary.removals[0], reason="-1+2")
    book = load_workbook(io.BytesIO(dossier_xlsx(summary)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert {trap, "@SUM(1,2)", "-1+2"} <= {cell.value for cell in cells}
