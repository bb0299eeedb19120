"""The room before voting, in a real browser: the organiser sets up a conference and opens
check-in, a desk on a phone checks people in, and the projector follows live across the 2/3
boundary — all over plain http by a non-loopback name."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.fixtures import committed
from voting import sample
from voting.conference import cards, conferences, quorum
from voting.store import Phase
from voting.web.extensions import db
from voting.web.room import push_state

AGENCY = sample.FOLDER / "sample-agency.csv"
CONVENED = 16  # step 4's composition drawn from sample-agency.csv
QUORUM = 11  # ⌈16 × 2/3⌉
BALLOT_LINES = (
    "Đỗ Thị Dung; Trưởng phòng; Văn phòng Sở\nHoàng Ngọc Long; Trưởng phòng; Thanh tra Sở"
)


def set_up_conference(page: Page, server: Server) -> tuple[str, str]:
    """Log in, import the agency, create a conference, draw the roster, set the ballot, issue a
    desk link and open check-in; the conference's page address and the desk link."""
    page.goto(f"{server.base}/organiser/")
    page.get_by_label("Tên đăng nhập").fill(USERNAME)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.evaluate("window.isSecureContext") is False

    page.locator("form[action$='/people'] input[type=file]").set_input_files(AGENCY)
    page.locator("form[action$='/people'] button").click()
    expect(page.locator(".notice")).to_contain_text("Đã nhập 56 người")

    page.get_by_label("Tên hội nghị").fill("Hội nghị tập thể lãnh đạo mở rộng")
    page.get_by_label("Địa điểm").fill("Hội trường tầng 3, Sở Công Thương")
    page.get_by_role("button", name="Lập hội nghị").click()
    page.get_by_role("button", name="Lập danh sách theo thành phần hội nghị").click()
    expect(page.locator(".notice")).to_contain_text(f"{CONVENED} người")

    section = page.locator("fieldset.section").first
    section.get_by_label("Chức danh").fill("Phó Giám đốc Sở")
    section.get_by_label("Danh sách (mỗi dòng một người)").fill(BALLOT_LINES)
    page.get_by_role("button", name="Lưu phiếu").click()
    expect(page.locator(".notice")).to_contain_text("Đã lưu phiếu")

    page.get_by_role("button", name="Cấp liên kết").click()
    desk_link = page.locator("#new-desk-link").get_attribute("href")
    assert desk_link is not None and desk_link.startswith(f"{server.base}/desk/")
    page.get_by_role("button", name="Mở điểm danh").click()
    expect(page.locator(".notice")).to_contain_text("Đã chuyển sang: Điểm danh")
    return page.url, desk_link


def the_phone_reaches_the_server(organiser: Page, phone: Page, server: Server) -> None:
    """The pre-flight check: the phone opens the hello address shown as a QR code, and the
    organiser's page says so without a reload."""
    organiser.goto(f"{server.base}/preflight")
    expect(organiser.locator("#public-url")).to_have_text(server.base)
    hello = organiser.locator("#check a").get_attribute("href")
    assert hello is not None and hello.startswith(f"{server.base}/hello/")
    phone.goto(hello)
    expect(phone.locator("h1")).to_contain_text("Đã kết nối")
    expect(organiser.locator("#reached")).to_have_text(
        "Một điện thoại đã kết nối được tới máy chủ (1 lần)."
    )
    organiser.screenshot(path=SCREENSHOTS / "preflight.png", full_page=True)
    assert_accessible(organiser, "pre-flight")
    assert_accessible(phone, "hello")
    organiser.go_back()


def open_voting(server: Server, conference: str) -> None:
    """Stand in for the opening of voting, whose committee keys and cards are later pages'
    work: move the phase as the opening does, freezing the bases, and push the state."""
    with committed(server.app):
        opened = conferences.lock(db(), conference)
        convened, present = quorum.count(db(), conference)
        opened.convened_at_opening, opened.present_at_opening = convened, present
        opened.phase = Phase.VOTING
        push_state(opened)  # sent once the unit of work commits


def close_card(desk: Page) -> None:
    """The desk shows the attendee's voting card after each check-in; hand it over."""
    desk.get_by_role("button", name="Xong — đóng thẻ").click()
    expect(desk.locator("#card")).to_be_hidden()


def check_in_next(desk: Page, present: int) -> None:
    """Tap "Có mặt" on the first attendee not yet present; wait until the desk counts it."""
    desk.get_by_role("searchbox").fill("")
    desk.locator(".person:not(.present) .mark").first.click()
    close_card(desk)
    expect(desk.locator("[data-quorum]")).to_have_attribute("data-present", str(present))


