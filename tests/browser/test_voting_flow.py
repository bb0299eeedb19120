"""The vote itself, in a real browser over plain http by a non-loopback name: three committee
phones run the key ceremony, the desk deals cards after each check-in, voters' phones vote (by
the QR's address and by the typed code), the projector follows, two committee phones open the
box — and at a sealed step the projector never shows a count."""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from voting import sample
from voting.crypto.ballot import BallotContext, BallotDefinition, build_ballot
from voting.crypto.cards import Card
from voting.crypto.cards import code as code_of
from voting.crypto.group import Point

AGENCY = sample.FOLDER / "sample-agency.csv"
CANDIDATES = ("Đỗ Thị Dung", "Hoàng Ngọc Long", "Mai Hữu Huy")


def set_up(page: Page, server: Server, step: int) -> tuple[str, int]:
    """Log in, import the agency, create a conference of `step` of building the next-term
    planning, draw the roster, set a ballot of three candidates of whom at most two may be
    marked, open check-in; the conference's page and how many are convened."""
    page.goto(f"{server.base}/organiser/")
    page.get_by_label("Tên đăng nhập").fill(USERNAME)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator("form[action$='/people'] input[type=file]").set_input_files(AGENCY)
    page.locator("form[action$='/people'] button").click()
    expect(page.locator(".notice")).to_contain_text("Đã nhập 56 người")
    page.get_by_label("Tên hội nghị").fill("Hội nghị tập thể lãnh đạo mở rộng")
    page.get_by_label("Địa điểm").fill("Hội trường tầng 3, Sở Công Thương")
    page.locator("select[name=step]").select_option(f"next_term:{step}")
    page.get_by_role("button", name="Lập hội nghị").click()
    page.get_by_role("button", name="Lập danh sách theo thành phần hội nghị").click()
    drawn = re.search(r"(\d+) người", page.locator(".notice").inner_text())
    assert drawn is not None
    section = page.locator("fieldset.section").first
    section.get_by_label("Chức danh").fill("Phó Giám đốc Sở")
    section.get_by_label("Chọn tối đa K người").fill("2")
    section.get_by_label("Danh sách (mỗi dòng một người)").fill(
        "\n".join(f"{name}; Trưởng phòng; Sở Công Thương" for name in CANDIDATES)
    )
    page.get_by_role("button", name="Lưu phiếu").click()
    expect(page.locator(".notice")).to_contain_text("Đã lưu phiếu")
    page.get_by_role("button", name="Mở điểm danh").click()
    expect(page.locator(".notice")).to_contain_text("Đã chuyển sang: Điểm danh")
    return page.url, int(drawn.group(1))


def committee_ceremony(organiser: Page, phones: list[Page]) -> list[Path]:
    """The organiser shows one QR per member; each phone opens its address, runs its part,
    downloads its backup and confirms it; each ends with its key in the joint key. The
    backup files, in member order."""
    organiser.get_by_role("button", name="Cấp mã QR cho Ban kiểm phiếu").click()
    addresses = organiser.locator(".committee-tokens a")
    expect(addresses).to_have_count(len(phones))
    shown = [a.get_attribute("href") for a in addresses.all()]
    organiser.reload()  # F5 shows the same codes: nothing is issued again
    expect(addresses).to_have_count(len(phones))
    assert [a.get_attribute("href") for a in addresses.all()] == shown
    organiser.screenshot(path=SCREENSHOTS / "organiser-committee-qr.png", full_page=True)
    for phone, address in zip(phones, addresses.all(), strict=True):
        href = address.get_attribute("href")
        assert href is not None and "#" in href
        phone.goto(href)
    # The console follows the ceremony live: every phone has joined.
    for member in range(1, len(phones) + 1):
        expect(
            organiser.locator(f"table.ceremony tr[data-member='{member}'] td").nth(1)
        ).to_have_text("✓")
    backups = []
    for phone in phones:
        saved = phone.get_by_role("button", name="Tôi đã lưu tệp — xác nhận")
        with phone.expect_download() as download:
            phone.get_by_role("button", name="Tải tệp bản sao khóa").click()
        assert download.value.suggested_filename.endswith(".json")
        backups.append(download.value.path())
        saved.click()
        assert "#" not in phone.url  # the token left the address bar at once
    for phone in phones:
        expect(phone.locator("#committee")).to_have_attribute("data-in-joint", "true")
        expect(phone.locator("#in-joint")).to_have_text("✓ Khóa của bạn nằm trong khóa chung")
    return backups


