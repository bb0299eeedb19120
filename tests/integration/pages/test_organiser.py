"""The organiser's console: who may open it, and each set-up form — CSRF, the domain's
refusals shown on the page (row by row for a file), and the live state pushed after a phase
change."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.integration.pages.conftest import AGENCY, csrf_of, texts
from voting.conference import registry, roster
from voting.crypto.installation import load_or_create
from voting.store import Phase
from voting.tally.record import key_fingerprint
from voting.web.extensions import db, socketio


def page_of(conference: str) -> str:
    return f"/organiser/conferences/{conference}"


@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), ("leadership", 403), ("head", 403), ("organiser", 200)]
)
def test_only_the_organiser_opens_the_console(room: Any, role: str | None, status: int) -> None:
    """Is the console the organiser's alone (others refused, visitors sent to log in)?"""
    conference = room.conference()
    client = room.client(role)
    for path in ("/organiser/", page_of(conference)):
        assert client.get(path).status_code == status, path


def test_a_refusal_is_a_page_in_the_readers_language(room: Any) -> None:
    """Is a refused page HTML in Vietnamese (English with ?lang=en), not the API's JSON?"""
    client = room.client("leadership")
    response = client.get("/organiser/")
    assert response.mimetype == "text/html"
    assert "không được phép" in response.text
    assert "may not" in client.get("/organiser/?lang=en").text
    assert room.client("organiser").get(page_of("0" * 32)).status_code == 404


def test_the_conference_page_shows_roster_ballot_and_quorum(room: Any) -> None:
    """Does the page show the step, the 16 drawn, the ballot in the editor and the 2/3 gauge?"""
    conference = room.conference()
    page = room.client("organiser").get(page_of(conference)).text
    assert "Bước 4: Hội nghị tập thể lãnh đạo mở rộng" in page
    assert "Danh sách người được triệu tập (16)" in page
    assert "Đỗ Thị Dung; Trưởng phòng; Văn phòng Sở" in page
    assert "Phiếu giới thiệu quy hoạch" in page
    assert "Chưa đủ 2/3 số người được triệu tập" in page
    assert texts(room.client("organiser").get(page_of(conference)), "value") == ["16", "0"]


def test_forms_without_the_csrf_token_change_nothing(room: Any) -> None:
    """Is every form post refused without the session's token, and accepted with it?"""
    conference = room.conference()
    client = room.client("organiser")
    first = room.attendee_ids(conference)[0]
    posts = [
        (f"{page_of(conference)}/draw", {}),
        (f"{page_of(conference)}/attendees", {"full_name": "Lê Văn Khách"}),
        (f"{page_of(conference)}/attendees/{first}/remove", {}),
        (f"{page_of(conference)}/phase", {"to": "checkin"}),
        (f"{page_of(conference)}/devices", {"label": "Bàn 2"}),
        (f"{page_of(conference)}/details", {"title": "x"}),
        (f"{page_of(conference)}/ballot", {"position": "x"}),
        (f"{page_of(conference)}/externals", {}),
        ("/organiser/conferences", {"title": "x"}),
        ("/organiser/people", {}),
    ]
    for path, data in posts:
        assert client.post(path, data=data).status_code == 403, path
        assert client.post(path, data={**data, "csrf_token": "wrong"}).status_code == 403
    assert len(room.attendee_ids(conference)) == 16
    response = room.post(client, f"{page_of(conference)}/attendees", full_name="Lê Văn Khách")
    assert response.status_code == 302
    assert len(room.attendee_ids(conference)) == 17


