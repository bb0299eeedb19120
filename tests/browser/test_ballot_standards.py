"""KH 331 B.V.1 on the ballot itself: each position's standards ("Tiêu chuẩn chức danh") fold
under its title on the voter's phone (390 px wide, touch) and on the kiosk tablet — closed at
first so the candidates stay in view, opened by one large tap, closed again on the next
position, which shows its own. Looked at in screenshots; axe finds nothing serious."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS, Server, assert_accessible
from tests.browser.test_kiosk import Room, kiosk, room  # noqa: F401 (the fixture)
from voting.conference import conferences
from voting.crypto.cards import card_url
from voting.crypto.cards import code as code_of
from voting.planning import standards
from voting.web.extensions import db


def expected(server: Server, held: Room) -> dict[str, list[str]]:
    """The lines the server means each position to show (position → lines)."""
    with server.app.app_context():
        return standards.on_ballot(db(), conferences.get(db(), held.conference))


def read_each_position(page: Page, lines: dict[str, list[str]], name: str) -> None:
    """On every position: the standards folded, a tap target at least 48 px high, opened by a
    tap to show that position's lines, nothing wider than the screen; then on to the next."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    for number in range(1, len(lines) + 1):
        expect(page.locator("[data-screen=ballot]")).to_be_visible()
        position = page.locator("#section-title").inner_text()
        folded = page.locator("#standards")
        expect(folded).to_be_visible()
        expect(folded).not_to_have_attribute("open", "")
        expect(page.locator("#standards-list")).not_to_be_visible()
        summary = folded.locator("summary")
        expect(summary).to_have_text("Tiêu chuẩn chức danh")
        box = summary.bounding_box()
        assert box is not None and box["height"] >= 48 and box["width"] >= 0.8 * min(width, 544)
        summary.click()
        shown = page.locator("#standards-list li")
        expect(shown).to_have_text(lines[position])
        assert any("(mục B.II.2)" in line for line in lines[position])
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if number == 1:
            page.screenshot(path=SCREENSHOTS / f"standards-{name}.png", full_page=True)
            assert_accessible(page, f"{name} ballot, standards open")
        page.locator("#next").click()
    expect(page.locator("[data-screen=review]")).to_be_visible()


def test_the_phone_ballot_shows_each_positions_standards(
    browser: Browser,
    server: Server,
    room: Room,  # noqa: F811 (the fixture)
) -> None:
    lines = expected(server, room)
    assert len(lines) == 3 and all(lines.values())
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(card_url(f"{server.base}/vote/{room.conference}", room.secrets[0]))
    expect(page.locator("[data-screen=ballot]")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "standards-phone-folded.png", full_page=True)
    assert_accessible(page, "phone ballot, standards folded")
    read_each_position(page, lines, "phone")
    assert errors == []
    context.close()


def test_the_kiosk_ballot_shows_each_positions_standards(
    browser: Browser,
    server: Server,
    room: Room,  # noqa: F811 (the fixture)
) -> None:
    lines = expected(server, room)
    page = kiosk(browser, server, room)
    page.keyboard.type(code_of(room.secrets[1]))
    page.keyboard.press("Enter")
    read_each_position(page, lines, "kiosk")
    page.close()