def test_desk_checks_in_and_the_projector_follows(browser: Browser, server: Server) -> None:
    """Does the whole set-up work from the organiser's console, does the desk find "Đỗ Thị
    Dung" from "do thi", do a second desk and the projector show each check-in and the quorum
    turning met at 11 of 16 present, live, and does voting opening close both desks?"""
    errors: list[str] = []
    organiser = browser.new_page(viewport={"width": 1280, "height": 900})
    organiser.on("pageerror", lambda error: errors.append(f"organiser: {error}"))
    conference_page, desk_link = set_up_conference(organiser, server)
    conference = conference_page.rsplit("/", 1)[1]

    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.on("pageerror", lambda error: errors.append(f"projector: {error}"))
    projector.goto(f"{server.base}/projector/{conference}")
    gauge = projector.locator("[data-quorum]")
    expect(gauge).to_have_attribute("data-online", "true")
    assert projector.evaluate("window.isSecureContext") is False

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    desk = phone.new_page()
    desk.on("pageerror", lambda error: errors.append(f"desk: {error}"))
    the_phone_reaches_the_server(organiser, desk, server)
    desk.goto(desk_link)
    tablet = browser.new_page(viewport={"width": 820, "height": 1180})  # a second desk
    tablet.goto(desk_link)
    expect(tablet.locator(".person")).to_have_count(CONVENED)
    assert desk.evaluate("window.isSecureContext") is False
    desk.get_by_role("searchbox").fill("do thi")
    found = desk.locator(".person .name")
    expect(found).to_have_text(["Đỗ Thị Dung"])
    found.first.locator("xpath=../..").locator(".mark").click()
    close_card(desk)
    expect(desk.locator(".person.present .name")).to_have_text(["Đỗ Thị Dung"])
    expect(gauge).to_have_attribute("data-present", "1")

    for present in range(2, QUORUM):
        check_in_next(desk, present)
    expect(gauge).to_have_attribute("data-present", str(QUORUM - 1))
    expect(gauge).to_have_attribute("data-met", "false")
    expect(projector.locator("[data-field=more]")).to_have_text("Cần thêm 1 người")

    check_in_next(desk, QUORUM)
    expect(gauge).to_have_attribute("data-met", "true")
    expect(projector.locator("[data-field=verdict]")).to_have_text(
        "Đủ điều kiện tiến hành hội nghị (có mặt ít nhất 2/3)"
    )
    expect(projector.locator("[data-field=more]")).to_be_hidden()

    # An undo, with its reason in the log, takes the quorum away again on the projector.
    desk.get_by_role("searchbox").fill("do thi")
    desk.locator(".person.present .undo-button").click()
    desk.get_by_label("Lý do hủy điểm danh").fill("Bấm nhầm người")
    given = desk.get_by_label(re.compile("Đã đưa thẻ bỏ phiếu cho người này"))
    expect(given).to_be_checked()  # the card shown at the check-in left the desk
    desk.get_by_role("button", name="Xác nhận hủy").click()
    expect(gauge).to_have_attribute("data-met", "false")
    with server.app.app_context():
        assert cards.summary(db(), conferences.get(db(), conference)).undone == 1
    expect(desk.locator("#log li").first).to_contain_text("Bấm nhầm người")
    check_in_next(desk, QUORUM)
    expect(gauge).to_have_attribute("data-met", "true")
    desk.get_by_role("searchbox").fill("")
    expect(tablet.locator("[data-quorum]")).to_have_attribute("data-present", str(QUORUM))
    expect(tablet.locator(".person.present")).to_have_count(QUORUM)
    expect(tablet.locator("#log li")).to_have_count(QUORUM + 2)  # with the undo and its redo

    organiser.goto(conference_page)
    expect(organiser.locator("[data-quorum]")).to_have_attribute("data-online", "true")
    organiser.screenshot(path=SCREENSHOTS / "organiser.png", full_page=True)
    desk.evaluate("window.scrollTo(0, 0)")
    desk.screenshot(path=SCREENSHOTS / "desk-phone.png")
    projector.screenshot(path=SCREENSHOTS / "projector.png")
    for page, name in ((organiser, "console"), (desk, "desk"), (projector, "projector")):
        assert_accessible(page, name)

    organiser.goto(f"{conference_page}/attendance")
    expect(organiser.locator("tr.present")).to_have_count(QUORUM)
    organiser.emulate_media(media="print")
    organiser.screenshot(path=SCREENSHOTS / "attendance-print.png", full_page=True)
    organiser.emulate_media(media="screen")
    assert_accessible(organiser, "attendance list")
    organiser.goto(conference_page)

    # Opening voting closes check-in at the desk, live.
    open_voting(server, conference)
    expect(desk.locator("#closed")).to_be_visible()
    expect(desk.locator("#closed")).to_contain_text("Đang bỏ phiếu")
    expect(projector.locator("[data-field=phase]")).to_have_text("Đang bỏ phiếu")
    expect(tablet.locator("#closed")).to_be_visible()
    tablet.screenshot(path=SCREENSHOTS / "desk-tablet-closed.png")
    expect(desk.locator(".person .undo-button").first).to_be_disabled()
    desk.evaluate("window.scrollTo(0, 0)")
    desk.screenshot(path=SCREENSHOTS / "desk-closed.png")
    assert errors == []
    phone.close()
