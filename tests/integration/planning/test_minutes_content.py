"""The minutes of a step held electronically, as a personnel officer files them: the agency
beside the Quốc hiệu – Tiêu ngữ, the step's title once, the day the vote was held (not the
date first set), the time the box was opened, the absent count, valid and invalid ballots,
each committee member with a line for the name, and exactly one signature box per member.
The first page is rendered to PNG to be looked at."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.integration.planning.test_review_scope import start
from voting import canonical

HEAD_TT = "Trưởng phòng Thanh tra Sở"
SCREENSHOTS = Path(__file__).parents[2] / "browser" / "screenshots"


def test_the_minutes_say_what_the_room_did(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]], marks: Any
) -> None:
    planning = "cadre_id,full_name,position,term,approved_on\n" + (
        f"SCT012,Dương Thanh Dung,{HEAD_TT},2021-2026,2021-06-15\n"
    )
    process = start(site, organiser, planning)
    base = f"/api/processes/{process['id']}"
    removal = {"cadre": "SCT012", "position": HEAD_TT}
    # Set for 20/04/2022; the vote is held today.
    r = organiser.post(
        f"{base}/steps/1/approval", json={"held_on": "2022-04-20", "removals": [removal]}
    )
    assert r.status_code == 200, r.json
    conference = r.json["steps"][0]["conference"]
    convened = len(site.attendee_ids(organiser, conference))
    present = convened - 1
    hold(conference, present, marks({1: [1]}, present, {1: None}))
    document = canonical.loads(organiser.get(f"/api/conferences/{conference}/record").data)
    opened = next(e for e in document["events"] if e["kind"] == "box.opened")
    at = datetime.fromisoformat(opened["at"].replace("Z", "+00:00")).astimezone(
        ZoneInfo("Asia/Ho_Chi_Minh")
    )
    pdf = organiser.get(f"/api/conferences/{conference}/minutes.pdf").data
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Ngày: {at:%d/%m/%Y}",
        f"Thời điểm mở hòm phiếu, kiểm phiếu {at:%H:%M %d/%m/%Y}",
        "Số người vắng mặt 1",
        f"Số phiếu hợp lệ {present}",
        "Số phiếu không hợp lệ 0 (mỗi phiếu được kiểm chứng khi nhận)",
        "(Trưởng Ban kiểm phiếu); họ và tên:",
    ):
        assert expected in flat, expected
    assert "20/04/2022" not in flat
    assert flat.count("Bước 1: Hội nghị tập thể lãnh đạo (lần 1)") == 1
    members = document["committee"]["members"]
    assert flat.count("(ký, ghi rõ họ tên)") == members
    assert flat.count("Trưởng Ban kiểm phiếu") == 2  # in the list and on member 1's box
    assert f"Thành viên Ban kiểm phiếu {members + 1}" not in flat
    pages = Path(site.folder) / "minutes"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", "-", str(pages)],
        input=pdf,
        check=True,
    )
    rendered = sorted(Path(site.folder).glob("minutes-*.png"))
    assert rendered and rendered[0].stat().st_size > 5000
    SCREENSHOTS.mkdir(exist_ok=True)
    for index, png in enumerate(rendered, start=1):
        (SCREENSHOTS / f"minutes-{index}.png").write_bytes(png.read_bytes())
