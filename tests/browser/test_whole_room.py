"""The whole room, from the pages alone (issue 13's acceptance test): an annual review's sealed
step 3 and final step 4 held in Chromium through a non-loopback name — the organiser's console,
a check-in desk, three committee phones (key ceremony, the box opened by two of three), ten
voters' phones at 390 px and a kiosk voter, the projector at 1920 × 1080, the head deciding a
tie at the quota boundary and a cadre over three positions with a reason, and leadership's
read-only page. Every open page is reloaded at every phase and keeps what it showed; every
document is downloaded from a link on a page and named after its conference; axe-core checks
every page.

Only the agency's data, the process and its first two steps (recorded on paper) are set up
through the services: nothing a person does in the room goes through the API or the CLI."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.browser.test_voting_flow import committee_ceremony, phone, take_card
from tests.fixtures import committed
from voting import sample
from voting.conference import accounts, roster
from voting.planning import paper, processes, source_list, steps
from voting.planning.processes import NewProcess
from voting.registry import people
from voting.registry.kinds import KINDS

HEAD, LEADERSHIP = "nguoi-dung-dau", "lanh-dao"
HELD_ON = date(2022, 4, 20)
TT = "Thanh tra Sở"
# Đinh Hồng Vân (SCT013) is planned for two positions already: winning two more would make
# four, over the cap of three (B.III.1), so the head decides which she keeps.
PLANNING = (
    "cadre_id,full_name,position,term,approved_on\n"
    "SCT013,Đinh Hồng Vân,Trưởng phòng Văn phòng Sở,2021-2026,2021-06-15\n"
    "SCT013,Đinh Hồng Vân,Phó trưởng phòng Văn phòng Sở,2021-2026,2021-06-15\n"
)
# The three positions reviewed, in the ballot's order (s1, s2, s3), and their candidates in
# the order of the registry (c1, c2, …).
SOURCE = {
    "Trưởng phòng Văn phòng Sở": ["SCT006", "SCT007", "SCT008"],  # 2 places: the tie
    f"Trưởng phòng {TT}": ["SCT013", "SCT014"],
    f"Phó trưởng phòng {TT}": ["SCT013", "SCT016"],
}
Marks = dict[str, list[str]]


def step3_marks(voter: int) -> Marks:
    """Step 3 (sealed, > 1/2 of those present): everyone passes."""
    pairs = (["s1c1", "s1c2"], ["s1c1", "s1c3"], ["s1c2", "s1c3"])
    return {"s1": pairs[voter % 3], "s2": ["s2c1", "s2c2"], "s3": ["s3c1", "s3c2"]}


def step4_marks(voter: int) -> Marks:
    """Step 4 (final, > 1/2 of the 5 convened): SCT006 4 votes, SCT007 and SCT008 3 each —
    tied for the one place left; SCT013 wins both Thanh tra positions (over the cap)."""
    pairs = (["s1c1", "s1c2"], ["s1c1", "s1c2"], ["s1c1", "s1c3"], ["s1c1", "s1c3"])
    return {
        "s1": pairs[voter] if voter < 4 else ["s1c2", "s1c3"],
        "s2": ["s2c1"],
        "s3": ["s3c1", "s3c2"],
    }


@dataclass
class Review:
    """The annual review whose step 3 is about to be held, and its conferences' ids."""

    process: str
    step3: str
    step4: str


