"""The dossier's tally summary (voting.tally.dossier): what the PDF prints, what the XLSX holds,
and the documents checklist's flags."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from typing import Any

from openpyxl import load_workbook

from voting.tally.dossier import document_checklist, dossier_pdf, dossier_xlsx

REVIEW = date(2022, 10, 31)


def summary() -> dict[str, Any]:
    cell = {"agree": 12, "base_count": 20, "percent": "60.00", "passed": True}
    failed = {"agree": 3, "base_count": 20, "percent": "15.00", "passed": False}
    return {
        "agency": "Sở Công Thương tỉnh Thử Nghiệm",
        "fingerprint": "ab12 cd34 ef56 7890",
        "process": {
            "title": "Xây dựng quy hoạch 2025-2030",
            "procedure_title": "Xây dựng quy hoạch cán bộ nhiệm kỳ kế tiếp",
            "tier_title": "Ban Thường vụ Tỉnh ủy quản lý",
            "term": "2025-2030",
            "reference": "2022-04",
        },
        "steps": [
            {
                "number": 3,
                "title": "Bước 3: Hội nghị cán bộ chủ chốt",
                "held_on": "2022-04-20",
                "paper": True,
                "kind": "candidates",
                "threshold": "≥ 30% số người có mặt",
                "convened": 25,
                "present": 20,
                "base_count": 20,
            }
        ],
        "positions": [
            {
                "position": "Giám đốc Sở",
                "candidates": [
                    {
                        "ref": "SCT004",
                        "full_name": "Hồ Anh Huy",
                        "post": "Phó Giám đốc",
                        "unit": "Ban Giám đốc",
                        "steps": {"3": cell},
                        "outcome": "pending",
                        "outcome_text": "Chưa kết thúc quy trình",
                    },
                    {
                        "ref": "SCT017",
                        "full_name": "Đỗ Ngọc Hùng",
                        "post": "Trưởng phòng",
                        "unit": "Phòng Kế hoạch",
                        "steps": {"3": failed},
                        "outcome": "failed_step_3",
                        "outcome_text": "Không đạt ở bước 3",
                    },
                ],
            }
        ],
        "removals": [
            {
                "ref": "SCT054",
                "full_name": "Đoàn Minh Tuấn",
                "position": "Trưởng phòng Thanh tra Sở",
                "reason": "đang trong thời hạn kỷ luật",
                "automatic": True,
                "agree": None,
                "base_count": None,
                "percent": None,
                "removed": True,
            }
        ],
        "documents": document_checklist(
            [("SCT004", "Hồ Anh Huy")],
            {"SCT004": [("cv", date(2022, 4, 29)), ("diplomas", date(2001, 6, 1))]},
            REVIEW,
        ),
    }


def test_the_checklist_flags_old_and_missing_documents() -> None:
    items = {i["kind"]: i for i in summary()["documents"]["cadres"][0]["items"]}
    assert list(items) == ["cv", "evaluation", "political_standard", "assets", "diplomas"]
    assert items["cv"]["stale"] and not items["cv"]["missing"]
    assert items["evaluation"]["missing"] and not items["evaluation"]["stale"]
    # Diplomas have no age limit.
    assert not items["diplomas"]["stale"] and not items["diplomas"]["missing"]


def test_the_pdf_prints_every_steps_count_and_marks_paper() -> None:
    pdf = dossier_pdf(summary())
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU Ở CÁC BƯỚC" in text
    assert "Bước 3 (giấy)" in text and "Phiếu giấy" in text
    assert "12/20 · 60.00%" in text and "3/20 · 15.00% ✗" in text
    assert "Đoàn Minh Tuấn" in text and "quá 6 tháng" in text
    assert "ab12 cd34 ef56 7890" in text


def test_the_xlsx_holds_the_counts_removals_and_checklist() -> None:
    book = load_workbook(io.BytesIO(dossier_xlsx(summary())))
    assert book.sheetnames == ["tong_hop", "dua_ra", "ho_so"]
    rows = list(book["tong_hop"].iter_rows(values_only=True))
    assert rows[1][5:8] == ("Bước 3 (giấy): đồng ý", "Bước 3 (giấy): cơ sở", "Bước 3 (giấy): %")
    assert rows[2][:8] == (
        "Giám đốc Sở",
        "SCT004",
        "Hồ Anh Huy",
        "Phó Giám đốc",
        "Ban Giám đốc",
        12,
        20,
        "60.00",
    )
    assert list(book["dua_ra"].iter_rows(values_only=True))[1][0] == "SCT054"
    states = [r[4] for r in book["ho_so"].iter_rows(min_row=2, values_only=True)]
    assert states == ["Quá 6 tháng", "Thiếu", "Thiếu", "Thiếu", "Hợp lệ"]
