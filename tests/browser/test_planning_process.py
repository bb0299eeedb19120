"""A whole annual review from the interface, in a real browser: the registry imported on its
page, the process started from the form, the source list trimmed, step 1 recorded with a cadre
put to the removal ballot, every ballot held on paper and confirmed by two committee members,
the head's decision on a cadre over three positions, the submission and approval with their
dates, the published lists and the dossier summary downloaded."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.fixtures import committed
from voting import sample
from voting.conference import accounts
from voting.web.extensions import db

DOMAIN = sample.FOLDER
TT = "Thanh tra Sở"
HEAD_TT, DEPUTY_TT = f"Trưởng phòng {TT}", f"Phó trưởng phòng {TT}"
PLANNING = (
    "cadre_id,full_name,position,term,approved_on\n"
    f"SCT054,Đoàn Minh Tuấn,{HEAD_TT},2021-2026,2021-06-15\n"
    f"SCT012,Dương Thanh Dung,{HEAD_TT},2021-2026,2021-06-15\n"
    "SCT013,Đinh Hồng Vân,Trưởng phòng Văn phòng Sở,2021-2026,2021-06-15\n"
    "SCT013,Đinh Hồng Vân,Phó trưởng phòng Văn phòng Sở,2021-2026,2021-06-15\n"
)
KEEP = {HEAD_TT: {"SCT013", "SCT014"}, DEPUTY_TT: {"SCT013", "SCT016"}}


def log_in(page: Page, server: Server, path: str, username: str) -> None:
    page.goto(f"{server.base}{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def committee_members(browser: Browser, server: Server) -> list[Page]:
    """Two counting-committee members, each with an account of their own, logged in on their
    own phone: they confirm paper counts as themselves (issue 16, item 13)."""
    pages = []
    for username in ("kiem-phieu-1", "kiem-phieu-2"):
        with committed(server.app):
            accounts.create(db(), username, "leadership", PASSWORD)
        page = browser.new_page(viewport={"width": 412, "height": 915})
        log_in(page, server, "/login", username)
        pages.append(page)
    return pages


def upload(page: Page, kind: str, file: Path) -> None:
    panel = page.locator(f"section[data-kind={kind}]")
    panel.locator("input[type=file]").set_input_files(file)
    panel.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("Đã nhập")


def paper(
    page: Page,
    server: Server,
    members: list[Page],
    number: int,
    counts: dict[str, int],
    present: int,
    convened: int | None = None,
) -> None:
    """Enter a step's paper counts (cadre → agree), then two members confirm them, each on
    their own page logged in with their own account (issue 16, item 13); those convened are the
    step's roster, which the form starts from (`convened` checks it)."""
    step = page.locator(f"#step-{number}")
    step.locator("summary", has_text="phiếu giấy").click()
    if convened is not None:
        expect(step.get_by_label("Số người được triệu tập")).to_have_value(str(convened))
    step.get_by_label("Số người có mặt").fill(str(present))

    def fill_counts() -> None:
        for field in step.locator("input[name^='count:']").all():
            cadre = (field.get_attribute("name") or "").split(":")[2]
            field.fill(str(counts[cadre]))

    fill_counts()
    step.get_by_role("button", name="Lưu kết quả phiếu giấy").click()
    expect(page.locator(".notice", has_text="cần hai thành viên")).to_be_visible()
    link = page.locator(f"#step-{number} [data-field=confirm-elsewhere] a").get_attribute("href")
    assert link is not None
    for member, name in zip(members, ("Nguyễn Văn Kiểm", "Trần Thị Phiếu"), strict=True):
        member.goto(f"{server.base}{link}")
        for field in member.locator("input[name^='count:']").all():
            cadre = (field.get_attribute("name") or "").split(":")[2]
            field.fill(str(counts[cadre]))
        member.get_by_label("Họ và tên thành viên ban kiểm phiếu xác nhận").fill(name)
        member.get_by_role("button", name="Xác nhận (nhập lại số phiếu)").click()
        expect(member.locator(".notice", has_text="Đã ghi nhận xác nhận")).to_be_visible()
    page.reload()


