"""The dossier looked at page by page (issue 17): every PDF a personnel officer files for an
annual review — the Tờ trình with the tally summary of every step (B.VI item 1), the lists, and
the minutes of each electronic vote — rendered to PNG with pdftoppm (A4, every page drawn), and
read against the plan's list of dossier items. The PNGs are kept under tests/browser/screenshots
/dossier/ (not committed) to be looked at."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.integration.planning.test_dossier_and_published import (
    DEPUTY_TT,
    HEAD_TT,
    OFFICE_DEPUTY,
    PLANNING,
    paper_step,
)
from tests.integration.planning.test_review_scope import start

KEPT = Path(__file__).resolve().parents[2] / "browser" / "screenshots" / "dossier"
A4 = (595, 842)  # points, either way up (the summary's tables are landscape)
REGISTRY_ID = re.compile(r"\bSCT\d{3}\b")
RAW_CODE = re.compile(r"\b(khien_trach|canh_cao|cao_cap|trung_cap|so_cap|not_met|over_age)\b")


def pages(pdf: bytes, name: str, folder: Path) -> list[str]:
    """Render every page to PNG (kept to be looked at), check each is A4 and drawn, and return
    each page's text."""
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(source)], capture_output=True, check=True, text=True
    ).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    assert size is not None and sorted((round(float(size[1])), round(float(size[2])))) == list(
        A4
    ), info
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(source), str(folder / name)], check=True)
    images = sorted(folder.glob(f"{name}-*.png"))
    assert len(images) == count >= 1
    KEPT.mkdir(parents=True, exist_ok=True)
    texts = []
    for number, image in enumerate(images, start=1):
        assert image.stat().st_size > 2_000  # something is drawn on it
        shutil.copy(image, KEPT / image.name)
        texts.append(
            subprocess.run(
                ["pdftotext", "-f", str(number), "-l", str(number), str(source), "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
        )
    return texts


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_dossier_pdf_page_by_page(
    site: Any,
    organiser: Any,
    hold: Callable[..., dict[str, Any]],
    marks: Any,
    tmp_path: Path,
) -> None:
    site.app.config.update(
        AGENCY_PARENT="UBND tỉnh Thử Nghiệm",
        AGENCY_PLACE="Thử Nghiệm",
        AGENCY_CODE="SCT",
        HEAD_NAME="Mai Hữu Huy",
    )
    process = start(site, organiser, PLANNING)
    pid = process["id"]
    base = f"/api/processes/{pid}"
    lists = {HEAD_TT: ["SCT013", "SCT014", "SCT015"], DEPUTY_TT: ["SCT013", "SCT016"]}
    for s in process["source"]:
        cadres = lists.get(s["position"], [])
        r = organiser.put(f"{base}/source", json={"position": s["position"], "cadres": cadres})
        assert r.status_code == 200, r.json
    r = organiser.post(
        f"{base}/steps/1/approval",
        json={
            "held_on": "2022-04-20",
            "removals": [
                {"cadre": "SCT012", "position": HEAD_TT},
                {"cadre": "SCT013", "position": OFFICE_DEPUTY},
            ],
        },
    )
    assert r.status_code == 200, r.json
    removal = r.json["steps"][0]["conference"]
    convened = len(site.attendee_ids(organiser, removal))
    hold(removal, convened, marks({1: [convened // 2 + 1], 2: [1]}, convened, {1: None, 2: None}))
    counts2 = {
        HEAD_TT: {"SCT013": 20, "SCT014": 18, "SCT015": 9},
        DEPUTY_TT: {"SCT013": 21, "SCT016": 15},
    }
    paper_step(
        site,
        organiser,
        base,
        2,
        {"held_on": "2022-04-25", "convened": 28, "present": 28, "counts": counts2},
    )
    step3 = organiser.get(base).json["steps"][2]["conference"]
    present = len(site.attendee_ids(organiser, step3))
    half = present // 2 + 1
    hold(step3, present, marks({1: [half, half, 2], 2: [half, half]}, present, {1: 3, 2: 2}))
    counts4 = {HEAD_TT: {"SCT013": 5, "SCT014": 4}, DEPUTY_TT: {"SCT013": 2, "SCT016": 4}}
    paper_step(
        site,
        organiser,
        base,
        4,
        {"held_on": "2022-04-28", "convened": 5, "present": 5, "counts": counts4},
    )
    assert organiser.post(f"{base}/submission", json={"on": "2022-05-04"}).status_code == 200
    assert organiser.post(f"{base}/approval", json={"on": "2022-05-20"}).status_code == 200

    submission = pages(organiser.get(f"{base}/submission.pdf").data, "to-trinh", tmp_path)
    summary = pages(organiser.get(f"{base}/dossier.pdf").data, "tong-hop", tmp_path)
    minutes = {
        number: pages(
            organiser.get(f"/api/conferences/{conference}/minutes.pdf").data,
            f"bien-ban-buoc-{number}",
            tmp_path,
        )
        for number, conference in ((1, removal), (3, step3))
    }

    # B.VI item 1, the Tờ trình: the managing body and the agency, the national motto, a
    # number, place and date (NĐ 30/2020: "ngày 04 tháng 5"), the addressee, the signature.
    first = flat(submission[0])
    for words in (
        "UBND TỈNH THỬ NGHIỆM",
        "SỞ CÔNG THƯƠNG TỈNH THỬ NGHIỆM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /TTr-SCT",
        "Thử Nghiệm, ngày 04 tháng 5 năm 2022",
        "TỜ TRÌNH",
        "Kính gửi: Tập thể lãnh đạo Sở Công Thương tỉnh Thử Nghiệm",
    ):
        assert words in first, words
    whole = flat(" ".join(submission))
    assert "GIÁM ĐỐC" in whole and "Mai Hữu Huy" in whole
    assert "Chánh Thanh tra Sở" in whole and "Trưởng phòng Thanh tra Sở" not in whole
    # Each step dated as it was held: the paper steps by their minutes, the electronic ones by
    # the day their vote opened — the day their own minutes print, not the process's default.
    voted = {
        number: re.search(r"Ngày: (\d\d/\d\d/\d{4})", flat(texts[0]))
        for number, texts in minutes.items()
    }
    for number, day in (
        (1, voted[1][1] if voted[1] else "?"),
        (2, "25/04/2022"),
        (3, voted[3][1] if voted[3] else "?"),
        (4, "28/04/2022"),
    ):
        assert re.search(rf"Bước {number}: [^;]*, ngày {day}", whole), (number, day)

    # The tally summary of every step (B.VI item 1): the managing body, each step with its
    # day, the counts with the decimal comma, and a signature block.
    text = flat(" ".join(summary))
    assert text.startswith("UBND TỈNH THỬ NGHIỆM SỞ CÔNG THƯƠNG TỈNH THỬ NGHIỆM")
    for number in (1, 2, 3, 4):
        assert f"Bước {number}:" in text
    assert f"{voted[3][1] if voted[3] else '?'} Điện tử" in text
    assert re.search(r"\d+,\d\d%", text)
    # Items 2–5 are checked at the time of consideration: the day the dossier was submitted.
    assert "Hồ sơ nhân sự — rà soát ngày 04/05/2022" in text
    last = flat(summary[-1])
    assert "NGƯỜI LẬP BIỂU" in last and "GIÁM ĐỐC" in last and "Mai Hữu Huy" in last

    # The minutes: the managing body above the agency, the vote's day, the committee and as
    # many signature boxes as members, valid and invalid ballots.
    committee = organiser.get(f"/api/conferences/{step3}/committee").json
    for texts in minutes.values():
        page = flat(texts[0])
        assert page.startswith("UBND TỈNH THỬ NGHIỆM SỞ CÔNG THƯƠNG TỈNH THỬ NGHIỆM"), page[:80]
        assert "BIÊN BẢN KIỂM PHIẾU" in page
        whole = flat(" ".join(texts))
        assert "Số phiếu hợp lệ" in whole and "Số phiếu không hợp lệ" in whole
        assert whole.count("(ký, ghi rõ họ tên)") == committee["size"]
    # The removal ballot asks agree or not to remove each cadre: no "choose at most" there.
    assert "chọn tối đa" not in flat(" ".join(minutes[1]))
    removal_minutes = flat(" ".join(minutes[1]))
    assert "phiếu đồng ý đưa ra khỏi quy hoạch" in removal_minutes
    assert "Đề nghị đưa ra khỏi quy hoạch" in removal_minutes  # SCT012: more than half
    assert "Giữ lại trong quy hoạch" in removal_minutes and " Đạt" not in removal_minutes
    assert "chọn tối đa 3 người" in flat(" ".join(minutes[3]))
    # Positions by the units' own titles, as every document writes them.
    assert "Chức danh: Chánh Thanh tra Sở" in flat(" ".join(minutes[3]))
    assert "Chức danh: Phó Chánh Văn phòng Sở" in flat(" ".join(minutes[1]))
    assert not any("Chức danh: Trưởng phòng" in flat(" ".join(t)) for t in minutes.values())

    # Nothing printed shows a registry id, a raw code or a decimal point.
    printed = {"to-trinh": submission, "tong-hop": summary}
    printed |= {f"bien-ban-{n}": t for n, t in minutes.items()}
    for name, texts in printed.items():
        for number, page_text in enumerate(texts, start=1):
            where = (name, number)
            assert not REGISTRY_ID.search(page_text), (where, REGISTRY_ID.findall(page_text))
            assert not RAW_CODE.search(page_text), (where, RAW_CODE.findall(page_text))
            assert not re.search(r"\d\.\d+ ?%", page_text), where