def test_create_a_conference_from_a_step(room: Any) -> None:
    """Does the form make a conference of the chosen step with committee 3 and threshold 2?"""
    client = room.client("organiser")
    response = room.post(
        client,
        "/organiser/conferences",
        step="annual_review:1",
        tier="agency",
        title="Rà soát quy hoạch 2026",
        held_on="2026-11-25",
        place="Phòng họp số 1",
        committee_size="3",
        committee_threshold="2",
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Rà soát quy hoạch 2026" in page
    assert "Phiếu đưa ra khỏi quy hoạch" in page
    assert "Ban kiểm phiếu: 2/3" in page


def test_a_bad_conference_form_is_shown_again_with_the_reason(room: Any) -> None:
    """Is an empty title refused on the console page itself, nothing created?"""
    client = room.client("organiser")
    response = room.post(
        client,
        "/organiser/conferences",
        step="next_term:4",
        tier="agency",
        title=" ",
        held_on="2026-11-25",
        place="P",
    )
    assert response.status_code == 422
    assert "Tên hội nghị phải có từ 1 đến 300 ký tự." in response.text
    assert "Chưa có hội nghị nào." in response.text


def test_a_conference_form_of_the_wrong_type_is_refused_by_the_models_words(room: Any) -> None:
    """Is a committee size that is not a number refused on the page with the words the API
    uses for the same field (the form is read by the API's model), nothing created?"""
    client = room.client("organiser")
    response = room.post(
        client,
        "/organiser/conferences",
        step="next_term:4",
        tier="agency",
        title="Hội nghị",
        held_on="2026-11-25",
        place="P",
        committee_size="ba",
    )
    assert response.status_code == 422
    assert "Trường “committee_size” phải là số nguyên." in response.text
    assert "Chưa có hội nghị nào." in response.text


def test_a_bad_people_file_is_reported_row_by_row_and_nothing_imported(
    room: Any, tmp_path: Any
) -> None:
    """Does a file with bad rows list each of them and leave the registry empty?"""
    lines = AGENCY.read_text("utf-8").splitlines()
    bad = [lines[0], lines[1].replace(",M,", ",X,"), lines[2].replace("1969-11-26", "ngày")]
    path = tmp_path / "people.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    client = room.client("organiser")
    with path.open("rb") as file:
        response = client.post(
            "/organiser/people", data={"csrf_token": csrf_of(client), "file": (file, "people.csv")}
        )
    assert response.status_code == 422
    assert "Chi tiết lỗi" in response.text
    assert re.search(r"Dòng 2\b", response.text) and re.search(r"Dòng 3\b", response.text)
    with room.app.app_context():
        assert registry.every(db()) == []


def test_draw_import_and_ballot_through_the_forms(room: Any) -> None:
    """Do the draw and ballot forms store what the organiser typed (quota K defaulting)?"""
    conference = room.conference()
    client = room.client("organiser")
    assert room.post(client, f"{page_of(conference)}/draw").status_code == 302
    response = room.post(
        client,
        f"{page_of(conference)}/ballot",
        position=["Giám đốc Sở", ""],
        quota=["", ""],
        candidates=[
            "Mai Hữu Huy; Giám đốc; Ban Giám đốc\nTô Văn Đạt; Phó Giám đốc; Ban Giám đốc",
            "",
        ],
    )
    assert response.status_code == 302
    page = client.get(page_of(conference)).text
    assert "Đã lưu phiếu." in page
    assert 'value="Giám đốc Sở"' in page
    assert 'name="quota" type="number" min="1" value="2"' in page


def test_a_bad_ballot_keeps_what_was_typed_and_lists_each_fault(room: Any) -> None:
    """Is a ballot with a two-field line and a bad quota refused, the typing kept?"""
    conference = room.conference()
    client = room.client("organiser")
    response = room.post(
        client,
        f"{page_of(conference)}/ballot",
        position=["Phó Giám đốc Sở"],
        quota=["nhiều"],
        candidates=["Đỗ Thị Dung; Trưởng phòng"],
    )
    assert response.status_code == 422
    assert "Chức danh 1, dòng 1: cần đủ ba mục" in response.text
    assert "Chức danh 1: số người tối đa phải là số nguyên." in response.text
    assert "Đỗ Thị Dung; Trưởng phòng</textarea>" in response.text


def test_opening_check_in_pushes_the_state_to_the_room(room: Any) -> None:
    """Does the phase button move the conference and tell the projector at once?"""
    conference = room.conference()
    projector = socketio.test_client(room.app, namespace="/room")
    projector.emit("join", {"conference": conference}, namespace="/room", callback=True)
    projector.get_received("/room")
    client = room.client("organiser")
    response = room.post(client, f"{page_of(conference)}/phase", to="checkin")
    assert response.status_code == 302
    [state] = [m["args"][0] for m in projector.get_received("/room") if m["name"] == "state"]
    assert state["phase"] == "checkin"
    page = client.get(page_of(conference)).text
    assert "Đã chuyển sang: Điểm danh" in page
    assert "Mở bỏ phiếu (đóng điểm danh)" in page
    projector.disconnect(namespace="/room")


def test_a_refused_phase_move_says_why(room: Any) -> None:
    """Is opening voting without quorum refused on the page with what is missing?"""
    conference = room.conference(Phase.CHECKIN)
    response = room.post(room.client("organiser"), f"{page_of(conference)}/phase", to="voting")
    assert response.status_code == 409
    assert "Chưa đủ 2/3 số người được triệu tập: cần thêm 11 người." in response.text


def test_ending_the_vote_needs_its_confirmation(room: Any) -> None:
    """Is "Kết thúc bỏ phiếu" refused, changing nothing, unless its box is ticked (it cannot be
    undone), and the box offered only with that move?"""
    conference = room.conference(Phase.CHECKIN)
    client = room.client("organiser")
    refused = room.post(client, f"{page_of(conference)}/phase", to="closed")
    assert refused.status_code == 422 and "ô xác nhận kết thúc bỏ phiếu" in refused.text
    assert 'name="confirm"' not in client.get(page_of(conference)).text  # no close in check-in
    ticked = room.post(client, f"{page_of(conference)}/phase", to="closed", confirm="yes")
    assert ticked.status_code == 409  # past the confirmation: the domain's own guard speaks


def test_issue_and_revoke_a_desk_link(room: Any) -> None:
    """Is a new desk link shown once with its QR code, and does revoking it lock the desk out?"""
    conference = room.conference()
    client = room.client("organiser")
    response = room.post(client, f"{page_of(conference)}/devices", label="Bàn điểm danh 1")
    assert response.status_code == 200
    link = re.search(r'id="new-desk-link" href="([^"]+)"', response.text)
    assert link and link[1].startswith("http://voting.test:8000/desk/")
    assert "<svg" in response.text
    desk = link[1].removeprefix("http://voting.test:8000")
    assert room.client().get(desk).status_code == 200
    assert link[1] not in client.get(page_of(conference)).text  # shown once only
    device = re.search(r"/devices/(\d+)/revoke", response.text)
    assert device
    revoked = room.post(client, f"{page_of(conference)}/devices/{device[1]}/revoke")
    assert revoked.status_code == 302
    assert room.client().get(desk).status_code == 401


def test_another_conferences_link_cannot_be_revoked_from_here(room: Any) -> None:
    """Can the revoke form of one conference reach a link of another? (No.)"""
    first, second = room.conference(), room.conference(title="Hội nghị khác")
    device, token = room.desk_link(second)
    client = room.client("organiser")
    response = room.post(client, f"{page_of(first)}/devices/{device}/revoke")
    assert response.status_code == 404
    assert "Không tìm thấy thiết bị." in response.text
    assert room.post(client, f"{page_of('0' * 32)}/draw").status_code == 404
    assert room.client().get(f"/desk/{token}").status_code == 200


def test_the_attendance_list_shows_who_was_present(room: Any) -> None:
    """Does the printable list mark present and absent attendees with the totals?"""
    conference = room.conference(Phase.CHECKIN)
    first = room.attendee_ids(conference)[0]
    _, token = room.desk_link(conference)
    checked = room.app.test_client().post(
        f"/api/conferences/{conference}/attendees/{first}/check-in",
        headers={"Authorization": f"Device {token}"},
    )
    assert checked.status_code == 200
    for role in ("organiser", "leadership"):
        response = room.client(role).get(f"{page_of(conference)}/attendance")
        assert response.status_code == 200
        assert "Danh sách điểm danh" in response.text
        assert response.text.count('<tr class="present"') == 1
        assert response.text.count('<tr class="absent"') == 15
    assert room.client().get(f"{page_of(conference)}/attendance").status_code == 302
    with room.app.app_context():
        assert roster.attendees(db(), conference)[0].present
        moment = roster.attendees(db(), conference)[0].checked_in_at
    assert moment is not None
    shown = moment.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M")
    assert f"<td>{shown}</td>" in response.text  # the room's time, not UTC


def test_edit_the_details_in_set_up_only(room: Any) -> None:
    """Can the organiser change title, place and committee during set-up, and not after?"""
    conference = room.conference()
    client = room.client("organiser")
    details = {
        "title": "Hội nghị đã sửa tên",
        "held_on": "2026-12-01",
        "place": "Phòng họp số 2",
        "committee_size": "5",
        "committee_threshold": "3",
    }
    response = room.post(client, f"{page_of(conference)}/details", **details)
    assert response.status_code == 302
    page = client.get(page_of(conference)).text
    assert "Hội nghị đã sửa tên" in page and "01/12/2026" in page and "Ban kiểm phiếu: 3/5" in page
    room.post(client, f"{page_of(conference)}/phase", to="checkin")
    refused = room.post(client, f"{page_of(conference)}/details", **details | {"title": "Khác"})
    assert refused.status_code == 409
    assert "chỉ làm được ở giai đoạn “Chuẩn bị hội nghị”" in refused.text


def test_a_bad_externals_file_is_refused_whole(room: Any, tmp_path: Any) -> None:
    """Is an external list with a missing name refused row by row, nothing added?"""
    conference = room.conference()
    path = tmp_path / "externals.csv"
    path.write_text("id,full_name,post,unit\nNG01,,Chủ tịch,Công đoàn\n", encoding="utf-8")
    client = room.client("organiser")
    with path.open("rb") as file:
        response = client.post(
            f"{page_of(conference)}/externals",
            data={"csrf_token": csrf_of(client), "file": (file, "externals.csv")},
        )
    assert response.status_code == 422
    assert "Dòng 2, cột “full_name”: chưa điền (bắt buộc)." in response.text
    assert len(room.attendee_ids(conference)) == 16


def test_every_page_shows_the_installation_key_fingerprint(room: Any) -> None:
    """Is the fingerprint of the key that signs the records on the pages people compare it
    with, the printed attendance list included?"""
    expected = key_fingerprint(load_or_create(room.app.instance_path).public_hex)
    conference = room.conference(Phase.CHECKIN)
    pages = {
        None: ["/", "/login", f"/projector/{conference}", f"/vote/{conference}"],
        "organiser": [page_of(conference), f"{page_of(conference)}/attendance"],
    }
    for role, paths in pages.items():
        client = room.client(role)
        for path in paths:
            text = client.get(path).text
            assert f"Dấu khóa hệ thống (ký biên bản, hồ sơ): {expected}" in text, path