def cast_blank(server: Server, conference: str, code: str) -> None:
    """A voter who marks nothing casts through the API (the voter page is tested above): a
    phone opens no list far smaller than the room, so the rest of the room votes too."""
    client = server.app.test_client()
    body = client.get(f"/api/conferences/{conference}/opening").json
    assert body is not None
    context = BallotContext(
        conference,
        body["fingerprint"],
        BallotDefinition.from_dict(body["definition"]),
        Point.decode(bytes.fromhex(body["joint_key"])),
    )
    ballot = build_ballot(context, Card.from_code(conference, code), {})
    response = client.post(f"/api/conferences/{conference}/ballots", json=ballot.to_dict())
    assert response.status_code == 201, response.json


def deal_after_check_in(desk: Page) -> tuple[str, str]:
    """Check the next attendee in; the desk shows a card: its address and its typed code."""
    desk.get_by_role("searchbox").fill("")
    desk.locator(".person:not(.present) .mark").first.click()
    return take_card(desk)


def take_card(desk: Page) -> tuple[str, str]:
    """Read the card on screen (QR drawn, code large) and close it."""
    card = desk.locator("#card")
    expect(card).to_be_visible()
    expect(card.locator("#card-qr svg")).to_be_visible()
    url = card.get_attribute("data-url")
    code = desk.locator("#card-code").inner_text()
    assert url is not None and "#" in url and len(code) == 27 + 6
    desk.get_by_role("button", name="Xong — đóng thẻ").click()
    expect(card).to_be_hidden()
    return url, code


def vote(voter: Page, marks: tuple[str, ...], shot: str = "", lost: bool = False) -> str:
    """Fill the ballot (it is open), review, cast; the receipt shown. With `lost`, the server
    stores the ballot but the phone never hears back: the phone says the ballot may or may
    not have arrived, the voter taps "Gửi lại", and the same ballot gets its receipt."""
    answers_lost: list[bool] = []

    def lose_the_first_answer(route: Route) -> None:
        if route.request.method == "POST" and lost and not answers_lost:
            # The server stores the ballot (Playwright's own client resolves no voting.test)…
            route.fetch(url=route.request.url.replace("voting.test", "127.0.0.1"))
            answers_lost.append(True)
            route.abort("connectionreset")  # …but the phone never hears back
            return
        route.continue_()

    if lost:
        voter.route("**/api/conferences/*/ballots", lose_the_first_answer)
    ballot = voter.locator("[data-screen=ballot]")
    expect(ballot).to_be_visible()
    for name in marks:
        ballot.get_by_role("checkbox", name=name).click()
    if shot:
        voter.screenshot(path=SCREENSHOTS / shot, full_page=True)
        assert_accessible(voter, "ballot")
    voter.get_by_role("button", name="Xem lại phiếu").click()
    for name in marks:
        expect(voter.locator("#review")).to_contain_text(name)
    voter.get_by_role("button", name="Gửi phiếu").click()
    if lost:
        failed = voter.locator("#sending-failed")
        expect(failed).to_contain_text("phiếu có thể đã được nhận hoặc chưa")
        assert "Phiếu chưa được nhận" not in voter.content()
        voter.get_by_role("button", name="Gửi lại").click()
        assert answers_lost == [True]
    expect(voter.locator("[data-screen=receipt]")).to_be_visible(timeout=20_000)
    receipt = voter.locator("#vote").get_attribute("data-receipt")
    assert receipt is not None and len(receipt) == 64
    expect(voter.locator("#receipt")).to_have_text(
        " ".join(receipt[i : i + 4].upper() for i in range(0, 16, 4))
    )
    return receipt


