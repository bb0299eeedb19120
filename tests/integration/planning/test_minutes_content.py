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


def test_the_minutes_name_the_committee_and_the_absent_with_their_reasons(
    site: Any, organiser: Any, hold: Callable[..., dict[str, Any]], marks: Any
) -> None:
    """With each seat's member named on the console and reasons recorded for two of three
    absent attendees, do the minutes print every name (in the committee list and under the
    signature boxes, one box per member) and the absent count split by reason, each absent
    attendee named with the reason?"""
    conference = site.set_up(organiser)  # 25 convened: three away leave the quorum
    roster = organiser.get(f"/api/conferences/{conference}/roster").json["attendees"]
    present = len(roster) - 3
    hold(conference, present, [{1: [1]}] * present)
    away = roster[present:]
    for attendee, body in zip(
        away, ({"reason": "cong_tac"}, {"reason": "khac", "note": "Họp Tỉnh ủy"}), strict=False
    ):
        response = organiser.post(
            f"/api/conferences/{conference}/attendees/{attendee['id']}/absence", json=body
        )
        assert response.status_code == 200, response.json
    members = canonical.loads(organiser.get(f"/api/conferences/{conference}/record").data)[
        "committee"
    ]["members"]
    names = ["Nguyễn Văn Kiểm", "Trần Thị Phiếu", "Lê Minh Bầu", "Phạm Thu Hòm", "Võ Văn Số"]
    form = {f"member-{n}": names[n - 1] for n in range(1, members + 1)}
    saved = organiser.post(
        f"/organiser/conferences/{conference}/committee/names",
        data={"csrf_token": organiser.csrf, **form},
    )
    assert saved.status_code == 302
    refused = organiser.post(
        f"/organiser/conferences/{conference}/committee/names",
        data={"csrf_token": organiser.csrf, "member-1": "x" * 201},
    )
    assert refused.status_code == 422
    assert "Họ và tên tối đa 200 ký tự" in refused.get_data(as_text=True)
    pdf = organiser.get(f"/api/conferences/{conference}/minutes.pdf").data
    flat = " ".join(
        subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True)
        .stdout.decode()
        .split()
    )
    assert "Số người vắng mặt 3 (có lý do: 2; chưa ghi lý do: 1)" in flat
    assert (
        f"Người vắng mặt: {away[0]['full_name']} (Đi công tác); {away[1]['full_name']} "
        f"(Họp Tỉnh ủy); {away[2]['full_name']} (chưa ghi lý do)." in flat
    )
    assert "(Trưởng Ban kiểm phiếu); họ và tên: Nguyễn Văn Kiểm" in flat
    # The step's title once: the test conference is titled as the step, without "Bước 4:".
    assert flat.count("Hội nghị tập thể lãnh đạo mở rộng") == 1
    for name in names[:members]:
        assert flat.count(name) == 2, name  # the committee list and under the box
    assert names[members] not in flat
    assert flat.count("(ký, ghi rõ họ tên)") == members
    pages = Path(site.folder) / "named"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-", str(pages)], input=pdf, check=True)
    rendered = sorted(Path(site.folder).glob("named-*.png"))
    assert rendered and rendered[0].stat().st_size > 5000
    SCREENSHOTS.mkdir(exist_ok=True)
    for index, png in enumerate(rendered, start=1):
        (SCREENSHOTS / f"minutes-named-{index}.png").write_bytes(png.read_bytes())
