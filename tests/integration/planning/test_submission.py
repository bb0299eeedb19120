"""The Tờ trình (KH 331 B.VI, dossier item 1) of a finished annual review, as PDF and DOCX: the
agency's header (cơ quan chủ quản, cơ quan, Quốc hiệu – Tiêu ngữ), number, place and date, the
addressee (the tier's approving body), the steps as held, the list proposed with birth year
and sex, the removals, the attached documents and the signature block. The first page is
rendered to PNG (pdftoppm) so it can be looked at."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

from docx import Document

from tests.integration.planning.test_dossier_and_published import paper_step
from tests.integration.planning.test_review_scope import keep_only, start

HEAD_TT = "Trưởng phòng Thanh tra Sở"
PLANNING = (
    "cadre_id,full_name,position,term,approved_on\n"
    f"SCT054,Đoàn Minh Tuấn,{HEAD_TT},2021-2026,2021-06-15\n"
)
SCREENSHOTS = Path(__file__).parents[2] / "browser" / "screenshots"


def finished(site: Any, organiser: Any) -> str:
    """An agency review whose final step chose SCT013 and SCT014 for the head of Thanh tra
    (SCT054 removed without a vote); its API base."""
    process = start(site, organiser, PLANNING)
    base = f"/api/processes/{process['id']}"
    keep_only(organiser, process, {HEAD_TT: ["SCT013", "SCT014"]})
    r = organiser.post(f"{base}/steps/1/approval", json={"held_on": "2022-03-10"})
    assert r.status_code == 200, r.json
    counts = {HEAD_TT: {"SCT013": 14, "SCT014": 13}}
    for number, day, convened in ((2, "2022-03-15", 28), (3, "2022-03-18", 16)):
        paper = {"held_on": day, "convened": convened, "present": convened, "counts": counts}
        paper_step(site, organiser, base, number, paper)
    final = {"held_on": "2022-03-25", "convened": 5, "present": 5}
    paper_step(site, organiser, base, 4, final | {"counts": {HEAD_TT: {"SCT013": 4, "SCT014": 3}}})
    return base


def test_the_submission_as_pdf_and_docx(site: Any, organiser: Any, tmp_path: Path) -> None:
    site.app.config.update(
        AGENCY="Sở Công Thương",
        AGENCY_PARENT="UBND tỉnh Nam Định",
        AGENCY_PLACE="Nam Định",
        AGENCY_CODE="SCT",
        HEAD_NAME="Mai Hữu Huy",
    )
    base = finished(site, organiser)
    r = organiser.get(f"{base}/submission.pdf?number=15&on=2022-03-28")
    assert r.status_code == 200 and r.data[:5] == b"%PDF-"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=r.data, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    for expected in (
        "UBND TỈNH NAM ĐỊNH",
        "SỞ CÔNG THƯƠNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/TTr-SCT",
        "Nam Định, ngày 28 tháng 3 năm 2022",  # NĐ 30/2020: no 0 before months 3–12
        "TỜ TRÌNH",
        "Kính gửi: Tập thể lãnh đạo Sở Công Thương",
        "Bước 2: Hội nghị cán bộ chủ chốt, ngày 15/03/2022 (28 người được triệu tập, 28",
        "Đinh Hồng Vân 1992 Nữ",
        "Hoàng Minh Huy 1996 Nam",
        "Đoàn Minh Tuấn",
        "khiển trách",
        "Sơ yếu lý lịch theo mẫu 2C-TCTW",
        "kính trình Tập thể lãnh đạo Sở Công Thương xem xét, phê duyệt./.",
        "Nơi nhận:",
        "GIÁM ĐỐC",
        "Mai Hữu Huy",
    ):
        assert expected in flat, expected
    assert "khien_trach" not in flat and "SCT013" not in flat  # no raw codes
    pages = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", "-", str(pages)],
        input=r.data,
        check=True,
    )
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert rendered and all(p.stat().st_size > 5000 for p in rendered)
    SCREENSHOTS.mkdir(exist_ok=True)
    for index, png in enumerate(rendered, start=1):
        (SCREENSHOTS / f"to-trinh-{index}.png").write_bytes(png.read_bytes())

    r = organiser.get(f"{base}/submission.docx?number=15&on=2022-03-28")
    assert r.status_code == 200 and r.data[:2] == b"PK"
    document = Document(io.BytesIO(r.data))
    words = " ".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "TỜ TRÌNH" in words and "Kính gửi: Tập thể lãnh đạo Sở Công Thương" in words
    assert "Số: 15/TTr-SCT" in cells and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Đinh Hồng Vân" in cells and "1992" in cells and "GIÁM ĐỐC" in cells


def test_no_submission_before_the_final_step(site: Any, organiser: Any) -> None:
    process = start(site, organiser, PLANNING)
    r = organiser.get(f"/api/processes/{process['id']}/submission.pdf")
    assert r.status_code == 409 and r.json["error"]["code"] == "no_outcome"


def test_the_approving_body_and_titles_follow_the_agency(site: Any, organiser: Any) -> None:
    """Another agency's installation: its leadership collective approves (not the sample
    agency's the rule set names), and the published list writes the units' own titles."""
    site.app.config.update(AGENCY="Sở Tài chính", AGENCY_CODE="STC")
    base = finished(site, organiser)
    process = organiser.get(base).json
    assert process["dates"]["approval_body"] == "Tập thể lãnh đạo Sở Tài chính"
    page = organiser.get(f"/organiser/planning/{process['id']}/published").data.decode()
    assert "Tập thể lãnh đạo Sở Tài chính" in page and "Sở Công Thương" not in page
    assert "<td>Chánh Thanh tra Sở</td>" in page and "Trưởng phòng Thanh tra Sở" not in page
    r = organiser.get(f"{base}/submission.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=r.data, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "Kính gửi: Tập thể lãnh đạo Sở Tài chính" in flat and "/TTr-STC" in flat
    assert "Chánh Thanh tra Sở" in flat
