"""The planning process in a real browser: the source list's structure report follows the
organiser's ticks before anything is saved, and the head decides a tie at the final step on the
head's page (a process whose steps were held on paper, set up through the services)."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.fixtures import committed
from voting import sample
from voting.conference import accounts, roster
from voting.planning import paper, processes, source_list, steps
from voting.planning.processes import NewProcess
from voting.registry import people
from voting.web.extensions import db

AGENCY = sample.FOLDER / "sample-agency.csv"
HEAD = "nguoi-dung-dau"
PROVINCE = NewProcess(
    procedure="next_term",
    tier="province",
    term="2025-2030",
    reference=date(2022, 4, 1),
    term_start=date(2025, 10, 1),
    held_on=date(2022, 4, 20),
    place="Hội trường Sở",
)


def started(server: Server) -> str:
    """A next-term process for the province's posts on the sample registry; its id."""
    with committed(server.app):
        people.import_people(db(), AGENCY)
        return processes.start(db(), PROVINCE, "test").id


def log_in(page: Page, server: Server, path: str, username: str) -> None:
    page.goto(f"{server.base}{path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_the_structure_report_follows_the_ticks(browser: Browser, server: Server) -> None:
    process = started(server)
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    log_in(page, server, f"/organiser/planning/{process}", USERNAME)
    women = page.locator('#structure [data-field="women"]')
    planned = page.locator('#structure [data-field="planned"]')
    before_women, before_planned = women.inner_text(), int(planned.inner_text())
    # Untick every woman on the Giám đốc list that is not also on the other list: the report
    # changes at once, nothing saved yet.
    director = page.locator('fieldset[data-position="Giám đốc Sở"]')
    woman = director.locator("label.check", has_text="· F ·").first
    woman.locator("input").uncheck()
    expect(planned).not_to_have_text(str(before_planned))
    expect(women).not_to_have_text(before_women)
    page.screenshot(path=SCREENSHOTS / "planning-structure.png", full_page=True)
    assert_accessible(page, "source list and structure report")
    # Ticking it again gives the first report back.
    woman.locator("input").check()
    expect(women).to_have_text(before_women)
    expect(planned).to_have_text(str(before_planned))
    page.close()


def test_the_head_decides_a_tie_at_the_final_step(browser: Browser, server: Server) -> None:
    process = started(server)
    with committed(server.app):
        accounts.create(db(), HEAD, "head", PASSWORD)
        session = db()
        director = processes.get(session, process).source[0]["candidates"]
        source_list.set_candidates(session, process, "Giám đốc Sở", director[:4], "test")
        source_list.set_candidates(session, process, "Phó Giám đốc Sở", [], "test")
        for number in (1, 2):
            steps.approve(session, process, number, date(2022, 4, 21), "", [], "test")
        tie = {"Giám đốc Sở": dict(zip(director[:4], (5, 4, 3, 3), strict=True))}
        for number, counts in (
            (3, {"Giám đốc Sở": dict.fromkeys(director[:4], 20)}),
            (4, {"Giám đốc Sở": dict.fromkeys(director[:4], 12)}),
            (5, tie),
        ):
            # Those convened are the step's roster (28, 16 and 5 in the sample agency).
            conference = processes.step_of(processes.get(session, process), number).conference_id
            assert conference is not None
            convened = present = len(roster.attendees(session, conference))
            paper.enter_paper(
                session, process, number, date(2022, 5, number), convened, present, counts, "test"
            )
            # Each member confirms as themself (here: their own accounts).
            for i, member in enumerate(("Thành viên 1", "Thành viên 2"), start=1):
                actor = f"user:kiem-phieu-{i}"
                paper.confirm_paper(session, process, number, member, counts, actor)
        waiting = processes.step_of(processes.get(session, process), 5).result
        assert waiting is not None and waiting["complete"] is False

    page = browser.new_page(viewport={"width": 412, "height": 915})
    log_in(page, server, "/head/", HEAD)
    panel = page.locator("section[data-paper=true]")
    expect(panel).to_contain_text("Giám đốc Sở")
    tied = panel.locator("fieldset label.check")
    expect(tied).to_have_count(2)
    page.screenshot(path=SCREENSHOTS / "planning-head-tie.png", full_page=True)
    assert_accessible(page, "head deciding a tie")
    chosen = tied.nth(1)
    name = chosen.inner_text().split(" — ")[0].strip()
    chosen.locator("input").check()
    page.get_by_label("Lý do quyết định").fill("Theo hồ sơ cán bộ")
    page.get_by_label("Tôi xác nhận quyết định này").check()
    page.get_by_role("button", name="Quyết định").click()
    expect(page.locator(".notice")).to_be_visible()
    expect(page.locator("section[data-paper=true]")).to_have_count(0)
    with server.app.app_context():
        outcome = processes.get(db(), process).outcome
    assert outcome is not None
    names = [c["full_name"] for c in outcome["planned"][0]["cadres"]]
    assert len(names) == 3 and names[-1] == name
    page.close()
