"""The kiosk in a real browser (a tablet, plain http by a non-loopback name): two attendees vote
in turn, one typing the code on the keypad, one holding a printed card to a scanner (which
types the card's URL and Enter); nothing of the first is left for the second. A ballot whose
answer is lost on the way is sent again, the same, and counts once. A revoked kiosk stops;
an idle kiosk forgets what was typed. With the origin treated as secure, Chromium's fake
camera reads a printed card's QR code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import qrcode
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import CHROMIUM_ARGS, SCREENSHOTS, Server, assert_accessible
from tests.fixtures import Phones, Site
from voting.conference import casting
from voting.crypto.cards import ALPHABET, DIGITS, card_url, check_character
from voting.crypto.cards import code as code_of
from voting.web.demo import build
from voting.web.extensions import db
from voting.web.pages import kiosk as kiosk_page

TABLET = {"width": 800, "height": 1280}
PRESENT = 17  # the demo's quorum: 17 of 25


@dataclass
class Room:
    """A conference whose vote is open, its kiosk link, and the cards dealt (their secrets)."""

    conference: str
    kiosk: str
    kiosk_id: int
    secrets: list[bytes]
    undealt: list[bytes]
    organiser: Any
    site: Any

    def ballots(self) -> list[casting.PublishedBallot]:
        """The stored ballots (read from the database: the published list is the committee's
        alone while voting runs)."""
        with self.site.app.app_context():
            return casting.published(db(), self.conference)


@pytest.fixture
def room(server: Server) -> Room:
    """The demo conference: 17 checked in, the committee's ceremony run and 17 cards dealt
    in-process (the Python crypto, as the committee phones and the desk would), voting open."""
    conference = build(server.app).conference_id
    site = Site(server.app, Path(server.app.instance_path))
    organiser = site.api("organiser")
    base = f"/api/conferences/{conference}"
    assert organiser.post(f"{base}/phase", json={"to": "checkin"}).status_code == 200
    for attendee in site.attendee_ids(organiser, conference)[:PRESENT]:
        assert organiser.post(f"{base}/attendees/{attendee}/check-in").status_code == 200
    phones = Phones(site, organiser, conference)
    phones.prepare(PRESENT)
    assert organiser.post(f"{base}/phase", json={"to": "voting"}).status_code == 200
    kiosk = site.issue_device(organiser, conference, "kiosk")
    secrets = phones.pool.secrets
    return Room(
        conference,
        kiosk["token"],
        kiosk["id"],
        secrets[:PRESENT],
        secrets[PRESENT:],
        organiser,
        site,
    )


def kiosk(browser: Browser, server: Server, room: Room) -> Page:
    page = browser.new_page(viewport=TABLET)
    page.goto(f"{server.base}/kiosk/{room.kiosk}")
    expect(page.locator("[data-screen=code]")).to_be_visible()
    expect(page.locator("#kiosk-phase")).to_have_attribute("data-phase", "voting")
    return page


def vote_first_candidate(page: Page, lost: bool = False) -> str:
    """Mark the first candidate of each position, review, cast; the receipt. With `lost`, the
    kiosk first says the answer was lost and that it is sending the same ballot again."""
    while True:
        expect(page.locator("[data-screen=ballot]")).to_be_visible()
        page.locator("#candidates button").first.click()
        label = page.locator("#next").inner_text()
        page.locator("#next").click()
        if label == "Xem lại phiếu":
            break
    page.get_by_role("button", name="Gửi phiếu").click()
    if lost:
        expect(page.locator("#sending-failed")).to_be_visible()
        expect(page.locator("#sending-failed")).to_contain_text("gửi lại đúng lá phiếu này")
        page.screenshot(path=SCREENSHOTS / "kiosk-retrying.png", full_page=True)
    expect(page.locator("[data-screen=receipt]")).to_be_visible(timeout=30_000)
    receipt = page.locator("#vote").get_attribute("data-receipt")
    assert receipt is not None and len(receipt) == 64
    return receipt


def nothing_left(page: Page, receipt: str) -> None:
    """The kiosk shows its keypad again and holds nothing of the voter: not on the page, not in
    any storage, not in the history."""
    expect(page.locator("[data-screen=code]")).to_be_visible()
    expect(page.locator("#kiosk-code")).to_have_text("")
    html = page.content()
    assert receipt not in html and receipt[:16] not in html.replace(" ", "").lower()
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    assert page.evaluate("indexedDB.databases().then((found) => found.length)") == 0
    assert page.context.cookies() == []
    # No entry was added to the history: the kiosk replaces itself, never navigates onward.
    assert page.evaluate("history.length") == 2  # the blank tab, then the kiosk
    assert page.locator("#vote").get_attribute("data-receipt") is None


def test_two_attendees_vote_in_turn_and_the_second_learns_nothing(
    browser: Browser, server: Server, room: Room
) -> None:
    page = kiosk(browser, server, room)
    assert page.evaluate("window.isSecureContext") is False
    # The first attendee types the code the desk showed them on the keypad.
    first = code_of(room.secrets[0])
    for symbol in first:
        page.locator(f'#keypad [data-key="{symbol}"]').click()
    expect(page.locator("#kiosk-code")).to_have_text(
        "-".join(first[i : i + 4] for i in range(0, 27, 4))
    )
    page.screenshot(path=SCREENSHOTS / "kiosk-keypad.png", full_page=True)
    assert_accessible(page, "kiosk keypad")
    page.get_by_role("button", name="Tiếp tục").click()
    receipt = vote_first_candidate(page)
    page.screenshot(path=SCREENSHOTS / "kiosk-receipt.png", full_page=True)
    assert_accessible(page, "kiosk receipt")
    page.get_by_role("button", name="Xong — mời người tiếp theo").click()
    nothing_left(page, receipt)
    assert first not in page.content()

    # The second holds a printed card to the scanner: it types the card's URL, then Enter.
    url = card_url(f"{server.base}/vote/{room.conference}", room.secrets[1])
    page.keyboard.type(url, delay=5)
    page.keyboard.press("Enter")
    second = vote_first_candidate(page)
    assert second != receipt
    page.get_by_role("button", name="Xong — mời người tiếp theo").click()
    nothing_left(page, second)
    assert sorted(b.hash for b in room.ballots()) == sorted([receipt, second])
    # Back leads out of the kiosk to the blank tab; forward gives a fresh kiosk.
    page.go_back()
    assert page.url == "about:blank"
    page.go_forward()
    nothing_left(page, second)
    page.close()


@pytest.mark.parametrize("closed_meanwhile", [False, True])
def test_a_lost_answer_is_sent_again_and_counts_once(
    browser: Browser, server: Server, room: Room, closed_meanwhile: bool
) -> None:
    """The server stores the ballot but the tablet never hears back: the kiosk sends the same
    ballot again, and shows the receipt though the server answers "card used" — or "voting
    closed", when the organiser closed the vote before the retry."""
    page = kiosk(browser, server, room)
    lost: list[bool] = []

    def lose_the_first_answer(route: Route) -> None:
        if route.request.method == "POST" and not lost:
            # The server stores the ballot (Playwright's own client resolves no voting.test)…
            route.fetch(url=route.request.url.replace("voting.test", "127.0.0.1"))
            lost.append(True)
            if closed_meanwhile:
                closing = room.organiser.post(
                    f"/api/conferences/{room.conference}/phase", json={"to": "closed"}
                )
                assert closing.status_code == 200
            route.abort("connectionreset")  # …but the tablet never hears back
            return
        route.continue_()

    page.route(f"**/api/conferences/{room.conference}/ballots", lose_the_first_answer)
    page.keyboard.type(code_of(room.secrets[2]))
    page.keyboard.press("Enter")
    receipt = vote_first_candidate(page, lost=True)
    assert lost == [True]
    assert [b.hash for b in room.ballots()] == [receipt]
    page.close()


