"""The pages of the vote: the voter's page, the committee member's page, the organiser's
committee codes and abort, the head's page."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.integration.pages.conftest import PUBLIC_URL
from voting.crypto.cards import make_pool
from voting.store import Phase


def test_the_voter_page_sets_no_cookie(room: Any) -> None:
    """Does the voter's page, in either language, come without a Set-Cookie, uncached and
    with no referrer, and carry the ballot's names under the cryptography's ids?"""
    conference = room.conference(Phase.CHECKIN)
    client = room.client()
    for path in (f"/vote/{conference}", f"/vote/{conference}?lang=en", "/vote"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    page = client.get(f"/vote/{conference}").text
    assert "Nhập mã thẻ bỏ phiếu" in page and "Chưa mở bỏ phiếu — vui lòng chờ" in page
    found = re.search(r'id="ballot-labels">(.*?)</script>', page)
    assert found is not None
    labels = json.loads(found.group(1))
    assert [c["id"] for c in labels["sections"][0]["candidates"]] == ["s1c1", "s1c2"]
    assert labels["sections"][0]["candidates"][0]["full_name"] == "Đỗ Thị Dung"
    assert "Type your voting card" in client.get(f"/vote/{conference}?lang=en").text


def test_no_vote_open_is_said_plainly(room: Any) -> None:
    """Without a conference in check-in or voting, does /vote say there is no vote now?"""
    room.conference(Phase.SETUP)
    response = room.client().get("/vote")
    assert response.status_code == 404
    assert "Hiện không có cuộc bỏ phiếu nào" in response.text


def test_the_committee_page_is_public_and_not_cached(room: Any) -> None:
    """Does the member's page open for anyone (the token is in the fragment, checked by the
    API) without being cached or sent on as a referrer?"""
    conference = room.conference(Phase.CHECKIN)
    response = room.client().get(f"/committee/{conference}")
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Ban kiểm phiếu" in response.text and "dist/pages/committee-phone.js" in response.text


def test_the_committee_codes_survive_a_reload_and_are_issued_again_only_when_confirmed(
    room: Any,
) -> None:
    """Does the console issue a QR code per member (the token in the address's fragment, on
    the room address) by a post and a redirect, so that a reload shows the same codes and
    issues none — only the codes no phone has taken, only in this browser — and, once a member
    has joined, issue again only with the consequence confirmed?"""
    conference = room.conference(Phase.CHECKIN)
    organiser = room.client("organiser")
    page_path = f"/organiser/conferences/{conference}"
    path = f"{page_path}/committee/tokens"
    assert organiser.post(path).status_code == 403
    issued = room.post(organiser, path)
    assert issued.status_code == 302 and issued.headers["Location"] == page_path
    page = organiser.get(page_path).text
    addresses = re.findall(r'href="([^"]*/committee/[^"]*)"', page)
    assert len(addresses) == 3
    assert all(a.startswith(f"{PUBLIC_URL}/committee/{conference}#") for a in addresses)
    assert page.count("<svg") >= 3
    reloaded = organiser.get(page_path).text
    assert re.findall(r'href="([^"]*/committee/[^"]*)"', reloaded) == addresses
    assert not any(
        a.split("#")[1] in room.client("organiser").get(page_path).text for a in addresses
    )

    joined = room.app.test_client().post(
        f"/api/conferences/{conference}/committee/join", json={"token": addresses[0].split("#")[1]}
    )
    assert joined.status_code == 201
    left = re.findall(r'href="([^"]*/committee/[^"]*)"', organiser.get(page_path).text)
    assert left == addresses[1:]
    assert 'name="again"' in organiser.get(page_path).text
    unconfirmed = room.post(organiser, path)
    assert unconfirmed.status_code == 422 and "đánh dấu ô xác nhận" in unconfirmed.text
    assert re.findall(r'href="([^"]*/committee/[^"]*)"', organiser.get(page_path).text) == left
    assert room.post(organiser, path, again="yes").status_code == 302
    fresh = re.findall(r'href="([^"]*/committee/[^"]*)"', organiser.get(page_path).text)
    assert len(fresh) == 3 and not set(fresh) & set(addresses)


def test_the_organiser_aborts_with_a_reason(room: Any) -> None:
    """Does the abort form stop the vote and show the new phase?"""
    conference = room.conference(Phase.CHECKIN)
    organiser = room.client("organiser")
    response = room.post(
        organiser, f"/organiser/conferences/{conference}/abort", reason="Mất điện hội trường"
    )
    assert response.status_code == 302
    page = organiser.get(response.headers["Location"]).text
    assert "Đã dừng bỏ phiếu" in page


def test_the_organiser_records_a_card_out_after_an_undo(room: Any) -> None:
    """Does the console record, with its reason, a card shown to someone whose check-in was
    then undone — and refuse it without the CSRF field?"""
    conference = room.conference(Phase.CHECKIN)
    _, token = room.desk_link(conference)
    desk = {"Authorization": f"Device {token}"}
    api = f"/api/conferences/{conference}/cards"
    keys = list(make_pool(conference, 2).public_keys)
    assert (
        room.client().post(f"{api}/batches", json={"keys": keys}, headers=desk).status_code == 201
    )
    assert room.client().post(f"{api}/dealt", json={}, headers=desk).status_code == 200
    organiser = room.client("organiser")
    path = f"/organiser/conferences/{conference}/cards/undo"
    assert organiser.post(path, data={"reason": "Nhầm người"}).status_code == 403
    response = room.post(organiser, path, reason="Nhầm người")
    assert response.status_code == 302
    assert "Đã ghi nhận: thẻ đã phát" in organiser.get(response.headers["Location"]).text
    events = organiser.get(f"/api/conferences/{conference}/events").get_json()["events"]
    assert any(e["kind"] == "card.undone" and e["data"]["reason"] == "Nhầm người" for e in events)


def test_the_head_page_is_the_heads(room: Any) -> None:
    """Does the head's account see its page (nothing to decide yet), and is the organiser
    refused it?"""
    assert "Không có trường hợp nào cần quyết định." in room.client("head").get("/head/").text
    assert room.client("organiser").get("/head/").status_code == 403


def test_the_console_makes_a_practice_round(room: Any) -> None:
    """Does the console's button (with its CSRF field) copy the conference into a practice
    round with the same roster, and offer no practice round of a practice round?"""
    conference = room.conference(Phase.CHECKIN)
    organiser = room.client("organiser")
    path = f"/organiser/conferences/{conference}/practice"
    assert "Tạo cuộc bỏ phiếu thử" in organiser.get(f"/organiser/conferences/{conference}").text
    assert organiser.post(path).status_code == 403
    made = room.post(organiser, path)
    assert made.status_code == 302
    page = organiser.get(made.headers["Location"]).text
    assert "Đã tạo cuộc bỏ phiếu thử" in page and "Bỏ phiếu thử — " in page
    assert "Tạo cuộc bỏ phiếu thử" not in page
    practice_id = made.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert practice_id != conference
    assert len(room.attendee_ids(practice_id)) == len(room.attendee_ids(conference))


def test_a_phone_is_replaced_only_when_the_organiser_says_it_is_lost(room: Any) -> None:
    """Is "Thay điện thoại" refused without the box ticked (a misclick cuts nobody off), and
    with it, refused while the committee has no joint key yet?"""
    conference = room.conference(Phase.CHECKIN)
    organiser = room.client("organiser")
    path = f"/organiser/conferences/{conference}/committee/2/replace"
    unticked = room.post(organiser, path)
    assert unticked.status_code == 422
    assert "điện thoại của thành viên bị mất hoặc hỏng" in unticked.text
    early = room.post(organiser, path, lost="yes")
    assert early.status_code == 409 and "chưa tạo xong khóa chung" in early.text
