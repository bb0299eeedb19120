"""Issue 16, item 13, in a real browser: at a planning step whose vote was aborted and held on
paper, each committee member confirms the paper counts on their own phone — the phone shows
the ballot, never the counts entered — and the same phone cannot confirm twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.browser.test_voting_flow import phone, phone_page
from tests.integration.planning.test_refusals import START
from voting import sample

AGENCY = sample.FOLDER / "sample-agency.csv"


class Organiser:
    """The organiser's API calls, with the session's CSRF token."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.csrf = client.get("/api/session").json["csrf_token"]  # type: ignore[index]
        r = self.call("POST", "/api/session", json={"username": USERNAME, "password": PASSWORD})
        assert r.status_code == 200, r.json
        self.csrf = r.json["csrf_token"]

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"X-CSRF-Token": self.csrf}
        return self.client.open(path, method=method, headers=headers, **kwargs)


def paper_step(server: Server) -> tuple[Organiser, str, str, dict[str, Any]]:
    """A next-term process at its step 3 (steps 1 and 2 recorded): the organiser, the process
    address, step 3's conference and its paper entry."""
    organiser = Organiser(server.app.test_client())
    with AGENCY.open("rb") as stream:
        r = organiser.call(
            "POST",
            "/api/people",
            data={"file": (stream, AGENCY.name)},
            content_type="multipart/form-data",
        )
    assert r.status_code == 200, r.json
    process = organiser.call("POST", "/api/processes", json=START).json
    base = f"/api/processes/{process['id']}"
    for number in (1, 2):
        r = organiser.call(
            "POST", f"{base}/steps/{number}/approval", json={"held_on": "2022-04-21"}
        )
        assert r.status_code == 200, r.json
    step = organiser.call("GET", base).json["steps"][2]
    # Small counts, so that no position's total exceeds what those present could mark.
    counts = {
        s["position"]: {c["cadre"]: i % 3 for i, c in enumerate(s["candidates"])}
        for s in step["approved"]["ballot"]
    }
    # Those convened are the step's roster: the paper entry is checked against it.
    roster = organiser.call("GET", f"/api/conferences/{step['conference']}/roster").json
    convened = len(roster["attendees"])
    paper = {"held_on": "2022-04-25", "convened": convened, "present": convened, "counts": counts}
    return organiser, base, step["conference"], paper


def ceremony(server: Server, organiser: Organiser, conference: str, phones: list[Page]) -> None:
    """Each phone opens its join address and runs its part of the key ceremony."""
    r = organiser.call("POST", f"/api/conferences/{conference}/committee/tokens")
    assert r.status_code == 201, r.json
    for page, item in zip(phones, r.json["tokens"], strict=True):
        page.goto(f"{server.base}/committee/{conference}#{item['token']}")
    for page in phones:
        saved = page.get_by_role("button", name="Tôi đã lưu tệp — xác nhận")
        with page.expect_download():
            page.get_by_role("button", name="Tải tệp bản sao khóa").click()
        saved.click()
    for page in phones:
        expect(page.locator("#committee")).to_have_attribute("data-in-joint", "true")


def confirm_on(page: Page, name: str, counts: dict[str, dict[str, int]]) -> None:
    form = page.locator("#paper")
    expect(form).to_be_visible()
    for field in form.locator("input[data-cadre]").all():
        position, cadre = field.get_attribute("data-position"), field.get_attribute("data-cadre")
        assert position is not None and cadre is not None
        assert field.input_value() == ""  # the counts entered are never shown
        field.fill(str(counts[position][cadre]))
    form.get_by_label("Họ và tên thành viên ban kiểm phiếu xác nhận").fill(name)
    form.get_by_role("button", name="Xác nhận (nhập lại số phiếu)").click()


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Three phones, closed afterwards whatever happened (a left-over phone keeps polling)."""
    made = [phone(browser) for _ in range(3)]
    yield made
    for context in made:
        context.close()


def test_each_member_confirms_the_paper_counts_on_their_own_phone(
    server: Server, contexts: list[BrowserContext]
) -> None:
    errors: list[str] = []
    organiser, base, conference, paper = paper_step(server)
    phones = [phone_page(c, errors, f"member {i + 1}") for i, c in enumerate(contexts)]
    ceremony(server, organiser, conference, phones)

    # The electronic vote fails; the step is held on paper and the counts are entered.
    r = organiser.call("POST", f"/api/conferences/{conference}/phase", json={"to": "checkin"})
    assert r.status_code == 200, r.json
    r = organiser.call("POST", f"/api/conferences/{conference}/abort", json={"reason": "Mất điện"})
    assert r.status_code == 200, r.json
    expect(phones[0].locator("#committee")).to_have_attribute(
        "data-stage", "committee.paper.waiting"
    )
    entered = organiser.call("POST", f"{base}/steps/3/paper", json=paper)
    assert entered.status_code == 200, entered.json

    confirm_on(phones[0], "Nguyễn Văn Kiểm", paper["counts"])
    expect(phones[0].locator("#status")).to_have_text("Bạn đã xác nhận kết quả phiếu giấy.")
    phones[1].screenshot(path=SCREENSHOTS / "committee-paper-confirm.png", full_page=True)
    assert_accessible(phones[1], "committee phone's paper confirmation")
    # A wrong count is refused plainly, and nothing is recorded.
    wrong = {p: {c: n + 1 for c, n in cs.items()} for p, cs in paper["counts"].items()}
    confirm_on(phones[1], "Trần Thị Phiếu", wrong)
    expect(phones[1].locator("#failure")).to_contain_text("không khớp")
    assert organiser.call("GET", base).json["steps"][2]["status"] == "current"
    phones[1].reload()
    confirm_on(phones[1], "Trần Thị Phiếu", paper["counts"])
    expect(phones[1].locator("#status")).to_have_text("Bạn đã xác nhận kết quả phiếu giấy.")
    step = organiser.call("GET", base).json["steps"][2]
    assert step["status"] == "done" and step["result"]["paper"] is True
    assert [c["by"] for c in step["paper"]["confirmations"]] == ["member:1", "member:2"]
    assert errors == []