@pytest.fixture
def review(server: Server, tmp_path: Path) -> Review:
    """The agency's registry and planning, an annual review of three positions whose step 1
    approved no removal and whose step 2 was held on paper (everyone passing, confirmed by two
    members): step 3's conference waits in set-up with its ballot."""
    planning = tmp_path / "planning.csv"
    planning.write_text(PLANNING, encoding="utf-8")
    with committed(server.app) as session:
        accounts.create(session, HEAD, "head", PASSWORD, display_name="Trần Quốc Việt")
        accounts.create(session, LEADERSHIP, "leadership", PASSWORD, display_name="Lê Thị Hạnh")
        people.import_people(session, sample.FOLDER / "sample-agency.csv")
        KINDS["planning"].import_file(session, planning)
        new = NewProcess(
            procedure="annual_review",
            tier="agency",
            term="2021-2026",
            reference=date(2022, 4, 1),
            term_start=None,
            held_on=HELD_ON,
            place="Hội trường Sở",
        )
        process = processes.start(session, new, "test")
        for section in source_list.view(session, process):
            position = section.position
            source_list.set_candidates(session, process.id, position, SOURCE.get(position, []), "t")
        steps.approve(session, process.id, 1, HELD_ON, "", [], "test")
        process = processes.get(session, process.id)
        item = processes.step_of(process, 2)
        assert item.conference_id is not None
        convened = len(roster.attendees(session, item.conference_id))
        # Everyone passes (≥ 30% of those present), within what the ballots could give.
        counts = {
            position: {c: convened if i == 0 else convened // 2 for i, c in enumerate(cadres)}
            for position, cadres in SOURCE.items()
        }
        paper.enter_paper(session, process.id, 2, HELD_ON, convened, convened, counts, "user:a")
        for member, actor in (("Nguyễn Văn Kiểm", "user:b"), ("Trần Thị Phiếu", "user:c")):
            paper.confirm_paper(session, process.id, 2, member, counts, actor)
        process = processes.get(session, process.id)
        step3, step4 = (processes.step_of(process, n).conference_id for n in (3, 4))
        assert step3 is not None and step4 is not None
        assert processes.step_of(process, 3).status == "current"
        return Review(process.id, step3, step4)


@dataclass
class Room:
    """Every page open in the room, each reloaded at every phase by `reload_all`."""

    browser: Browser
    server: Server
    errors: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)
    # Each open page and what must hold after reloading it.
    pages: dict[str, tuple[Page, Callable[[Page], None]]] = field(default_factory=dict)

    def open(self, name: str, viewport: dict[str, int] | None = None, mobile: bool = False) -> Page:
        context = (
            phone(self.browser)
            if mobile
            else self.browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        )
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"{name}: {error}"))
        return page

    def keep(self, name: str, page: Page, check: Callable[[Page], None]) -> None:
        self.pages[name] = (page, check)

    def reload_all(self, phase: str) -> None:
        """F5 on every open page: each shows again what it showed (state, codes, receipts),
        and passes axe."""
        for name, (page, check) in self.pages.items():
            page.reload()
            check(page)
            if not name.endswith(("2", "3")):  # the same page as member 1's, voter 1's
                assert_accessible(page, f"{name} after reloading ({phase})")


@pytest.fixture
def room(browser: Browser, server: Server) -> Iterator[Room]:
    held = Room(browser, server)
    yield held
    for context in held.contexts:
        context.close()


def log_in(page: Page, server: Server, path: str, username: str) -> None:
    page.goto(f"{server.base}{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def fill_and_cast(page: Page, marks: Marks, shot: str = "") -> str:
    """Mark each position's candidates (one position a screen), review, cast; the receipt."""
    while True:
        ballot = page.locator("[data-screen=ballot]")
        expect(ballot).to_be_visible()
        section = page.locator("#candidates button").first.get_attribute("data-candidate") or ""
        for candidate in marks[section.split("c")[0]]:
            page.locator(f"#candidates button[data-candidate={candidate}]").click()
            expect(
                page.locator(f"#candidates button[data-candidate={candidate}]")
            ).to_have_attribute("aria-checked", "true")
        if shot:
            page.screenshot(path=SCREENSHOTS / shot, full_page=True)
            assert_accessible(page, "ballot")
            shot = ""
        last = page.locator("#next").inner_text() == "Xem lại phiếu"
        page.locator("#next").click()
        if last:
            break
    page.get_by_role("button", name="Gửi phiếu").click()
    expect(page.locator("[data-screen=receipt]")).to_be_visible(timeout=30_000)
    receipt = page.locator("#vote").get_attribute("data-receipt")
    assert receipt is not None and len(receipt) == 64
    return receipt


def shown_receipt(receipt: str) -> str:
    return " ".join(receipt[i : i + 4].upper() for i in range(0, 16, 4))


def fits_its_width(page: Page) -> None:
    """Nothing on the page is wider than the screen: no sideways scrolling on a phone, and no
    text running past the right edge (a body hiding its overflow would not scroll)."""
    overflow = page.evaluate(
        """() => Math.max(document.documentElement.scrollWidth - innerWidth,
            ...[...document.querySelectorAll('main *')].map((e) =>
              e.getBoundingClientRect().right - innerWidth))"""
    )
    assert overflow <= 0, f"{page.url}: {overflow}px too wide"


def download_all(page: Page, stem: str, where: str) -> dict[str, bytes]:
    """Every document linked on `page` (a[data-document]), each named after the conference:
    the minutes a PDF, the counts a CSV with Vietnamese headers and a workbook, the signed
    record canonical JSON."""
    contents = {}
    for kind, word, extension in (
        ("minutes", "bien-ban", "pdf"),
        ("csv", "so-phieu", "csv"),
        ("xlsx", "so-phieu", "xlsx"),
        ("record", "ho-so", "json"),
    ):
        with page.expect_download() as download:
            page.locator(f"a[data-document={kind}]").click()
        name = download.value.suggested_filename
        assert re.fullmatch(rf"{stem}[a-z0-9-]*_{word}\.{extension}", name), (where, name)
        assert name.count("buoc-") == 1, name
        contents[kind] = Path(download.value.path()).read_bytes()
    assert contents["minutes"].startswith(b"%PDF"), where
    assert contents["xlsx"].startswith(b"PK"), where
    header = contents["csv"].decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Mã chức danh,Chức danh,"), where
    assert contents["record"].startswith(b"{") and len(contents["record"]) > 1000, where
    return contents


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        )
        .stdout.decode()
        .split()
    )


