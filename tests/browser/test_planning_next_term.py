"""A whole next-term procedure from the interface, in a real browser, for the posts the
province's standing committee manages: the registry imported on its page (people and the
district heads), the process started from the form, steps 1 and 2 recorded (the source list
frozen by the leadership's approval), steps 3–5 held on paper and confirmed by two committee
members — a candidate failing at step 3 and left off every later ballot — then the list to
submit, its deadline over Tết, the approval, the published lists and the dossier summary."""

from __future__ import annotations

import csv

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.browser.test_planning_process import (
    DOMAIN,
    committee_members,
    log_in,
    paper,
    submit_approve_and_print,
    upload,
)


def ballot_cadres(page: Page, number: int) -> list[str]:
    """The cadres on a step's paper form, in the order shown (one per section they are in)."""
    fields = page.locator(f"#step-{number} input[name^='count:']").all()
    names = [field.get_attribute("name") or "" for field in fields]
    return list(dict.fromkeys(name.split(":")[2] for name in names))


def test_a_whole_next_term_procedure_from_the_interface(browser: Browser, server: Server) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    members = committee_members(browser, server)
    log_in(page, server, "/organiser/registry/", USERNAME)
    upload(page, "people", DOMAIN / "sample-agency.csv")
    upload(page, "externals", DOMAIN / "sample-external-attendees.csv")

    page.goto(f"{server.base}/organiser/planning/")
    page.locator("select[name=procedure]").select_option("next_term")
    page.locator("select[name=tier]").select_option("province")
    page.get_by_label("Nhiệm kỳ", exact=True).fill("2025-2030")
    page.get_by_label("Tháng bắt đầu nhiệm kỳ").fill("2025-10")
    page.get_by_label("Tháng lập hồ sơ (mốc tính tuổi)").fill("2025-04")
    page.get_by_label("Địa điểm").fill("Hội trường Sở")
    page.get_by_role("button", name="Bắt đầu quy trình").click()
    expect(page.locator("#steps")).to_be_visible()
    source = page.locator("#source-form fieldset[data-position]")
    expect(source).to_have_count(2)  # Giám đốc Sở, Phó Giám đốc Sở
    proposed = page.locator("#source-form input[type=checkbox]:checked").count()
    assert proposed >= 4
    # Four candidates per position: a ballot choosing at most 3 cannot let 19 of 20 pass.
    for fieldset in source.all():
        for index, box in enumerate(fieldset.locator("input[type=checkbox]").all()):
            box.set_checked(index < 4)
    page.get_by_role("button", name="Lưu danh sách nguồn").click()
    expect(page.locator(".notice")).to_contain_text("Đã lưu danh sách nguồn")

    page.locator("#step-1").get_by_role("button", name="Ghi nhận đã chuẩn bị xong").click()
    expect(page.locator("#step-1")).to_have_attribute("data-status", "done")
    page.locator("#step-2").get_by_role(
        "button", name="Ghi nhận tập thể lãnh đạo đã thông qua kế hoạch và danh sách nguồn"
    ).click()
    expect(page.locator("#step-2")).to_have_attribute("data-status", "done")
    expect(page.locator("#source-form input[type=checkbox]:checked").first).to_be_disabled()

    # Step 3 (≥ 30% of present): the first candidate has 8 of 30 and fails. Convened: the
    # roster, 28 of the agency and the 10 district heads.
    on_ballot = ballot_cadres(page, 3)
    failing, passing = on_ballot[0], on_ballot[1:]
    paper(
        page, server, members, 3, {failing: 8} | {c: 20 for c in passing}, present=30, convened=38
    )
    # Step 4 (> 50% of present): the failed candidate is on no later ballot.
    assert ballot_cadres(page, 4) == passing
    paper(page, server, members, 4, {c: 12 for c in passing}, present=16, convened=16)
    # Step 5 (> 50% of convened): three pass with distinct counts, the rest have 2 of 5.
    assert ballot_cadres(page, 5) == passing
    chosen = passing[:3]
    counts = {c: 2 for c in passing} | dict(zip(chosen, (5, 4, 3), strict=True))
    paper(page, server, members, 5, counts, present=5, convened=5)

    page.reload()
    with (DOMAIN / "sample-agency.csv").open(encoding="utf-8") as file:
        names = {row["id"]: row["full_name"] for row in csv.DictReader(file)}
    submitted = page.locator("#outcome ul").first
    for cadre in chosen:
        expect(submitted).to_contain_text(names[cadre])
    for cadre in (failing, *passing[3:]):
        expect(submitted).not_to_contain_text(names[cadre])
    page.screenshot(path=SCREENSHOTS / "planning-next-term.png", full_page=True)
    assert_accessible(page, "next-term process")
    # 30 working days after Monday 5/1/2026, the Tết days off (16–20/2) skipped.
    text = submit_approve_and_print(
        page, ("2026-01-05", "23/02/2026"), approved=("2026-02-10", "10/05/2026")
    )
    assert "Phiếu giấy" in text and "Bước 5" in text
    page.screenshot(path=SCREENSHOTS / "planning-next-term-published.png", full_page=True)
    page.close()
