"""The final step finished from the pages, in Chromium by a non-loopback name: the head decides a
tie at the quota boundary (one place already filled) and a cadre over three positions, the
projector and the console then show who was chosen and that the head decided.

The vote itself (ceremony, cards, ballots, opening) is played in-process through the API with
the Python cryptography, as tests/integration/voting does: the phones' part of it has its own
browser tests (test_voting_flow.py), and this one is about what comes after the box opens."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.fixtures import Phones, Site, committed
from tests.integration.voting.test_flow import cast, close, open_box, open_vote
from tests.integration.voting.test_record_flow import sign
from voting.conference import accounts, ballot
from voting.conference.ballot import CandidateInput, SectionInput
from voting.web.extensions import db

HEAD, LEADERSHIP = "nguoi-dung-dau", "lanh-dao"
CADRE = "SCT-X"  # one cadre standing for two positions, already planned for two others
DEPUTY = SectionInput(
    "Phó Giám đốc Sở",
    (
        CandidateInput("Đỗ Thị Dung", "Trưởng phòng", "Văn phòng Sở"),
        CandidateInput("Hoàng Ngọc Long", "Trưởng phòng", "Thanh tra Sở"),
        CandidateInput("Lê Văn An", "Phó phòng", "Phòng Kế hoạch"),
    ),
    quota=2,
)
PLANNING = SectionInput(
    "Trưởng phòng Kế hoạch",
    (
        CandidateInput("Mai Hữu Huy", "Phó phòng", "Phòng Kế hoạch", person_ref=CADRE),
        CandidateInput("Trần Văn Bình", "Chuyên viên", "Phòng Kế hoạch"),
    ),
    quota=1,
)
FINANCE = SectionInput(
    "Trưởng phòng Tài chính",
    (
        CandidateInput("Mai Hữu Huy", "Phó phòng", "Phòng Kế hoạch", person_ref=CADRE),
        CandidateInput("Phạm Thu Hà", "Chuyên viên", "Phòng Tài chính"),
    ),
    quota=1,
)


def marks(voters: int) -> list[dict[str, list[str]]]:
    """Every voter's marks: Dung first, Long and An tied for the one place left and passing
    (> 50% of those convened, all present), Huy marked everywhere. `few` mark Long and An,
    the rest split between Dung–Long and Dung–An."""
    few = 1 if voters % 2 else 2
    pairs = [["s1c2", "s1c3"]] * few + [["s1c1", "s1c2"], ["s1c1", "s1c3"]] * ((voters - few) // 2)
    return [{"s1": pair, "s2": ["s2c1"], "s3": ["s3c1"]} for pair in pairs]


@pytest.fixture
def awaiting_head(server: Server, tmp_path: Path) -> Iterator[str]:
    """A final-step conference whose box is open and whose result waits for the head; its id."""
    with committed(server.app):
        accounts.create(db(), HEAD, "head", PASSWORD, display_name="Trần Quốc Việt")
        accounts.create(db(), LEADERSHIP, "leadership", PASSWORD)
    site = Site(server.app, tmp_path)
    organiser = site.api("organiser")
    original = site.set_up

    def set_up(api: object, **overrides: object) -> str:
        conference = original(api, **overrides)  # type: ignore[arg-type]
        with committed(server.app):
            sections = [DEPUTY, PLANNING, FINANCE]
            ballot.set_for_process(db(), conference, sections, {CADRE: 2}, "test")
        return conference

    site.set_up = set_up  # type: ignore[method-assign]
    conference, phones = open_vote(site, organiser, Phones, step=5)
    for card, choices in zip(phones.dealt, marks(len(phones.dealt)), strict=True):
        assert cast(site, conference, card, choices).status_code == 201
    close(organiser, conference)
    open_box(site, conference, phones, [1, 2])
    sign(site, conference, phones, [1, 2])  # the record is written
    assert site.api().get(f"/api/conferences/{conference}/result").json["status"] == (
        "awaiting_head"
    )
    yield conference


def log_in(page: Page, server: Server, path: str, username: str) -> None:
    page.goto(f"{server.base}{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_the_head_decides_and_the_room_sees_it(
    browser: Browser, server: Server, awaiting_head: str
) -> None:
    """Does the head's page show the tie with the place already filled and the cadre over three
    positions with the positions already held, refuse a decision without a reason, record one
    with its reason — and do the projector and the console then say who was chosen and that
    the head decided?"""
    conference = awaiting_head
    errors: list[str] = []
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.on("pageerror", lambda error: errors.append(f"projector: {error}"))
    projector.goto(f"{server.base}/projector/{conference}")
    expect(projector.locator("#result")).to_have_attribute("data-status", "awaiting_head")

    head = browser.new_page(viewport={"width": 412, "height": 915})
    head.on("pageerror", lambda error: errors.append(f"head: {error}"))
    log_in(head, server, "/head/", HEAD)
    deputy = head.locator("fieldset[data-section=s1]")
    expect(deputy.locator("[data-case=tie]")).to_be_visible()
    expect(deputy.locator("[data-field=chosen]")).to_have_text("Đã được giới thiệu: Đỗ Thị Dung")
    expect(deputy.locator("[data-field=open]")).to_contain_text("Còn 1 vị trí")
    expect(deputy.locator("tr[data-candidate]")).to_have_count(3)
    expect(deputy.locator("input[type=checkbox]")).to_have_count(2)  # Long and An compete
    expect(deputy.locator("[data-field=base]")).to_contain_text(
        "so với tổng số người được triệu tập"
    )
    planning = head.locator("fieldset[data-section=s2]")
    expect(planning.locator("[data-case=over_cap]")).to_be_visible()
    expect(planning.locator("tr[data-candidate=s2c1]")).to_contain_text(
        "Đã được quy hoạch 2 chức danh; đạt ở: Trưởng phòng Kế hoạch, Trưởng phòng Tài chính"
    )
    head.screenshot(path=SCREENSHOTS / "head-decision.png", full_page=True)
    assert_accessible(head, "head")
    assert_accessible(projector, "projector awaiting the head")

    deputy.get_by_label("Hoàng Ngọc Long").check()
    planning.get_by_label("Mai Hữu Huy").check()
    head.get_by_label("Tôi xác nhận quyết định này").check()
    head.get_by_role("button", name="Quyết định").click()
    assert "/head/" in head.url and head.locator(".notice").count() == 0  # the reason is required
    head.get_by_label("Lý do quyết định").fill("Đồng chí Long có thâm niên công tác dài hơn")
    head.get_by_role("button", name="Quyết định").click()
    expect(head.locator(".notice")).to_have_text("Đã ghi quyết định vào biên bản.")
    expect(head.locator("p.lead")).to_have_text("Không có trường hợp nào cần quyết định.")

    # The projector, open all along, turns to the announced result with the head's choice.
    result = projector.locator("#result")
    expect(result).to_have_attribute("data-status", "announced")
    chosen = "Được giới thiệu (người đứng đầu quyết định)"
    expect(result.locator("tr[data-candidate=s1c2] .outcome")).to_have_text(chosen)
    expect(result.locator("tr[data-candidate=s1c1] .outcome")).to_have_text("Được giới thiệu")
    expect(result.locator("tr[data-candidate=s1c3] .outcome")).to_have_text("Đạt")
    expect(result.locator("tr[data-candidate=s2c1] .outcome")).to_have_text(chosen)
    expect(result.locator("tr[data-candidate=s3c1] .outcome")).to_have_text("Đạt")
    expect(result.locator("[data-field=head]")).to_have_text(
        "Người đứng đầu đã quyết định: Phó Giám đốc Sở, Trưởng phòng Kế hoạch, "
        "Trưởng phòng Tài chính"
    )
    assert "Bằng phiếu" not in result.inner_text()

    organiser = browser.new_page(viewport={"width": 1280, "height": 900})
    organiser.on("pageerror", lambda error: errors.append(f"organiser: {error}"))
    log_in(organiser, server, f"/organiser/conferences/{conference}", USERNAME)
    console = organiser.locator("#organiser-result")
    expect(console.locator("tr[data-candidate=s1c2] .outcome")).to_have_text(f"Đạt — {chosen}")
    expect(console.locator("[data-field=head]")).to_contain_text(
        "Người đứng đầu đã quyết định (Trần Quốc Việt, "
    )
    expect(console.locator("[data-field=head]")).to_contain_text(
        "Đồng chí Long có thâm niên công tác dài hơn"
    )
    assert_accessible(organiser, "console")
    assert_accessible(projector, "projector announced")
    downloads_carry_the_conference(organiser, "2022-04-20_buoc-5_hoi-nghi-tap-the-lanh-dao-mo-rong")

    # Leadership lands on its own page, reads the result and downloads the same documents.
    leadership = browser.new_page(viewport={"width": 1280, "height": 900})
    leadership.on("pageerror", lambda error: errors.append(f"leadership: {error}"))
    log_in(leadership, server, "/login", LEADERSHIP)
    assert leadership.url.endswith("/leadership/")
    item = leadership.locator(f"li[data-conference='{conference}']")
    expect(item).to_contain_text("đã công bố kết quả")
    item.get_by_role("link").click()
    result = leadership.locator("#leadership-result")
    expect(result.locator("tr[data-candidate=s1c2] .outcome")).to_have_text(f"Đạt — {chosen}")
    leadership.screenshot(path=SCREENSHOTS / "leadership-conference.png", full_page=True)
    assert_accessible(leadership, "leadership")
    downloads_carry_the_conference(
        leadership, "2022-04-20_buoc-5_hoi-nghi-tap-the-lanh-dao-mo-rong"
    )
    leadership.go_back()
    assert_accessible(leadership, "leadership's list")

    # The other pages people land on pass axe too: accounts, start, an error page, login.
    organiser.goto(f"{server.base}/organiser/accounts/")
    row = organiser.locator(f"tr[data-account='{HEAD}']")
    expect(row.locator("input[name=display_name]")).to_have_value("Trần Quốc Việt")
    assert_accessible(organiser, "accounts")
    organiser.goto(f"{server.base}/organiser/")
    assert_accessible(organiser, "organiser's conferences")
    organiser.goto(f"{server.base}/")
    assert_accessible(organiser, "start")
    organiser.goto(f"{server.base}/khong-co")
    expect(organiser.locator("p.error")).to_contain_text("Không tìm thấy trang này")
    assert_accessible(organiser, "404 page")
    stranger = browser.new_page()
    stranger.goto(f"{server.base}/login")
    assert_accessible(stranger, "login")
    assert errors == []


def downloads_carry_the_conference(page: Page, stem: str) -> None:
    """Each document's link downloads a file named after the conference: the minutes a PDF,
    the counts a CSV with Vietnamese headers and a workbook, the record canonical JSON."""
    contents = {}
    for kind, word, extension in (
        ("minutes", "bien-ban", "pdf"),
        ("csv", "so-phieu", "csv"),
        ("xlsx", "so-phieu", "xlsx"),
        ("record", "ho-so", "json"),
    ):
        with page.expect_download() as download:
            page.locator(f"a[data-document={kind}]").click()
        assert download.value.suggested_filename == f"{stem}_{word}.{extension}"
        path = download.value.path()
        contents[kind] = Path(path).read_bytes()
    assert contents["minutes"].startswith(b"%PDF")
    minutes = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=contents["minutes"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "Người đứng đầu quyết định (Trần Quốc Việt," in minutes and "user:" not in minutes
    assert "Lý do: Đồng chí Long có thâm niên công tác dài hơn" in " ".join(minutes.split())
    assert contents["xlsx"].startswith(b"PK")
    header = contents["csv"].decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Mã chức danh,Chức danh,Mã ứng viên,Họ và tên,")
    assert contents["record"].startswith(b"{")


SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Thị Thanh", "Văn", "Hữu", "Ngọc", "Thị Thu", "Minh")
GIVEN = ("Hương", "Long", "Dũng", "Phượng", "Tuấn", "Nguyệt", "Khánh", "Trường")
UNITS = (
    "Văn phòng Sở",
    "Thanh tra Sở",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý Công nghiệp",
    "Phòng Quản lý Thương mại",
)


def reference_ballot() -> list[SectionInput]:
    """The reference ballot of design.md: 25 positions of 6 candidates each, long names."""
    sections = []
    for number in range(25):
        unit = UNITS[number % len(UNITS)]
        position = ("Trưởng", "Phó Trưởng", "Chánh", "Phó Chánh", "Chuyên viên chính")[
            number // 5
        ] + f" {unit}"
        candidates = tuple(
            CandidateInput(
                f"{SURNAMES[(number + i) % 10]} {MIDDLE[i]} {GIVEN[(number * 3 + i) % 8]}",
                "Trưởng phòng",
                unit,
            )
            for i in range(6)
        )
        sections.append(SectionInput(position, candidates, quota=2))
    return sections


@pytest.fixture
def reference_result(server: Server, tmp_path: Path) -> Iterator[str]:
    """A final-step conference of the reference ballot, its box open; its id."""
    site = Site(server.app, tmp_path)
    organiser = site.api("organiser")
    original = site.set_up

    def set_up(api: object, **overrides: object) -> str:
        conference = original(api, **overrides)  # type: ignore[arg-type]
        with committed(server.app):
            ballot.set_for_process(db(), conference, reference_ballot(), {}, "test")
        return conference

    site.set_up = set_up  # type: ignore[method-assign]
    conference, phones = open_vote(site, organiser, Phones, step=5)
    for index, card in enumerate(phones.dealt):
        choices = {
            f"s{s}": [f"s{s}c{(index + s) % 6 + 1}", f"s{s}c{s % 6 + 1}"] for s in range(1, 26)
        }
        choices = {s: sorted(set(c)) for s, c in choices.items()}
        assert cast(site, conference, card, choices).status_code == 201
    close(organiser, conference)
    open_box(site, conference, phones, [1, 2])
    yield conference


def test_the_reference_ballot_fits_the_projector(
    browser: Browser, server: Server, reference_result: str
) -> None:
    """Does the announced result of 25 positions × 6 candidates fit a 1920 × 1080 projector —
    nothing scrolls or is cut off, every row is seen whole on one of the pages, at a size read
    from the back of the room — and do the pages turn?"""
    errors: list[str] = []
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.on("pageerror", lambda error: errors.append(f"projector: {error}"))
    projector.goto(f"{server.base}/projector/{reference_result}")
    result = projector.locator("#result")
    expect(result.locator("tr[data-candidate]")).to_have_count(150)
    expect(result).to_have_attribute("data-page", "1")
    pages = int(result.get_attribute("data-pages") or "0")
    assert 1 < pages <= 7  # four positions a page: 84 s to show them all
    overflow = projector.evaluate(
        """() => {
        const doc = document.documentElement;
        const result = document.getElementById('result');
        return [doc.scrollWidth - innerWidth, doc.scrollHeight - innerHeight,
                result.scrollHeight - result.clientHeight];
        }"""
    )
    assert max(overflow) <= 0, overflow
    font = projector.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#result td.name')).fontSize)"
    )
    assert font >= 24  # px: 2.2 % of the screen's height or more
    seen: set[str] = set()
    for page in range(1, pages + 1):
        expect(result).to_have_attribute("data-page", str(page))
        seen |= set(
            projector.evaluate(
                """() => {
            const box = document.querySelector('#result .result-pages').getBoundingClientRect();
            const whole = (r) => r.left >= box.left - 1 && r.right <= box.right + 1
                && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
            const rows = [...document.querySelectorAll('#result tr[data-candidate]')];
            for (const row of rows) {
              const r = row.getBoundingClientRect();
              const overlaps = r.right > box.left && r.left < box.right;
              if (overlaps && !whole(r)) throw new Error('cut: ' + row.textContent);
            }
            return rows.filter((row) => whole(row.getBoundingClientRect()))
              .map((row) => row.closest('section').dataset.section + row.dataset.candidate);
            }"""
            )
        )
        projector.screenshot(path=SCREENSHOTS / f"projector-reference-{page}.png")
        projector.keyboard.press("ArrowRight")
    expect(result).to_have_attribute("data-page", "1")  # round again
    assert len(seen) == 150
    assert errors == []