@dataclass
class Step:
    """One step's conference held in the room: its id, the console's address, the devices."""

    conference: str
    console: str
    members: list[Page]
    stem: str


def hold_step(
    room: Room,
    organiser: Page,
    projector: Page,
    review: Review,
    number: int,
    phones: int,
    marks: Callable[[int], Marks],
) -> Step:
    """The organiser opens the step's conference from the process page, opens check-in, runs
    the key ceremony with three committee phones, links a desk and a kiosk; the desk checks
    everyone present in and deals their cards; `phones` voters vote on their phones and the
    last one at the kiosk; the organiser closes voting and members 2 and 3 open the box."""
    server = room.server
    organiser.goto(f"{server.base}/organiser/planning/{review.process}")
    item = organiser.locator(f"#step-{number}")
    expect(item).to_have_attribute("data-status", "current")
    item.get_by_role("link", name="Hội nghị").click()
    conference = organiser.url.rsplit("/", 1)[1]
    assert conference == (review.step3 if number == 3 else review.step4)
    console = organiser.url
    organiser.get_by_role("button", name="Mở điểm danh").click()
    expect(organiser.locator(".notice")).to_contain_text("Đã chuyển sang: Điểm danh")
    organiser.screenshot(path=SCREENSHOTS / f"room-console-{number}-checkin.png", full_page=True)
    assert_accessible(organiser, f"console, step {number}")

    projector.goto(f"{server.base}/projector/{conference}")
    reference = projector.locator("#reference")

    members = [room.open(f"member {i} (step {number})", mobile=True) for i in (1, 2, 3)]
    committee_ceremony(organiser, members)
    joint = members[0].locator("#joint-fingerprint").inner_text()
    expect(reference.locator("[data-field=joint]")).to_have_text(joint)

    organiser.goto(console)
    organiser.get_by_role("button", name="Cấp liên kết").click()
    desk_link = organiser.locator("#new-desk-link").get_attribute("href")
    organiser.locator("#kiosk-form button").click()
    kiosk_link = organiser.locator("#new-kiosk-link").get_attribute("href")
    assert desk_link and kiosk_link and desk_link.startswith("http://voting.test:")
    desk = room.open(f"desk (step {number})", mobile=True)
    desk.goto(desk_link)
    # The roster arrives after the page: count its rows once they are all drawn (the quorum
    # block says how many were convened from the first paint).
    convened = int(desk.locator("[data-quorum] [data-field=convened]").inner_text())
    expect(desk.locator(".person")).to_have_count(convened)
    present = convened if number == 4 else phones + 1
    cards = []
    for _ in range(present):
        desk.get_by_role("searchbox").fill("")
        desk.locator(".person:not(.present) .mark").first.click()
        cards.append(take_card(desk))
    expect(desk.locator("[data-quorum]")).to_have_attribute("data-present", str(present))
    expect(projector.locator("[data-quorum]")).to_have_attribute("data-met", "true")
    desk.screenshot(path=SCREENSHOTS / f"room-desk-{number}.png")
    desk.get_by_role("button", name="Kết thúc phát thẻ (gửi danh sách thẻ chưa phát)").click()
    desk.get_by_role("button", name="Xác nhận").click()
    expect(desk.locator("#undealt-sent")).to_be_visible()

    kiosk = room.open(f"kiosk (step {number})", viewport={"width": 800, "height": 1280})
    kiosk.goto(kiosk_link)
    expect(kiosk.locator("[data-screen=code]")).to_be_visible()

    def desk_keeps(page: Page) -> None:
        expect(page.locator("[data-quorum]")).to_have_attribute("data-present", str(present))
        expect(page.locator(".person.present")).to_have_count(present)

    def projector_keeps(page: Page) -> None:
        expect(page.locator("#reference [data-field=joint]")).to_have_text(joint)

    def member_keeps(page: Page) -> None:
        expect(page.locator("#committee")).to_have_attribute("data-in-joint", "true")
        expect(page.locator("#joint-fingerprint")).to_have_text(joint)

    room.pages.clear()
    room.keep(
        "console", organiser, lambda page: expect(page.locator("table.ceremony")).to_be_visible()
    )
    room.keep("desk", desk, desk_keeps)
    room.keep("projector", projector, projector_keeps)
    for index, member in enumerate(members):
        room.keep(f"member {index + 1}", member, member_keeps)
    room.keep(
        "kiosk", kiosk, lambda page: expect(page.locator("[data-screen=code]")).to_be_visible()
    )
    room.reload_all(f"step {number}, check-in")

    organiser.goto(console)
    organiser.get_by_role("button", name="Mở bỏ phiếu (đóng điểm danh)").click()
    expect(organiser.locator(".notice")).to_contain_text("Đã chuyển sang: Đang bỏ phiếu")

    receipts: list[tuple[Page, str]] = []
    for index in range(phones):
        voter = room.open(f"voter {index + 1} (step {number})", mobile=True)
        voter.goto(cards[index][0])
        shot = f"room-phone-ballot-{number}.png" if index == 0 else ""
        receipt = fill_and_cast(voter, marks(index), shot)
        expect(voter.locator("#receipt")).to_have_text(shown_receipt(receipt))
        fits_its_width(voter)
        if index == 0:
            voter.screenshot(path=SCREENSHOTS / f"room-phone-receipt-{number}.png", full_page=True)
        receipts.append((voter, receipt))
    # The last attendee votes at the kiosk: the scanner types the card's address and Enter.
    kiosk.keyboard.type(cards[phones][0])
    kiosk.keyboard.press("Enter")
    kiosk_receipt = fill_and_cast(kiosk, marks(phones))
    kiosk.screenshot(path=SCREENSHOTS / f"room-kiosk-receipt-{number}.png", full_page=True)
    assert_accessible(kiosk, "kiosk receipt")
    kiosk.get_by_role("button", name="Xong — mời người tiếp theo").click()
    expect(kiosk.locator("[data-screen=code]")).to_be_visible()
    assert kiosk_receipt[:16] not in kiosk.content().replace(" ", "").lower()
    cast = phones + 1
    expect(reference).to_have_attribute("data-cast", str(cast))
    expect(organiser.locator("#cast-line")).to_contain_text(f"Số phiếu thu vào: {cast} / {present}")

    def receipt_kept(receipt: str) -> Callable[[Page], None]:
        return lambda page: expect(page.locator("#receipt")).to_have_text(shown_receipt(receipt))

    for index, (voter, receipt) in enumerate(receipts[:3]):  # three phones stay open
        room.keep(f"voter {index + 1}", voter, receipt_kept(receipt))
    for member in members:
        expect(member.locator("#committee")).to_have_attribute("data-verified", str(cast))
    room.reload_all(f"step {number}, voting")
    expect(reference).to_have_attribute("data-cast", str(cast))

    organiser.goto(console)
    organiser.get_by_label("Kết thúc bỏ phiếu: sau đó không ai bỏ phiếu được nữa").check()
    organiser.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    expect(reference.locator("[data-field=list-label]")).to_have_text(
        "Mã danh sách phiếu (đã chốt)"
    )
    shown_hash = reference.locator("[data-field=list-hash]").inner_text()
    for member in members[1:]:  # two of three open the box
        expect(member.locator("#compare-hash")).to_have_text(shown_hash)
        member.get_by_role("checkbox", name=re.compile("Tôi đã so")).check()
        member.get_by_role("button", name="Mở hòm phiếu").click()
    for member in members[1:]:
        expect(member.locator("#committee")).to_have_attribute("data-stage", "committee.signed")
    expect(organiser.locator("#box-changed")).to_be_visible()
    for voter, _ in receipts[:3]:  # the phones still open find their receipts on the list
        voter.get_by_role("button", name="Kiểm tra trong danh sách phiếu").click()
        expect(voter.locator("#check-result")).to_have_text(
            "✓ Phiếu của bạn có trong danh sách phiếu công bố."
        )
    stem = f"{HELD_ON.isoformat()}_buoc-{number}_ra-soat-bo-sung-quy-hoach-hang-nam-2021-2026"
    return Step(conference, console, members, stem)


