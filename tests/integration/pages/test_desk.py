"""The check-in desk page, opened only through a live desk link."""

from __future__ import annotations

from typing import Any

from tests.fixtures import committed
from voting.conference import devices
from voting.store import DeviceKind, Phase
from voting.web.extensions import db


def test_the_desk_opens_with_its_link_for_anyone_holding_it(room: Any) -> None:
    """Does a live desk link open the desk of its conference, with the token for the script
    and no referrer or caching of the address that holds it?"""
    conference = room.conference(Phase.CHECKIN)
    _, token = room.desk_link(conference)
    response = room.client().get(f"/desk/{token}")
    assert response.status_code == 200
    assert f'data-conference="{conference}"' in response.text
    assert f'data-token="{token}"' in response.text
    assert "Tìm theo tên (có dấu hoặc không dấu)" in response.text
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_revoked_link_is_refused(room: Any) -> None:
    """Is the desk page refused, in Vietnamese, once its link is revoked?"""
    conference = room.conference(Phase.CHECKIN)
    device, token = room.desk_link(conference)
    organiser = room.client("organiser")
    revoked = room.post(organiser, f"/organiser/conferences/{conference}/devices/{device}/revoke")
    assert revoked.status_code == 302
    response = room.client().get(f"/desk/{token}")
    assert response.status_code == 401
    assert "Liên kết thiết bị đã bị thu hồi" in response.text
    assert "data-token" not in response.text


def test_an_unknown_or_kiosk_link_is_no_desk(room: Any) -> None:
    """Is a made-up token, or a kiosk's link, refused at the desk?"""
    conference = room.conference(Phase.CHECKIN)
    _, kiosk = room.desk_link(conference, DeviceKind.KIOSK)
    for token in ("made-up", kiosk):
        response = room.client().get(f"/desk/{token}")
        assert response.status_code == 401
        assert "Liên kết thiết bị không hợp lệ." in response.text


def test_the_desk_says_when_check_in_is_closed(room: Any) -> None:
    """Does the desk show check-in closed outside the check-in phase (here, still set-up)?"""
    conference = room.conference()
    _, token = room.desk_link(conference)
    page = room.client().get(f"/desk/{token}").text
    assert "Đã đóng điểm danh: hội nghị đang ở giai đoạn “Chuẩn bị hội nghị”." in page
    assert 'id="closed" role="alert">' in page  # shown, not hidden


def test_the_desk_speaks_english_on_request(room: Any) -> None:
    """Does ?lang=en give the desk (and its script's strings) in English?"""
    conference = room.conference(Phase.CHECKIN)
    _, token = room.desk_link(conference)
    page = room.client().get(f"/desk/{token}?lang=en").text
    assert "Search by name (with or without diacritics)" in page
    assert '"desk.mark": "Present"' in page


def test_a_revoked_link_is_refused_in_english_too(room: Any) -> None:
    """Does the refusal follow the reader's language?"""
    conference = room.conference(Phase.CHECKIN)
    device, token = room.desk_link(conference)
    with committed(room.app):
        devices.revoke(db(), device, "user:van-phong")
    response = room.client().get(f"/desk/{token}?lang=en")
    assert "This device link has been revoked." in response.text