def submit_approve_and_print(
    page: Page, submitted: tuple[str, str], approved: tuple[str, str]
) -> str:
    """Record the submission and the approval on the process page, checking the deadline and
    the earliest appointment each gives (day typed, dd/mm/yyyy shown); download the dossier
    summary's PDF and open the published lists. The PDF's text."""
    outcome = page.locator("#outcome")
    outcome.get_by_label("Ngày trình (hồ sơ đầy đủ)").fill(submitted[0])
    outcome.get_by_role("button", name="Ghi nhận đã trình").click()
    expect(page.locator("[data-field=deadline]")).to_contain_text(submitted[1])
    page.locator("#outcome").get_by_label("Ngày phê duyệt").fill(approved[0])
    page.locator("#outcome").get_by_role("button", name="Ghi nhận đã phê duyệt").click()
    expect(page.locator("[data-field=appointment]")).to_contain_text(approved[1])
    with page.expect_download() as download:
        page.get_by_role("link", name="Bảng tổng hợp kết quả kiểm phiếu ở các bước (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    page.get_by_role("link", name="Danh sách công bố").click()
    expect(page.locator("h1")).to_have_text("Danh sách công bố")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_a_whole_annual_review_from_the_interface(
    browser: Browser, server: Server, tmp_path: Path
) -> None:
    with committed(server.app):
        accounts.create(db(), "nguoi-dung-dau", "head", PASSWORD)
    members = committee_members(browser, server)
    planning = tmp_path / "planning.csv"
    planning.write_text(PLANNING, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    log_in(page, server, "/organiser/registry/", USERNAME)
    upload(page, "people", DOMAIN / "sample-agency.csv")
    upload(page, "planning", planning)
    expect(page.locator("section[data-kind=planning] [data-count]")).to_have_attribute(
        "data-count", "4"
    )
    assert_accessible(page, "registry")

    page.goto(f"{server.base}/organiser/planning/")
    assert_accessible(page, "planning processes")
    page.locator("select[name=procedure]").select_option("annual_review")
    page.locator("select[name=tier]").select_option("agency")
    page.get_by_label("Nhiệm kỳ", exact=True).fill("2021-2026")
    page.get_by_label("Tháng lập hồ sơ (mốc tính tuổi)").fill("2022-04")
    page.get_by_label("Địa điểm").fill("Hội trường Sở")
    page.get_by_role("button", name="Bắt đầu quy trình").click()
    expect(page.locator("#steps")).to_be_visible()
    assert_accessible(page, "process with its source list")

    # Only Thanh tra's two positions this year: the organiser ticks just those cadres.
    for fieldset in page.locator("#source-form fieldset[data-position]").all():
        keep = KEEP.get(fieldset.get_attribute("data-position") or "", set())
        for box in fieldset.locator("input[type=checkbox]").all():
            box.set_checked((box.get_attribute("value") or "") in keep)
    page.get_by_role("button", name="Lưu danh sách nguồn").click()
    expect(page.locator(".notice")).to_contain_text("Đã lưu danh sách nguồn")

    # Step 1: the automatic removal is listed; SCT012 is put to the removal ballot.
    step1 = page.locator("#step-1")
    expect(step1.locator("[data-automatic=SCT054]")).to_be_visible()
    step1.get_by_label("Dương Thanh Dung — Trưởng phòng Thanh tra Sở").check()
    step1.get_by_role("button", name="Ghi nhận tập thể lãnh đạo đã thông qua").click()
    paper(page, server, members, 1, {"SCT012": 4}, present=5, convened=5)
    paper(
        page,
        server,
        members,
        2,
        {"SCT013": 20, "SCT014": 15, "SCT016": 18},
        present=28,
        convened=28,
    )
    paper(
        page,
        server,
        members,
        3,
        {"SCT013": 12, "SCT014": 11, "SCT016": 13},
        present=16,
        convened=16,
    )
    paper(page, server, members, 4, {"SCT013": 5, "SCT014": 4, "SCT016": 4}, present=5, convened=5)
    expect(page.locator("#step-4 .notice")).to_contain_text("Chờ người đứng đầu")
    page.screenshot(path=SCREENSHOTS / "planning-process.png", full_page=True)
    assert_accessible(page, "process waiting for the head")

    head = browser.new_page(viewport={"width": 412, "height": 915})
    log_in(head, server, "/head/", "nguoi-dung-dau")
    panel = head.locator("section[data-paper=true]")
    expect(panel.locator("fieldset")).to_have_count(2)
    panel.locator("fieldset").first.locator("input").first.check()
    head.get_by_label("Lý do quyết định").fill("Theo hồ sơ cán bộ")
    head.get_by_label("Tôi xác nhận quyết định này").check()
    head.get_by_role("button", name="Quyết định").click()
    expect(head.locator(".notice")).to_be_visible()
    head.close()

    page.reload()
    outcome = page.locator("#outcome")
    expect(outcome).to_contain_text("Đinh Hồng Vân")
    expect(outcome).to_contain_text("Đoàn Minh Tuấn")
    assert_accessible(page, "process with its outcome")
    text = submit_approve_and_print(
        page, ("2022-05-04", "15/06/2022"), approved=("2022-05-20", "20/08/2022")
    )
    assert "Phiếu giấy" in text and "Đinh Hồng Vân" in text
    expect(page.locator("article")).to_contain_text("Dương Thanh Dung")
    expect(page.locator(".notice")).to_have_count(0)
    page.screenshot(path=SCREENSHOTS / "planning-published.png", full_page=True)
    page.close()