def test_the_whole_room_holds_a_sealed_and_a_final_step(
    room: Room, server: Server, review: Review
) -> None:
    """Issue 13's "done when", from the pages alone."""
    organiser = room.open("organiser", viewport={"width": 1280, "height": 900})
    log_in(organiser, server, f"/organiser/planning/{review.process}", USERNAME)
    projector = room.open("projector", viewport={"width": 1920, "height": 1080})

    # --- Step 3, sealed: the committee reads the counts, the room never does. ---------------
    sealed = hold_step(room, organiser, projector, review, 3, phones=10, marks=step3_marks)
    result = projector.locator("#result")
    expect(result).to_have_attribute("data-status", "sealed")
    assert projector.locator(".result-table").count() == 0
    projector.screenshot(path=SCREENSHOTS / "room-projector-sealed.png")
    room.keep(
        "projector",
        projector,
        lambda page: expect(page.locator("#result")).to_have_attribute("data-status", "sealed"),
    )
    room.keep(
        "member 2",
        sealed.members[1],
        lambda page: expect(page.locator("#result tr[data-candidate]")).to_have_count(7),
    )
    organiser.goto(sealed.console)
    room.keep(
        "console",
        organiser,
        lambda page: expect(page.locator("#organiser-result tr[data-candidate]")).to_have_count(7),
    )
    room.reload_all("step 3, box opened")
    organiser.screenshot(path=SCREENSHOTS / "room-console-3-result.png", full_page=True)
    console_files = download_all(organiser, sealed.stem, "console, step 3")
    # The committee's phone downloads them with its seat, named the same way.
    documents = sealed.members[1].locator("#documents")
    for button, name in (
        ("Biên bản kiểm phiếu (PDF)", "bien-ban.pdf"),
        ("Số phiếu (CSV)", "so-phieu.csv"),
    ):
        with sealed.members[1].expect_download() as download:
            documents.get_by_role("button", name=button).click()
        assert re.fullmatch(rf"{sealed.stem}[a-z0-9-]*_{name}", download.value.suggested_filename)
        assert Path(download.value.path()).stat().st_size > 0
    assert "Đinh Hồng Vân" in pdf_text(console_files["minutes"])

    # The process moved on: step 3 done with its counts, step 4 current with its ballot.
    organiser.goto(f"{server.base}/organiser/planning/{review.process}")
    expect(organiser.locator("#step-3")).to_have_attribute("data-status", "done")
    expect(organiser.locator("#step-4")).to_have_attribute("data-status", "current")

    # --- Step 4, final: announced, with a tie and a cadre over the cap for the head. --------
    final = hold_step(room, organiser, projector, review, 4, phones=4, marks=step4_marks)
    expect(result).to_have_attribute("data-status", "awaiting_head")
    projector.screenshot(path=SCREENSHOTS / "room-projector-awaiting-head.png")

    head = room.open("head", viewport={"width": 412, "height": 915})
    log_in(head, server, "/head/", HEAD)
    vp = head.locator("fieldset[data-section=s1]")
    expect(vp.locator("[data-case=tie]")).to_be_visible()
    expect(vp.locator("[data-field=chosen]")).to_contain_text("Đã được giới thiệu:")
    expect(vp.locator("input[type=checkbox]")).to_have_count(2)
    over = head.locator("[data-case=over_cap]")
    expect(over.first).to_be_visible()
    expect(head.locator("tr[data-candidate=s2c1]")).to_contain_text("Đã được quy hoạch 2 chức danh")
    head.screenshot(path=SCREENSHOTS / "room-head.png", full_page=True)
    assert_accessible(head, "head")
    fits_its_width(head)
    head.reload()  # nothing chosen is lost, since nothing was sent
    expect(vp.locator("[data-case=tie]")).to_be_visible()
    vp.locator("tr[data-candidate=s1c2] input").check()
    head.locator("fieldset[data-section=s2] tr[data-candidate=s2c1] input").check()
    head.get_by_label("Tôi xác nhận quyết định này").check()
    head.get_by_label("Lý do quyết định").fill("Đồng chí có quá trình công tác phù hợp hơn")
    head.get_by_role("button", name="Quyết định").click()
    expect(head.locator(".notice")).to_have_text("Đã ghi quyết định vào biên bản.")
    expect(head.locator("p.lead")).to_have_text("Không có trường hợp nào cần quyết định.")

    expect(result).to_have_attribute("data-status", "announced")
    expect(result.locator("[data-field=head]")).to_contain_text("Người đứng đầu đã quyết định")
    assert "Bằng phiếu" not in result.inner_text()
    projector.screenshot(path=SCREENSHOTS / "room-projector-final.png")
    overflow = projector.evaluate(
        """() => {
        const doc = document.documentElement;
        const result = document.getElementById('result');
        return [doc.scrollWidth - innerWidth, doc.scrollHeight - innerHeight,
                result.scrollHeight - result.clientHeight];
        }"""
    )
    assert max(overflow) <= 0, overflow

    organiser.goto(final.console)
    chosen = "Được giới thiệu (người đứng đầu quyết định)"
    room.keep(
        "console",
        organiser,
        lambda page: expect(
            page.locator("#organiser-result tr[data-candidate=s1c2] .outcome")
        ).to_contain_text(chosen),
    )
    room.keep(
        "projector",
        projector,
        lambda page: expect(page.locator("#result")).to_have_attribute("data-status", "announced"),
    )
    room.keep("head", head, lambda page: expect(page.locator("p.lead")).to_be_visible())
    room.reload_all("step 4, decided")
    organiser.screenshot(path=SCREENSHOTS / "room-console-4-result.png", full_page=True)
    final_files = download_all(organiser, final.stem, "console, step 4")
    minutes = pdf_text(final_files["minutes"])
    assert "Trần Quốc Việt" in minutes and "Đồng chí có quá trình công tác phù hợp hơn" in minutes

    # Leadership reads both steps and downloads the same documents from its own page.
    leadership = room.open("leadership")
    log_in(leadership, server, "/login", LEADERSHIP)
    assert leadership.url.endswith("/leadership/")
    assert_accessible(leadership, "leadership's list")
    for step in (sealed, final):
        leadership.locator(f"li[data-conference='{step.conference}'] a").click()
        expect(leadership.locator("#leadership-result tr[data-candidate]")).to_have_count(7)
        assert leadership.locator("main form[method=post]").count() == 0
        leadership.screenshot(
            path=SCREENSHOTS / f"room-leadership-{step.stem[11:17]}.png", full_page=True
        )
        assert_accessible(leadership, "leadership's conference")
        download_all(leadership, step.stem, "leadership")
        leadership.go_back()

    # The process's own documents: the published lists and the dossier summary.
    organiser.goto(f"{server.base}/organiser/planning/{review.process}")
    expect(organiser.locator("#step-4")).to_have_attribute("data-status", "done")
    outcome = organiser.locator("#outcome")
    expect(outcome).to_contain_text("Đinh Hồng Vân")
    assert_accessible(organiser, "process page")
    organiser.screenshot(path=SCREENSHOTS / "room-process.png", full_page=True)
    for name, magic in (("PDF", b"%PDF"), ("XLSX", b"PK")):
        with organiser.expect_download() as download:
            outcome.get_by_role("link", name=re.compile(rf"\({name}\)$")).first.click()
        assert Path(download.value.path()).read_bytes().startswith(magic)
        assert download.value.suggested_filename.endswith(f".{name.lower()}")
    outcome.get_by_role("link", name="Danh sách công bố").click()
    expect(organiser.locator("h1")).to_have_text("Danh sách công bố")
    assert_accessible(organiser, "published lists")
    organiser.screenshot(path=SCREENSHOTS / "room-published.png", full_page=True)
    assert room.errors == []