def phone(browser: Browser) -> BrowserContext:
    """A phone of its own (storage, IndexedDB, cookies), 390 × 844 with touch."""
    return browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )


def phone_page(context: BrowserContext, errors: list[str], name: str) -> Page:
    """A page on `context` whose script errors are collected."""
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{name}: {error}"))
    return page


@dataclass
class Held:
    """A conference held up to the opening of its box, and the devices that held it."""

    conference_page: str
    organiser: Page
    projector: Page
    members: list[Page]
    projector_traffic: list[str]


@pytest.fixture
def opened(browser: Browser) -> Iterator[list[BrowserContext]]:
    """The browser contexts a test opens, closed afterwards whatever happened (a left-over
    phone keeps polling and slows the next test down)."""
    contexts: list[BrowserContext] = []
    yield contexts
    for context in contexts:
        context.close()


def hold_conference(
    browser: Browser, server: Server, step: int, errors: list[str], opened: list[BrowserContext]
) -> Held:
    """Ceremony, dealing, voting (by QR and by typed code), closing, and two of the three
    members opening the box — checking on the way what each screen must show."""
    organiser = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.append(organiser.context)
    organiser.on("pageerror", lambda error: errors.append(f"organiser: {error}"))
    conference_page, convened = set_up(organiser, server, step)
    conference = conference_page.rsplit("/", 1)[1]
    # The sealed run checks in just the quorum, the final run everyone convened.
    present = math.ceil(2 * convened / 3) if step == 4 else convened
    pool = convened + max(5, math.ceil(convened / 5))

    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    opened.append(projector.context)
    projector.on("pageerror", lambda error: errors.append(f"projector: {error}"))
    # Everything the projector receives: Socket.IO frames and the answers to its requests.
    traffic: list[str] = []
    projector.on(
        "websocket",
        lambda socket: socket.on("framereceived", lambda frame: traffic.append(str(frame))),
    )
    projector.on("response", lambda response: traffic.append(response.url))
    projector.goto(f"{server.base}/projector/{conference}")
    reference = projector.locator("#reference")

    contexts = [phone(browser) for _ in range(3)]
    opened.extend(contexts)
    members = [phone_page(c, errors, f"member {i + 1}") for i, c in enumerate(contexts)]
    committee_ceremony(organiser, members)
    assert members[0].evaluate("window.isSecureContext") is False
    members[0].screenshot(path=SCREENSHOTS / f"committee-ceremony-done-{step}.png", full_page=True)
    assert_accessible(members[0], "committee phone")
    joint = members[0].locator("#joint-fingerprint").inner_text()
    expect(reference.locator("[data-field=joint]")).to_have_text(joint)
    own = members[1].locator("#own-fingerprint").inner_text()
    expect(reference.locator("dd[data-member='2']")).to_have_text(own)

    # The desk: a new device link, then a card after each check-in, and one replacement.
    organiser.goto(conference_page)
    organiser.get_by_role("button", name="Cấp liên kết").click()
    desk_link = organiser.locator("#new-desk-link").get_attribute("href")
    assert desk_link is not None
    desk_context = phone(browser)
    opened.append(desk_context)
    desk = phone_page(desk_context, errors, "desk")
    desk.goto(desk_link)
    cards = [deal_after_check_in(desk) for _ in range(present)]
    desk.get_by_role("button", name="Cấp thẻ thay thế (mất thẻ)").click()
    expect(desk.locator("#confirm-text")).to_contain_text("không lấy lại được")
    desk.get_by_role("button", name="Xác nhận").click()
    expect(desk.locator("#card-replacement")).to_be_visible()
    desk.screenshot(path=SCREENSHOTS / f"desk-card-{step}.png")
    assert_accessible(desk, "desk's card")
    # A printer at the desk prints the card on a slip: the card only, no roster, no buttons.
    expect(desk.get_by_role("button", name="In thẻ ra giấy")).to_be_visible()
    desk.emulate_media(media="print")
    expect(desk.locator("#card-code")).to_be_visible()
    expect(desk.locator("#people")).to_be_hidden()
    expect(desk.get_by_role("button", name="In thẻ ra giấy")).to_be_hidden()
    desk.screenshot(path=SCREENSHOTS / f"desk-card-slip-{step}.png")
    desk.emulate_media(media="screen")
    take_card(desk)  # the lost card's replacement goes to the same attendee; unused here
    desk.get_by_role("button", name="Kết thúc phát thẻ (gửi danh sách thẻ chưa phát)").click()
    desk.get_by_role("button", name="Không").click()  # changed their mind: nothing sent
    expect(desk.locator("#undealt-sent")).to_be_hidden()
    desk.get_by_role("button", name="Kết thúc phát thẻ (gửi danh sách thẻ chưa phát)").click()
    desk.get_by_role("button", name="Xác nhận").click()
    expect(desk.locator("#undealt-sent")).to_be_visible()
    dealt = f"Đã phát {present} · thay thế 1"
    expect(reference.locator("[data-field=cards]")).to_have_text(f"{dealt} · hủy 0")

    # A voter scans before the opening: the page waits, and the code left the address bar.
    voters = [phone(browser) for _ in range(3)]
    opened.extend(voters)
    first = phone_page(voters[0], errors, "voter 1")
    first.goto(cards[0][0])
    expect(first.locator("[data-screen=waiting]")).to_be_visible()
    assert "#" not in first.url
    assert first.evaluate("window.isSecureContext") is False

    organiser.goto(conference_page)
    organiser.get_by_role("button", name="Mở bỏ phiếu (đóng điểm danh)").click()
    expect(organiser.locator(".notice")).to_contain_text("Đã chuyển sang: Đang bỏ phiếu")
    expect(desk.locator("#card-tools")).to_be_hidden()  # the desk forgot its pool
    voided = pool - present - 1
    expect(reference.locator("[data-field=cards]")).to_have_text(f"{dealt} · hủy {voided}")

    # The quota holds: a third mark is refused with the reason, and the first two stay.
    ballot = first.locator("[data-screen=ballot]")
    expect(ballot).to_be_visible()
    ballot.get_by_role("checkbox", name=CANDIDATES[0]).click()
    ballot.get_by_role("checkbox", name=CANDIDATES[1]).click()
    ballot.get_by_role("checkbox", name=CANDIDATES[2]).click()
    expect(first.locator("#quota-refused")).to_contain_text("Đã chọn đủ 2 người")
    ballot.get_by_role("checkbox", name=CANDIDATES[1]).click()
    vote(first, (CANDIDATES[2],), shot=f"voter-ballot-{step}.png")  # with Dung kept
    first.screenshot(path=SCREENSHOTS / f"voter-receipt-{step}.png", full_page=True)
    assert_accessible(first, "voter's receipt")
    first.get_by_role("button", name="Kiểm tra trong danh sách phiếu").click()
    expect(first.locator("#check-result")).to_have_text(
        "✓ Phiếu của bạn có trong danh sách phiếu công bố."
    )

    # The third voter starts marking; the second, typing the code (mistyped first), casts
    # meanwhile: the push of the new count does not reset the third's half-filled ballot.
    third = phone_page(voters[2], errors, "voter 3")
    third.goto(cards[2][0])
    third.locator("[data-screen=ballot]").get_by_role("checkbox", name=CANDIDATES[2]).click()
    second = phone_page(voters[1], errors, "voter 2")
    second.goto(f"{server.base}/vote/{conference}")
    code = cards[1][1]
    second.get_by_label("Mã thẻ").fill(code[:-1] + ("0" if code[-1] != "0" else "1"))
    second.get_by_role("button", name="Tiếp tục").click()
    # The check character alone is wrong: the conference's cards place it in the last group.
    expect(second.locator("#code-error")).to_contain_text("Ký tự thứ 25–27 có vẻ sai")
    second.get_by_label("Mã thẻ").fill(code.lower())
    second.get_by_role("button", name="Tiếp tục").click()
    vote(second, (CANDIDATES[0],), lost=True)
    expect(reference).to_have_attribute("data-cast", "2")
    expect(third.locator("#vote")).to_have_attribute("data-phase", "voting")
    marked = third.locator("[data-screen=ballot]").get_by_role("checkbox", name=CANDIDATES[2])
    expect(marked).to_have_attribute("aria-checked", "true")
    vote(third, (CANDIDATES[0],))

    # A card that is not on this conference's list, scanned inside Zalo: the page says how to
    # reach the phone's browser, and refuses the card before anything is filled.
    zalo = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        user_agent="Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile "
        "Safari/537.36 Zalo android/12100",
    )
    opened.append(zalo)
    stranger = phone_page(zalo, errors, "foreign card")
    stranger.goto(f"{server.base}/vote/{conference}#{code_of(secrets.token_bytes(16))}")
    expect(stranger.locator("#in-app")).to_contain_text("Bạn đang mở trang trong ứng dụng Zalo")
    expect(stranger.locator("#refused-text")).to_have_text("Thẻ không thuộc hội nghị này")
    stranger.screenshot(path=SCREENSHOTS / f"voter-foreign-card-zalo-{step}.png")
    assert all(context.cookies() == [] for context in voters)

    # The first voter's card again, on another phone: refused plainly as it opens, before the
    # voter fills anything.
    again = phone_page(desk_context, errors, "used card")
    again.goto(cards[0][0])
    expect(again.locator("#refused-text")).to_have_text("Thẻ này đã được dùng để bỏ phiếu")
    expect(again.locator("[data-screen=ballot]")).to_be_hidden()
    again.screenshot(path=SCREENSHOTS / f"voter-card-used-{step}.png", full_page=True)
    assert_accessible(again, "used card")

    expect(reference).to_have_attribute("data-cast", "3")
    expect(reference.locator("[data-field=cast]")).to_have_text("3")
    for member in members:
        expect(member.locator("#committee")).to_have_attribute("data-verified", "3")
    projector.screenshot(path=SCREENSHOTS / f"projector-voting-{step}.png")
    # Half the room at least (issue 16, item 4): the others cast blank ballots.
    cast = max(3, math.ceil(present / 2))
    for _, code in cards[3:cast]:
        cast_blank(server, conference, code)
    expect(reference).to_have_attribute("data-cast", str(cast))
    for member in members:
        expect(member.locator("#committee")).to_have_attribute("data-verified", str(cast))

    # The console, open since the opening, counts the ballots as they come.
    cast_line = organiser.locator("#cast-line")
    expect(cast_line).to_have_text(f"Số phiếu thu vào: {cast} / {present} người có mặt")

    # Closing; two members open the box; the third is not needed.
    organiser.goto(conference_page)
    organiser.get_by_label("Kết thúc bỏ phiếu: sau đó không ai bỏ phiếu được nữa").check()
    organiser.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    expect(reference.locator("[data-field=list-label]")).to_have_text(
        "Mã danh sách phiếu (đã chốt)"
    )
    # Each phone shows the count and the list hash it computed; the member compares them with
    # the projector and ticks before the box can be opened (issue 16, item 4).
    shown_hash = reference.locator("[data-field=list-hash]").inner_text()
    present = reference.locator("[data-field=present-base]").inner_text()
    for member in members[:2]:
        expect(member.locator("#compare-hash")).to_have_text(shown_hash)
        expect(member.locator("#compare-count")).to_have_text(f"{cast} / {present}")
        opening = member.get_by_role("button", name="Mở hòm phiếu")
        expect(opening).to_be_disabled()
        member.get_by_role("checkbox", name=re.compile("Tôi đã so")).check()
        opening.click()
    for member in members[:2]:
        expect(member.locator("#committee")).to_have_attribute("data-stage", "committee.signed")
    # The console, open all along, says the result is in (and never reloads by itself).
    expect(organiser.locator("#box-changed")).to_be_visible()
    # Marks: voter 1 kept Dung and added Huy; voter 2 Dung; voter 3 Huy and Dung.
    rows = members[0].locator("#result tr[data-candidate]")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text(CANDIDATES[0])
    members[0].screenshot(path=SCREENSHOTS / f"committee-result-{step}.png", full_page=True)
    assert_accessible(members[0], "committee phone's result")
    return Held(conference_page, organiser, projector, members, traffic)