def test_a_revoked_kiosk_takes_no_further_voter(
    browser: Browser, server: Server, room: Room
) -> None:
    """Revoked while its keypad is showing, the kiosk refuses the next attendee's code: it
    reloads into the refusal, with no keypad and no ballot."""
    page = kiosk(browser, server, room)
    assert room.organiser.delete(f"/api/devices/{room.kiosk_id}").status_code == 200
    page.keyboard.type(code_of(room.secrets[3]))
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_contain_text("thu hồi")
    expect(page.locator("#keypad")).to_have_count(0)
    page.screenshot(path=SCREENSHOTS / "kiosk-revoked.png", full_page=True)
    assert page.evaluate("history.length") == 2
    assert room.ballots() == []
    page.close()


def test_an_idle_kiosk_forgets_what_was_typed_and_the_language(
    browser: Browser, server: Server, room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A voter reads the kiosk in English, types half a code and walks away: the kiosk clears
    itself, in Vietnamese again, with no history entry added."""
    monkeypatch.setattr(kiosk_page, "IDLE_SECONDS", 2)
    page = kiosk(browser, server, room)
    page.get_by_role("link", name="English").click()
    heading = page.locator("[data-screen=code] h1")
    expect(heading).to_have_text("Enter your voting card's code")
    page.keyboard.type(code_of(room.secrets[3])[:8])
    expect(page.locator("#kiosk-code")).not_to_have_text("")
    expect(heading).to_have_text("Mời nhập mã thẻ bỏ phiếu", timeout=10_000)
    expect(page.locator("#kiosk-code")).to_have_text("")
    assert page.evaluate("history.length") == 2
    page.close()


def y4m_of_qr(text: str, path: Path) -> None:
    """A still video (Y4M, 4:2:0) of the QR code of `text`, which Chromium's fake camera plays."""
    matrix = qrcode.QRCode(border=4, box_size=1)
    matrix.add_data(text)
    cells = matrix.get_matrix()
    scale = 640 // len(cells)
    side = scale * len(cells)
    luma = bytearray()
    for row in cells:
        line = b"".join((b"\x00" if dark else b"\xff") * scale for dark in row)
        luma += line * scale
    chroma = bytes([128]) * ((side // 2) * (side // 2))
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    header = f"YUV4MPEG2 W{side} H{side} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * 10)


@pytest.fixture
def camera_browser(
    browser: Browser, server: Server, tmp_path: Path, room: Room
) -> Iterator[Browser]:
    """Chromium whose camera plays a printed card's QR code, with the room's http origin
    treated as secure (the kiosk browser's setting docs/kiosk.md describes)."""
    video = tmp_path / "card.y4m"
    y4m_of_qr(card_url(f"{server.base}/vote/{room.conference}", room.secrets[4]), video)
    chromium = browser.browser_type.launch(
        executable_path="/usr/bin/chromium",
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
            f"--unsafely-treat-insecure-origin-as-secure={server.base}",
        ],
    )
    yield chromium
    chromium.close()


def test_the_camera_reads_a_printed_card_where_the_origin_is_secure(
    camera_browser: Browser, server: Server, room: Room
) -> None:
    page = kiosk(camera_browser, server, room)
    assert page.evaluate("window.isSecureContext") is True
    page.get_by_role("button", name="Quét mã QR bằng camera").click()
    receipt = vote_first_candidate(page)
    assert [b.hash for b in room.ballots()] == [receipt]
    page.close()


def test_no_camera_without_a_secure_context_and_the_phase_live(
    browser: Browser, server: Server, room: Room
) -> None:
    page = kiosk(browser, server, room)
    expect(page.locator("#camera")).to_be_hidden()
    # The phase is live: the organiser closes the vote, the kiosk says so at once.
    r = room.organiser.post(f"/api/conferences/{room.conference}/phase", json={"to": "closed"})
    assert r.status_code == 200
    expect(page.locator("#kiosk-phase")).to_have_attribute("data-phase", "closed")
    expect(page.locator("#kiosk-phase")).to_have_text("Đã kết thúc bỏ phiếu")
    page.close()


def passes_check(text: str) -> bool:
    """Whether a 27-character code's check character matches: a typo the check misses is no typo."""
    return check_character(text[:DIGITS]) == text[DIGITS]


def swap_at(text: str, at: int) -> str:
    """`text` with the characters at `at` and `at + 1` swapped."""
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def test_a_mistyped_code_names_the_group_to_compare(
    browser: Browser, server: Server, room: Room
) -> None:
    """One wrong character, or two swapped, is placed by the conference's card list: the kiosk
    names the group to compare with the card; a code two typos away is only said mistyped."""
    card = code_of(room.secrets[4])
    page = kiosk(browser, server, room)
    error = page.locator("#code-error")

    def enter(typed: str) -> None:
        page.get_by_role("button", name="Xóa hết").click()
        page.keyboard.type(typed)
        page.keyboard.press("Enter")

    wrong = card[:9] + ("A" if card[9] != "A" else "B") + card[10:]
    enter(wrong)
    expect(error).to_contain_text("Ký tự thứ 9–12 có vẻ sai")
    # The group is marked in the code on screen too, until the voter types again.
    expect(page.locator("#kiosk-code mark.suspect")).to_have_text(wrong[8:12])
    page.screenshot(path=SCREENSHOTS / "kiosk-typo-placed.png", full_page=True)
    assert_accessible(page, "kiosk typo placed")
    # Luhn mod 32 misses a few swaps, and one second typo in 32 cancels the first: the codes
    # below are chosen to fail the check, as the typos they stand for do.
    edge = next(i for i in (3, 7, 11, 15, 19) if not passes_check(swap_at(card, i)))
    page.keyboard.press("Backspace")
    expect(page.locator("#kiosk-code mark")).to_have_count(0)
    swapped = swap_at(card, edge)
    enter(swapped)
    expect(error).to_contain_text(f"Ký tự thứ {edge - 2}–{edge + 5} có vẻ sai")
    expect(page.locator("#kiosk-code mark.suspect")).to_have_text(
        [swapped[edge - 3 : edge + 1], swapped[edge + 1 : edge + 5]]
    )
    twice = next(
        candidate
        for symbol in ALPHABET
        if symbol != wrong[20] and not passes_check(candidate := wrong[:20] + symbol + wrong[21:])
    )
    enter(twice)
    expect(error).to_contain_text("hãy so lại từng nhóm 4 ký tự")
    expect(page.locator("#kiosk-code mark")).to_have_count(0)
    expect(page.locator("[data-screen=code]")).to_be_visible()
    page.goto(f"{server.base}/kiosk/{room.kiosk}?lang=en")
    page.keyboard.type(wrong)
    page.keyboard.press("Enter")
    expect(error).to_contain_text("Characters 9–12 look wrong")
    page.close()
    # The phone's page places a typed code's typo the same way, with its hyphens and lower case.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{server.base}/vote/{room.conference}")
    phone.get_by_label("Mã thẻ").fill("-".join(wrong[i : i + 4] for i in range(0, 27, 4)).lower())
    phone.get_by_label("Mã thẻ").press("Enter")
    expect(phone.locator("#code-error")).to_contain_text("Ký tự thứ 9–12 có vẻ sai")
    phone.screenshot(path=SCREENSHOTS / "voter-typo-placed.png", full_page=True)
    phone.close()
    assert room.ballots() == []


def test_a_voided_or_foreign_card_is_refused_as_it_opens(
    browser: Browser, server: Server, room: Room
) -> None:
    """A card never dealt (voided at the opening) or of no card list of this conference is
    refused as soon as it is presented — on the kiosk and on a phone — before any ballot shows."""
    voided = room.site.app.test_client().get(f"/api/conferences/{room.conference}/cards/keys")
    assert len(voided.json["voided"]) == 2
    undealt = code_of(room.undealt[0])
    for presented, said in (
        (undealt, "Thẻ này đã bị hủy — hãy đến bàn điểm danh."),
        (code_of(bytes(range(16))), "Thẻ không thuộc hội nghị này"),
    ):
        page = kiosk(browser, server, room)
        page.keyboard.type(presented)
        page.keyboard.press("Enter")
        expect(page.locator("#refused-text")).to_have_text(said)
        expect(page.locator("[data-screen=ballot]")).to_be_hidden()
        page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{server.base}/vote/{room.conference}#{undealt}")
    expect(phone.locator("#refused-text")).to_have_text(
        "Thẻ này đã bị hủy — hãy đến bàn điểm danh."
    )
    expect(phone.locator("[data-screen=ballot]")).to_be_hidden()
    phone.screenshot(path=SCREENSHOTS / "voter-card-voided.png", full_page=True)
    phone.close()
    assert room.ballots() == []