def test_a_sealed_step_from_phones(
    browser: Browser, server: Server, opened: list[BrowserContext]
) -> None:
    """Can a conference be held from phones — ceremony, dealing, voting by QR and by typed
    code, closing and opening the box with two of three members — with each guarantee visible
    on screen: the token and the card code leave the address bar, the quota holds, a used card
    is refused plainly, the voter page sets no cookie, the receipt is on the published list,
    the committee sees the counts, and the projector of a sealed step never shows one?"""
    errors: list[str] = []
    held = hold_conference(browser, server, 4, errors, opened)
    agree = held.members[0].locator("#result tr[data-candidate] .agree")
    expect(agree.first).to_have_text("3 · 27,27% so với tổng số người có mặt (11)")
    expect(agree.nth(1)).to_contain_text("2 · 18,18%")

    result = held.projector.locator("#result")
    expect(result).to_have_attribute("data-status", "sealed")
    expect(result).to_have_text("Đã kiểm phiếu — kết quả không công bố tại hội nghị")
    held.projector.screenshot(path=SCREENSHOTS / "projector-sealed.png")
    shown = held.projector.content()
    assert not any(name in shown for name in CANDIDATES)  # no count, no candidate
    assert held.projector.locator(".result-table").count() == 0
    # Nor did any frame pushed to it, and it never asked for the result.
    assert any('"ballots_cast"' in frame for frame in held.projector_traffic)
    assert not any('"agree"' in frame or "Dung" in frame for frame in held.projector_traffic)
    assert not any(item.endswith("/result") for item in held.projector_traffic)

    # The committee's phone downloads the documents with its seat, named after the conference.
    documents = held.members[0].locator("#documents")
    expect(documents).to_be_visible()
    for button, name in (
        ("Biên bản kiểm phiếu (PDF)", "bien-ban.pdf"),
        ("Số phiếu (CSV)", "so-phieu.csv"),
    ):
        with held.members[0].expect_download() as download:
            documents.get_by_role("button", name=button).click()
        pattern = rf"\d{{4}}-\d\d-\d\d_buoc-4_hoi-nghi-tap-the-lanh-dao-mo-rong_{name}"
        assert re.fullmatch(pattern, download.value.suggested_filename)

    held.organiser.goto(held.conference_page)
    expect(held.organiser.locator("#organiser-result tr[data-candidate]")).to_have_count(3)
    expect(held.organiser.locator("#record-link")).to_be_visible()
    held.organiser.screenshot(path=SCREENSHOTS / "organiser-result.png", full_page=True)
    assert errors == []


def test_the_final_step_is_announced(
    browser: Browser, server: Server, opened: list[BrowserContext]
) -> None:
    """At the final step (building the next-term planning, step 5), does the projector show
    the ranked result — each agree count with its percentage and the base it is taken on, and
    who passed — once two members opened the box?"""
    errors: list[str] = []
    held = hold_conference(browser, server, 5, errors, opened)
    result = held.projector.locator("#result")
    expect(result).to_have_attribute("data-status", re.compile("announced|awaiting_head"))
    rows = result.locator("tr[data-candidate]")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text(CANDIDATES[0])
    expect(rows.first.locator(".agree")).to_contain_text("3 ·")
    expect(result.locator(".base-line")).to_contain_text("so với tổng số người")
    expect(rows.first.locator(".outcome")).to_have_text(
        re.compile("Đạt|Được giới thiệu|Bằng phiếu")
    )
    held.projector.screenshot(path=SCREENSHOTS / "projector-final.png")
    assert errors == []


def test_a_lost_committee_phone_is_replaced_from_the_members_backup(
    browser: Browser, server: Server, opened: list[BrowserContext]
) -> None:
    """After the ceremony member 2's phone is lost: the console revokes it and shows a new QR;
    on a new phone the wrong backup file is refused, the member's own takes the seat, and its
    key is in the joint key again."""
    errors: list[str] = []
    organiser = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.append(organiser.context)
    conference_page, _ = set_up(organiser, server, step=4)
    contexts = [phone(browser) for _ in range(3)]
    opened.extend(contexts)
    members = [phone_page(c, errors, f"member {i + 1}") for i, c in enumerate(contexts)]
    backups = committee_ceremony(organiser, members)
    joint = members[0].locator("#joint-fingerprint").inner_text()
    own = members[1].locator("#own-fingerprint").inner_text()

    organiser.goto(conference_page)
    row = organiser.locator("table.ceremony tr[data-member='2']")
    row.get_by_label("Điện thoại của thành viên 2 bị mất hoặc hỏng").check()
    row.get_by_role("button", name="Thay điện thoại").click()
    expect(organiser.locator("#committee")).to_contain_text("Điện thoại cũ của thành viên 2")
    address = organiser.locator(".committee-tokens a")
    expect(address).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("")  # the old phone is cut off
    # …and told so at once, and stops.
    expect(members[1].locator("#committee")).to_have_attribute("data-cut-off", "true")
    expect(members[1].locator("#status")).to_contain_text("không còn gắn với Ban kiểm phiếu")
    expect(members[1].locator("#keys")).to_be_hidden()
    organiser.reload()
    expect(address).to_have_count(1)
    organiser.locator("#committee").screenshot(path=SCREENSHOTS / "organiser-committee-replace.png")
    href = address.get_attribute("href")
    assert href is not None

    spare = phone(browser)
    opened.append(spare)
    new = phone_page(spare, errors, "member 2, new phone")
    new.goto(href)
    expect(new.locator("#restore")).to_be_visible()
    assert "#" not in new.url
    new.get_by_label("Tệp bản sao khóa").set_input_files(backups[2])  # member 3's file
    expect(new.locator("#failure")).to_contain_text("không phải của thành viên 2")
    new.get_by_label("Tệp bản sao khóa").set_input_files(AGENCY)  # not a backup at all
    expect(new.locator("#failure")).to_have_text(
        "Tệp này không phải bản sao khóa của hội nghị này. Hãy chọn đúng tệp đã lưu."
    )
    new.screenshot(path=SCREENSHOTS / "committee-restore.png", full_page=True)
    new.get_by_label("Tệp bản sao khóa").set_input_files(backups[1])
    expect(new.locator("#committee")).to_have_attribute("data-in-joint", "true")
    expect(new.locator("#failure")).to_be_hidden()
    expect(new.locator("#restore")).to_be_hidden()
    expect(new.locator("#member")).to_have_text("Thành viên Ban kiểm phiếu số 2")
    expect(new.locator("#own-fingerprint")).to_have_text(own)
    expect(new.locator("#joint-fingerprint")).to_have_text(joint)
    expect(row.locator("td").nth(1)).to_have_text("✓")  # the console follows live
    # The seat is the new phone's: after a reload it needs no file.
    new.reload()
    expect(new.locator("#committee")).to_have_attribute("data-in-joint", "true")
    # Scanning the same replacement QR again keeps the seat (the token is used, by this phone).
    new.goto(href)
    expect(new.locator("#committee")).to_have_attribute("data-in-joint", "true")
    expect(new.locator("#failure")).to_be_hidden()
    expect(new.locator("#restore")).to_be_hidden()

    # Issuing the codes again throws the joint key away: only with the consequence confirmed,
    # and every phone of the old ceremony is told at once and stops.
    organiser.goto(conference_page)
    again = organiser.get_by_label(re.compile("cấp lại mã QR sẽ hủy khóa chung đã tạo"))
    expect(again).to_be_visible()
    organiser.get_by_role("button", name="Cấp mã QR cho Ban kiểm phiếu").click()
    expect(organiser.locator(".committee-tokens a")).to_have_count(0)  # the box is required
    again.check()
    organiser.get_by_role("button", name="Cấp mã QR cho Ban kiểm phiếu").click()
    expect(organiser.locator(".committee-tokens a")).to_have_count(3)
    for superseded in (members[0], new):
        expect(superseded.locator("#committee")).to_have_attribute("data-cut-off", "true")
    assert errors == []
