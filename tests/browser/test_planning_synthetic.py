"""The plan followed on an agency that is not the sample one (tests/data/synthetic-agency.csv,
invented people with a boundary case on every rule), from the pages in a real browser: the
next-term procedure for both tiers (2025-2030, built in 04/2022 as KH 331 did), then in the
first quarter of 2023 the annual review of both terms — the current term's (2021-2026, the
agency's posts) and the next term's (2025-2030, the province's posts) — with steps recorded by
the organiser, paper counts entered and confirmed by two committee members on their phones,
electronic votes, the head's decisions on the head's page, and leadership reading the lists.

What the plan gives is computed here from the plan's own words (tests/data, rules.md, KH 331):
retirement under NĐ 135/2020, the months each term needs, the source categories, the four
grounds of removal, the rosters by group, and every threshold — not read from the program. The
electronic votes are cast in-process through the API with the Python cryptography, as
test_final_step.py does (the phones' own pages have their browser tests)."""

from __future__ import annotations

import csv
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS, USERNAME, Server, assert_accessible
from tests.browser.test_planning_process import committee_members, log_in, upload
from tests.fixtures import Phones, Site, committed
from tests.integration.planning.conftest import Hold
from voting.conference import accounts
from voting.web.extensions import db

DATA = Path(__file__).resolve().parents[1] / "data"
AGENCY = DATA / "synthetic-agency.csv"
HEAD = "nguoi-dung-dau"
GD, PGD = "Giám đốc Sở", "Phó Giám đốc Sở"


# --- The plan's rules, written again from its text --------------------------------------------


@dataclass(frozen=True)
class Cadre:
    id: str
    name: str
    sex: str
    born: date
    post: str
    unit: str
    groups: frozenset[str]
    discipline: tuple[tuple[str, date, date], ...]
    standard_met: bool
    deceased: bool


def agency() -> dict[str, Cadre]:
    with AGENCY.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    out = {}
    for row in rows:
        measures = []
        for item in filter(None, row["discipline"].split(";")):
            level, start, end = item.split(":")
            measures.append((level, date.fromisoformat(start), date.fromisoformat(end)))
        out[row["id"]] = Cadre(
            row["id"],
            row["full_name"],
            row["sex"],
            date.fromisoformat(row["born"]),
            row["post"],
            row["unit"],
            frozenset(filter(None, row["groups"].split(";"))),
            tuple(measures),
            row["political_standard"] == "met",
            row["deceased"] == "yes",
        )
    return out


PEOPLE = agency()


def month(year: int, number: int) -> int:
    return year * 12 + number - 1


def retires(cadre: Cadre) -> int:
    """NĐ 135/2020 (normal conditions): men 60 years 3 months in 2021, 3 months more each year
    up to 62 in 2028; women 55 years 4 months in 2021, 4 months more a year up to 60 in 2035.
    The first month whose age in months reaches that of its year."""
    birth = month(cadre.born.year, cadre.born.month)

    def required(year: int) -> int:
        years = min(max(year - 2020, 0), 8 if cadre.sex == "M" else 15)
        return 720 + 3 * years if cadre.sex == "M" else 660 + 4 * years

    at = birth
    while at - birth < required(at // 12):
        at += 1
    return at


def disciplined(cadre: Cadre, on: date) -> bool:
    """B.II.3: khiển trách or above while the decision is in force (here, on the last day of
    the reference month)."""
    return any(start <= on < end for _, start, end in cadre.discipline)


# Source categories (rules.md, KH 331 B.III): position → post → category.
CATEGORIES = {
    GD: {"Phó Giám đốc": 1, "Trưởng phòng": 2},
    PGD: {"Trưởng phòng": 1, "Phó trưởng phòng": 2},
    "Trưởng phòng": {"Phó trưởng phòng": 1, "Chuyên viên": 2},
    "Phó trưởng phòng": {"Chuyên viên": 1},
}


def unit_of(position: str) -> str | None:
    """The unit of a unit's position ("Trưởng phòng Quản lý Nhà" → "Phòng Quản lý Nhà")."""
    for kind in ("Phó trưởng phòng ", "Trưởng phòng "):
        if position.startswith(kind):
            rest = position.removeprefix(kind)
            units = {c.unit for c in PEOPLE.values()}
            return rest if rest in units else f"Phòng {rest}"
    return None


def kind_of(position: str) -> str:
    if position in (GD, PGD):
        return position
    return "Phó trưởng phòng" if position.startswith("Phó") else "Trưởng phòng"


def source(
    position: str,
    reference: int,
    needed: dict[int, int],
    counted_from: int,
    planned: dict[str, set[str]],
) -> tuple[set[str], dict[str, str]]:
    """Who the plan proposes for `position` and why the others of its source may not stand:
    a cadre already planned for it is not proposed again; at 3 positions of the level, no
    fourth (B.III.1); deceased, discipline in force, political standard not met (B.II.3); too
    few months from `counted_from` to retirement for the category (`needed`)."""
    last_day = date(reference // 12, reference % 12 + 1, 28)
    proposed, excluded = set(), {}
    unit = unit_of(position)
    level = {p for p in planned if kind_of(p) in (GD, PGD)} if position in (GD, PGD) else None
    for cadre in PEOPLE.values():
        category = CATEGORIES[kind_of(position)].get(cadre.post)
        if category is None or (unit and cadre.unit != unit):
            continue
        if cadre.id in planned.get(position, set()):
            continue
        held = sum(
            cadre.id in who
            for p, who in planned.items()
            if (level is None and p not in (GD, PGD)) or (level is not None and p in level)
        )
        if held >= 3:
            excluded[cadre.id] = "at_cap"
        elif cadre.deceased:
            excluded[cadre.id] = "deceased"
        elif disciplined(cadre, last_day):
            excluded[cadre.id] = "discipline"
        elif not cadre.standard_met:
            excluded[cadre.id] = "political_standard"
        elif retires(cadre) - counted_from < needed[category]:
            excluded[cadre.id] = "too_few_months"
        else:
            proposed.add(cadre.id)
    return proposed, excluded


def roster(*groups: str) -> int:
    """Those convened: the registry's people in any of the composition's groups (rules.md)."""
    return sum(1 for c in PEOPLE.values() if c.groups & set(groups))


LEADERSHIP = roster("ban_giam_doc", "btv_dang_uy")
KEY_OFFICIALS = roster("ban_giam_doc", "bch_dang_bo", "truong_pho_don_vi", "truong_doan_the")
EXTENDED = roster("ban_giam_doc", "bch_dang_bo", "truong_don_vi", "truong_doan_the")


def quorum(present: int, convened: int) -> bool:
    return present * 3 >= convened * 2


def of_present_30(agree: int, present: int, convened: int) -> bool:
    return agree * 10 >= present * 3


def over_half_present(agree: int, present: int, convened: int) -> bool:
    return agree * 2 > present


def over_half_convened(agree: int, present: int, convened: int) -> bool:
    return agree * 2 > convened


Counts = dict[str, dict[str, int]]  # position → cadre → agree


def passing(counts: Counts, rule: Any, present: int, convened: int) -> dict[str, list[str]]:
    assert quorum(present, convened), (present, convened)
    return {
        position: [c for c, agree in cadres.items() if rule(agree, present, convened)]
        for position, cadres in counts.items()
    }


# --- The pages --------------------------------------------------------------------------------


def start(page: Page, server: Server, fields: dict[str, str]) -> str:
    """Start a process from the form; the process's id."""
    page.goto(f"{server.base}/organiser/planning/")
    page.locator("select[name=procedure]").select_option(fields["procedure"])
    page.locator("select[name=tier]").select_option(fields["tier"])
    page.get_by_label("Nhiệm kỳ", exact=True).fill(fields["term"])
    if "term_start" in fields:
        page.get_by_label("Tháng bắt đầu nhiệm kỳ").fill(fields["term_start"])
    page.get_by_label("Tháng lập hồ sơ (mốc tính tuổi)").fill(fields["reference"])
    page.locator("input[name=held_on]").fill(fields["held_on"])
    page.get_by_label("Địa điểm").fill("Hội trường Sở Xây dựng")
    page.get_by_role("button", name="Bắt đầu quy trình").click()
    expect(page.locator("#steps")).to_be_visible()
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def source_list(page: Page) -> dict[str, tuple[set[str], dict[str, set[str]]]]:
    """Each position of the source form: the cadres proposed (ticked) and those excluded with
    their reasons' codes."""
    out = {}
    for fieldset in page.locator("#source-form fieldset[data-position]").all():
        position = fieldset.get_attribute("data-position") or ""
        ticked = {
            box.get_attribute("value") or ""
            for box in fieldset.locator("label:not(.excluded) input[type=checkbox]").all()
        }
        excluded = {}
        for label in fieldset.locator("label.excluded").all():
            cadre = label.locator("input").get_attribute("value") or ""
            codes = {w.get_attribute("data-code") or "" for w in label.locator(".warning").all()}
            excluded[cadre] = codes
        out[position] = (ticked, excluded)
    return out


def check_source(
    page: Page,
    expected: dict[str, tuple[set[str], dict[str, str]]],
) -> None:
    """The source form proposes exactly whom the plan proposes, and shows each excluded cadre
    with (at least) the reason the plan gives."""
    shown = source_list(page)
    for position, (proposed, excluded) in expected.items():
        ticked, reasons = shown[position]
        assert ticked == proposed, (position, ticked, proposed)
        for cadre, code in excluded.items():
            assert code in reasons.get(cadre, set()), (position, cadre, code, reasons.get(cadre))


def keep(page: Page, lists: dict[str, list[str]]) -> None:
    """Tick exactly these cadres per position (none for a position not named) and save."""
    for fieldset in page.locator("#source-form fieldset[data-position]").all():
        wanted = set(lists.get(fieldset.get_attribute("data-position") or "", []))
        for box in fieldset.locator("input[type=checkbox]").all():
            box.set_checked((box.get_attribute("value") or "") in wanted)
    page.get_by_role("button", name="Lưu danh sách nguồn").click()
    expect(page.locator(".notice")).to_contain_text("Đã lưu danh sách nguồn")


def record(page: Page, number: int, held_on: str, removals: tuple[str, ...] = ()) -> None:
    """Record a step held without a secret ballot (ticking the cadres put to removal)."""
    step = page.locator(f"#step-{number}")
    for label in removals:
        step.get_by_label(label).check()
    step.locator("input[name=held_on]").fill(held_on)
    step.locator("form.approval button").click()
    expect(page.locator(".notice")).to_contain_text(f"Đã ghi nhận bước {number}")
    # A step with cadres put to the removal ballot stays open until the ballot is held.
    done = "current" if removals else "done"
    expect(page.locator(f"#step-{number}")).to_have_attribute("data-status", done)
    day = date.fromisoformat(held_on).strftime("%d/%m/%Y")
    expect(page.locator(f"#step-{number} [data-field=approved]")).to_have_text(
        f"Đã thực hiện ngày {day} ({USERNAME})"
    )


def ballot(page: Page, number: int) -> dict[str, list[str]]:
    """The cadres of each section of a step's paper form, in the order shown."""
    out: dict[str, list[str]] = {}
    for fieldset in page.locator(f"#step-{number} details.paper-entry fieldset.section").all():
        position = (fieldset.locator("legend").text_content() or "").strip()
        names = [f.get_attribute("name") or "" for f in fieldset.locator("input").all()]
        out[position] = [name.split(":")[2] for name in names]
    return out


def fill_counts(scope: Any, counts: Counts) -> None:
    for fieldset in scope.locator("fieldset.section").all():
        position = (fieldset.locator("legend").text_content() or "").strip()
        for field in fieldset.locator("input[name^='count:']").all():
            cadre = (field.get_attribute("name") or "").split(":")[2]
            field.fill(str(counts[position][cadre]))


def paper(
    page: Page,
    server: Server,
    members: list[Page],
    number: int,
    counts: Counts,
    present: int,
    convened: int,
    held_on: str,
) -> None:
    """A step held on paper: the organiser enters the minutes' counts (the form starts from the
    step's roster, checked against `convened`), two committee members confirm them on their own
    phones by typing them again."""
    step = page.locator(f"#step-{number}")
    step.locator("summary", has_text="phiếu giấy").click()
    expect(step.get_by_label("Số người được triệu tập")).to_have_value(str(convened))
    assert {p: set(c) for p, c in ballot(page, number).items()} == {
        p: set(c) for p, c in counts.items()
    }
    step.locator("details.paper-entry input[name=held_on]").fill(held_on)
    step.get_by_label("Số người có mặt").fill(str(present))
    fill_counts(step, counts)
    step.get_by_role("button", name="Lưu kết quả phiếu giấy").click()
    expect(page.locator(".notice", has_text="cần hai thành viên")).to_be_visible()
    link = page.locator(f"#step-{number} [data-field=confirm-elsewhere] a").get_attribute("href")
    assert link is not None
    for member, name in zip(members, ("Nguyễn Văn Kiểm", "Trần Thị Phiếu"), strict=True):
        member.goto(f"{server.base}{link}")
        fill_counts(member, counts)
        member.get_by_label("Họ và tên thành viên ban kiểm phiếu xác nhận").fill(name)
        member.get_by_role("button", name="Xác nhận (nhập lại số phiếu)").click()
        expect(member.locator(".notice", has_text="Đã ghi nhận xác nhận")).to_be_visible()
    page.reload()
    result = page.locator(f"#step-{number} .step-result")
    expect(result).to_have_attribute("data-paper", "true")
    assert not re.search(r"\d\.\d", result.inner_text())  # the decimal comma


def electronic(page: Page, hold: Hold, number: int, counts: Counts, present: int) -> None:
    """A step held electronically on the step's own conference: check-in, the committee's
    ceremony, cards, ballots giving these counts, the box opened and the counts signed."""
    link = page.locator(f"#step-{number} a.button[href*='/organiser/conferences/']")
    conference = (link.get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]
    sections = hold.organiser.get(f"/api/conferences/{conference}/ballot").json["sections"]
    wanted = {
        s["number"]: [counts[s["position"]][c["person_ref"]] for c in s["candidates"]]
        for s in sections
    }
    assert {s["position"]: {c["person_ref"] for c in s["candidates"]} for s in sections} == {
        p: set(c) for p, c in counts.items()
    }
    hold.votes(conference, present, wanted)
    page.reload()


def passed(page: Page, number: int) -> dict[str, set[str]]:
    """Who the step's result shows as passed, per position."""
    out = {}
    for table in page.locator(f"#step-{number} .step-result table").all():
        position = table.locator("caption").inner_text().strip()
        out[position] = {
            row.get_attribute("data-cadre") or ""
            for row in table.locator("tr[data-passed=true]").all()
        }
    return out


# How the published list titles a unit's position, as the agency names its posts: the head of
# the office is its Chánh Văn phòng, of the inspectorate its Chánh Thanh tra (issue 17).
TITLES = {
    "Trưởng phòng Thanh tra Sở": "Chánh Thanh tra Sở",
    "Trưởng phòng Văn phòng Sở": "Chánh Văn phòng Sở",
    "Phó trưởng phòng Văn phòng Sở": "Phó Chánh Văn phòng Sở",
}


def listed(chosen: dict[str, list[str]]) -> dict[str, set[str]]:
    """`chosen` as the published list shows it: positions by their titles, none left empty."""
    return {TITLES.get(p, p): set(c) for p, c in chosen.items() if c}


def outcome(page: Page) -> dict[str, set[str]]:
    """The list to submit, read from the published list (position title → cadres)."""
    rows = page.locator("table.result-table tbody tr[data-cadre]").all()
    out: dict[str, set[str]] = {}
    for row in rows:
        position = row.locator("td").first.inner_text().strip()
        out.setdefault(position, set()).add(row.get_attribute("data-cadre") or "")
    return out


def top_down(
    final: Counts, present: int, convened: int, places: dict[str, int]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The final step (> 50% of convened, then from the top down to the places open): who is
    chosen, and per position the cadres tied for the last places (the head decides)."""
    chosen, tied = {}, {}
    for position, cadres in final.items():
        ok = sorted(
            (c for c, a in cadres.items() if over_half_convened(a, present, convened)),
            key=lambda c: -cadres[c],
        )
        if len(ok) <= places[position]:
            chosen[position] = ok
            continue
        boundary = cadres[ok[places[position] - 1]]
        above = [c for c in ok if cadres[c] > boundary]
        at = [c for c in ok if cadres[c] == boundary]
        chosen[position] = above
        if len(above) + len(at) > places[position]:
            tied[position] = at
        else:
            chosen[position] += at
    return chosen, tied


def head_decides(browser: Browser, server: Server, paper_step: bool, pick: str) -> None:
    """The head, on the head's page, picks `pick` (a name) among the tied, with a reason."""
    head = browser.new_page(viewport={"width": 412, "height": 915})
    log_in(head, server, "/head/", HEAD)
    panel = head.locator("section[data-paper=true]" if paper_step else "section.panel").first
    panel.get_by_label(pick).check()
    head.get_by_label("Lý do quyết định").fill("Theo kết quả đánh giá cán bộ và cơ cấu")
    head.get_by_label("Tôi xác nhận quyết định này").check()
    head.get_by_role("button", name="Quyết định").click()
    expect(head.locator(".notice")).to_be_visible()
    assert_accessible(head, "head")
    head.close()


def submit_and_approve(page: Page, submitted: str, approved: str) -> None:
    outcome_panel = page.locator("#outcome")
    outcome_panel.get_by_label("Ngày trình (hồ sơ đầy đủ)").fill(submitted)
    outcome_panel.get_by_role("button", name="Ghi nhận đã trình").click()
    expect(page.locator("[data-field=deadline]")).to_be_visible()
    page.locator("#outcome").get_by_label("Ngày phê duyệt").fill(approved)
    page.locator("#outcome").get_by_role("button", name="Ghi nhận đã phê duyệt").click()
    expect(page.locator("[data-field=appointment]")).to_be_visible()


def printed_pages(page: Page, name: str) -> str:
    """The page printed to PDF as the browser prints it (A4), each page rendered to PNG with
    pdftoppm (kept with the screenshots, to be looked at); the printed text."""
    pdf = SCREENSHOTS / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / name)], check=True)
    assert list(SCREENSHOTS.glob(f"{name}-*.png"))
    return " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )


def warnings(page: Page) -> set[str]:
    return {
        w.get_attribute("data-warning") or ""
        for w in page.locator("[data-field=warnings] [data-warning]").all()
    }


def in_force(page: Page, server: Server) -> set[tuple[str, str, str]]:
    """The registry's planning in force: (cadre, position, terms)."""
    rows = page.evaluate(
        "async (url) => (await (await fetch(url)).json()).rows", "/api/registry/planning"
    )
    return {(r["cadre_id"], r["position"], r["term"]) for r in rows}


def name(cadre: str) -> str:
    return PEOPLE[cadre].name


# --- The procedures ---------------------------------------------------------------------------


def test_the_plan_on_a_synthetic_agency_from_the_pages(
    browser: Browser, server: Server, tmp_path: Path
) -> None:
    with committed(server.app):
        accounts.create(db(), HEAD, "head", PASSWORD, display_name="Vũ Đình Khải")
        accounts.create(db(), "lanh-dao", "leadership", PASSWORD)
    # Not the sample agency: the approving body and the documents name this one.
    server.app.config["AGENCY"] = "Sở Xây dựng tỉnh Thử Nghiệm"
    site = Site(server.app, tmp_path)
    hold = Hold(site, site.api("organiser"), Phones)
    members = committee_members(browser, server)
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    log_in(page, server, "/organiser/registry/", USERNAME)
    upload(page, "people", AGENCY)
    upload(page, "terms", DATA / "synthetic-terms.csv")
    upload(page, "planning", DATA / "synthetic-current-planning.csv")
    # No external attendees: the province's key officials meet without the district heads.
    with (DATA / "synthetic-current-planning.csv").open(encoding="utf-8") as file:
        registry = {(r["cadre_id"], r["position"], r["term"]) for r in csv.DictReader(file)}

    def planned(term: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for cadre, position, terms in in_force(page, server):
            if term in terms.split(";"):
                out.setdefault(position, set()).add(cadre)
        return out

    # ========== 1. Next term 2025-2030, the province's posts (built 04/2022) ==========
    reference, term_start = month(2022, 4), month(2025, 10)
    start(
        page,
        server,
        {
            "procedure": "next_term",
            "tier": "province",
            "term": "2025-2030",
            "term_start": "2025-10",
            "reference": "2022-04",
            "held_on": "2022-04-20",
        },
    )
    # No district heads in the registry: the province's step-3 roster lacks them, and says so.
    assert "roster_without_externals" in warnings(page)
    assert "not_second_year" not in warnings(page)  # 04/2022: the current term's second year
    before = planned("2025-2030")
    next_term = {1: 60, 2: 60}  # the whole next term, from its start (B.II.2)
    expected = {p: source(p, reference, next_term, term_start, before) for p in (GD, PGD)}
    check_source(page, expected)
    assert re.fullmatch(
        r"\d+ \(\d+,\d%\)", page.locator("#structure [data-field=women]").inner_text()
    )
    # The boundary people, by the rule that decides: exactly 60 months from 10/2025 is enough
    # (men born 10/1968, women born 06/1972), 59 is not (09/1968, 05/1972).
    assert {"SXD05", "SXD07"} <= expected[PGD][0]
    assert expected[PGD][1]["SXD06"] == expected[PGD][1]["SXD08"] == "too_few_months"
    assert "SXD02" not in expected[GD][0] | set(expected[GD][1])  # already planned for it
    assert expected[PGD][1]["SXD16"] == "political_standard"
    keep(page, {GD: ["SXD03", "SXD05", "SXD07"], PGD: ["SXD05", "SXD07", "SXD09", "SXD10"]})
    record(page, 1, "2022-04-20")
    record(page, 2, "2022-04-21")
    expect(page.locator("#source-form input[type=checkbox]").first).to_be_disabled()

    step3 = {
        GD: {"SXD03": 15, "SXD05": 6, "SXD07": 12},
        PGD: {"SXD05": 14, "SXD07": 11, "SXD09": 9, "SXD10": 5},
    }
    paper(page, server, members, 3, step3, 20, KEY_OFFICIALS, "2022-04-22")
    after3 = passing(step3, of_present_30, 20, KEY_OFFICIALS)
    assert "SXD05" in after3[GD] and "SXD10" not in after3[PGD]  # 6 of 20 is 30%; 5 is not
    assert passed(page, 3) == {p: set(c) for p, c in after3.items()}
    step4 = {
        GD: {c: a for c, a in {"SXD03": 9, "SXD05": 7, "SXD07": 8}.items() if c in after3[GD]},
        PGD: {c: a for c, a in {"SXD05": 11, "SXD07": 8, "SXD09": 6}.items() if c in after3[PGD]},
    }
    paper(page, server, members, 4, step4, 12, EXTENDED, "2022-04-25")
    after4 = passing(step4, over_half_present, 12, EXTENDED)
    assert "SXD09" not in after4[PGD]  # 6 of 12 is not more than half
    final = {GD: {"SXD03": 4, "SXD05": 3, "SXD07": 3}, PGD: {"SXD05": 5, "SXD07": 4}}
    assert {p: set(c) for p, c in final.items()} == {p: set(c) for p, c in after4.items()}
    places = {GD: 3 - len(before.get(GD, set())), PGD: 3 - len(before.get(PGD, set()))}
    chosen, tied = top_down(final, LEADERSHIP, LEADERSHIP, places)
    assert tied == {GD: ["SXD05", "SXD07"]}  # one place left after SXD03, two with 3 of 5
    electronic(page, hold, 5, final, LEADERSHIP)
    expect(page.locator("#step-5 .notice")).to_contain_text("Chờ người đứng đầu")
    head_decides(browser, server, paper_step=False, pick=name("SXD07"))
    chosen[GD].append("SXD07")
    page.reload()
    page.screenshot(path=SCREENSHOTS / "synthetic-next-term-province.png", full_page=True)
    submit_and_approve(page, "2022-05-04", "2022-05-20")
    page.get_by_role("link", name="Danh sách công bố").click()
    assert outcome(page) == listed(chosen)
    page.go_back()

    # ========== 2. Next term 2025-2030, the agency's posts ==========
    start(
        page,
        server,
        {
            "procedure": "next_term",
            "tier": "agency",
            "term": "2025-2030",
            "term_start": "2025-10",
            "reference": "2022-04",
            "held_on": "2022-05-05",
        },
    )
    assert "roster_without_externals" not in warnings(page)  # the agency's posts need none
    head_tt, deputy_vp = "Trưởng phòng Thanh tra Sở", "Phó trưởng phòng Văn phòng Sở"
    before = planned("2025-2030")
    expected = {
        p: source(p, reference, next_term, term_start, before) for p in (head_tt, deputy_vp)
    }
    check_source(page, expected)
    # A khiển trách in force on 30/04/2022 bars; one that ended on 15/04/2022 does not.
    assert expected[head_tt][1]["SXD24"] == "discipline"
    assert "SXD23" in expected[deputy_vp][0]
    assert expected[deputy_vp][1]["SXD22"] == "political_standard"
    keep(page, {p: sorted(e[0]) for p, e in expected.items()})
    record(page, 1, "2022-05-05")
    record(page, 2, "2022-05-06")
    step3 = {
        head_tt: {"SXD25": 9, "SXD26": 5, "SXD35": 12, "SXD40": 4},
        deputy_vp: {"SXD21": 10, "SXD23": 8, "SXD34": 11, "SXD36": 5},
    }
    # 15 of 22 present is the quorum exactly (2/3); 30% of 15 is 4,5: 5 passes, 4 does not.
    paper(page, server, members, 3, step3, 15, KEY_OFFICIALS, "2022-05-10")
    after3 = passing(step3, of_present_30, 15, KEY_OFFICIALS)
    assert passed(page, 3) == {p: set(c) for p, c in after3.items()}
    assert "SXD26" in after3[head_tt] and "SXD40" not in after3[head_tt]
    counts4 = {"SXD25": 7, "SXD26": 4, "SXD35": 8, "SXD21": 6, "SXD23": 5, "SXD34": 9, "SXD36": 5}
    step4 = {p: {c: counts4[c] for c in after3[p]} for p in after3}
    paper(page, server, members, 4, step4, 9, EXTENDED, "2022-05-12")
    after4 = passing(step4, over_half_present, 9, EXTENDED)
    assert "SXD23" in after4[deputy_vp] and "SXD26" not in after4[head_tt]  # 5 of 9; 4 of 9
    counts5 = {"SXD25": 3, "SXD35": 4, "SXD21": 4, "SXD23": 3, "SXD34": 4, "SXD36": 3}
    final = {p: {c: counts5[c] for c in after4[p]} for p in after4}
    paper(page, server, members, 5, final, LEADERSHIP, LEADERSHIP, "2022-05-16")
    places = {p: 3 - len(before.get(p, set())) for p in final}
    chosen, tied = top_down(final, LEADERSHIP, LEADERSHIP, places)
    # Three places, four above half of those convened: two with 4 of 5 are in, and SXD23 and
    # SXD36 (3 of 5 each) tie for the last place — the head decides, on paper.
    assert tied == {deputy_vp: ["SXD23", "SXD36"]}
    expect(page.locator("#step-5 .notice")).to_contain_text("Chờ người đứng đầu")
    head_decides(browser, server, paper_step=True, pick=name("SXD36"))
    chosen[deputy_vp].append("SXD36")
    page.reload()
    outcome_line = page.locator("#outcome .structure-line")
    total = sum(len(c) for c in chosen.values())
    expect(outcome_line).to_have_attribute("data-planned", str(total))
    women = sum(PEOPLE[c].sex == "F" for cs in chosen.values() for c in cs)
    expect(outcome_line).to_contain_text(f"{women}")
    submit_and_approve(page, "2022-05-23", "2022-06-10")
    page.get_by_role("link", name="Danh sách công bố").click()
    assert outcome(page) == listed(chosen)
    page.go_back()

    # ========== 3. Annual review of the current term 2021-2026, the agency's posts ==========
    reference = month(2023, 2)
    before = planned("2021-2026")
    start(
        page,
        server,
        {
            "procedure": "annual_review",
            "tier": "agency",
            "term": "2021-2026",
            "reference": "2023-02",
            "held_on": "2023-02-15",
        },
    )
    step1 = page.locator("#step-1")
    automatic = {
        a.get_attribute("data-automatic") or "" for a in step1.locator("[data-automatic]").all()
    }
    # B.II.3's grounds, each by its rule: SXD14 planned after QĐ 50 with 64 months left (72
    # needed), SXD25 under cảnh cáo, SXD29 deceased, SXD16 political standard not met. SXD13,
    # as old but planned before QĐ 50, keeps it with 60 months or more (C.I).
    last_day = date(2023, 2, 28)
    assert retires(PEOPLE["SXD14"]) - reference < 72
    assert 60 <= retires(PEOPLE["SXD13"]) - reference < 72
    assert disciplined(PEOPLE["SXD25"], last_day) and PEOPLE["SXD29"].deceased
    assert not PEOPLE["SXD16"].standard_met
    assert automatic == {"SXD14", "SXD25", "SXD29", "SXD16"}
    # A planned cadre missing from the registry is flagged, not removed (none of the grounds).
    expect(step1.locator("[data-missing=SXD99]")).to_be_visible()
    assert "SXD99" not in PEOPLE
    head_vp, head_qln = "Trưởng phòng Văn phòng Sở", "Trưởng phòng Quản lý Nhà"
    staying = {
        p: {c for c in who if c not in automatic} for p, who in before.items() if p not in (GD, PGD)
    }
    current = {1: 72, 2: 72}  # the agency's posts in the current term (rules.md)
    expected = {p: source(p, reference, current, reference, staying) for p in (head_vp, head_qln)}
    check_source(page, expected)
    assert expected[head_qln][1]["SXD15"] == "at_cap"  # planned for 3 positions already
    assert "SXD11" in expected[head_vp][0]  # born 02/1967: 72 months exactly from 02/2023
    assert expected[head_vp][1]["SXD12"] == "too_few_months"  # born 01/1967: 71
    keep(page, {head_vp: ["SXD11", "SXD21"], head_qln: ["SXD18", "SXD27", "SXD37"]})
    removal_labels = (
        f"{name('SXD09')} — {head_vp}",
        f"{name('SXD17')} — Trưởng phòng Trung tâm Kiểm định Xây dựng",
    )
    record(page, 1, "2023-02-15", removals=removal_labels)
    removal = {
        head_vp: {"SXD09": 2},
        "Trưởng phòng Trung tâm Kiểm định Xây dựng": {"SXD17": 3},
    }
    paper(page, server, members, 1, removal, LEADERSHIP, LEADERSHIP, "2023-02-15")
    removed_by_vote = {c for cs in passing(removal, over_half_convened, 5, 5).values() for c in cs}
    assert removed_by_vote == {"SXD17"}  # 3 of 5 convened; 2 of 5 is not more than half
    places = {p: 3 - len(staying.get(p, set()) - removed_by_vote) for p in (head_vp, head_qln)}
    assert places == {head_vp: 1, head_qln: 3}  # SXD09 and SXD15 stay planned for Văn phòng
    step2 = {head_vp: {"SXD11": 12, "SXD21": 6}, head_qln: {"SXD18": 14, "SXD27": 9, "SXD37": 5}}
    paper(page, server, members, 2, step2, 18, KEY_OFFICIALS, "2023-02-22")
    after2 = passing(step2, of_present_30, 18, KEY_OFFICIALS)
    assert after2 == {head_vp: ["SXD11", "SXD21"], head_qln: ["SXD18", "SXD27"]}
    # One place for Văn phòng: each ballot marks at most one, so of 10 present at most one
    # cadre can have more than half.
    counts3 = {"SXD11": 7, "SXD21": 3, "SXD18": 9, "SXD27": 5}
    step3 = {p: {c: counts3[c] for c in after2[p]} for p in after2}
    paper(page, server, members, 3, step3, 10, EXTENDED, "2023-02-24")
    after3 = passing(step3, over_half_present, 10, EXTENDED)
    assert after3 == {head_vp: ["SXD11"], head_qln: ["SXD18"]}
    final = {head_vp: {"SXD11": 3}, head_qln: {"SXD18": 5}}
    electronic(page, hold, 4, final, LEADERSHIP)
    chosen, tied = top_down(final, LEADERSHIP, LEADERSHIP, places)
    assert tied == {} and chosen == {head_vp: ["SXD11"], head_qln: ["SXD18"]}
    assert passed(page, 4) == {p: set(c) for p, c in chosen.items()}
    assert not {"not_first_quarter", "not_second_quarter"} & warnings(page)
    page.screenshot(path=SCREENSHOTS / "synthetic-review-current.png", full_page=True)
    submit_and_approve(page, "2023-04-03", "2023-04-20")
    assert not {"not_first_quarter", "not_second_quarter"} & warnings(page)
    page.get_by_role("link", name="Danh sách công bố").click()
    assert outcome(page) == listed(chosen)
    published = page.locator("article").inner_text()
    for cadre in (*automatic, "SXD17"):
        assert name(cadre) in published  # on the removed list
    printed = printed_pages(page, "synthetic-published")
    assert "Cấp phê duyệt: Tập thể lãnh đạo Sở Xây dựng tỉnh Thử Nghiệm" in printed
    # The removal ballot is sealed (never announced): a public list gives no percentage of it.
    assert "%" not in printed and not re.search(r"\bSXD\d\d\b", printed)
    page.go_back()

    # ========== 4. Annual review of the next term 2025-2030, the province's posts ==========
    before = planned("2025-2030")
    start(
        page,
        server,
        {
            "procedure": "annual_review",
            "tier": "province",
            "term": "2025-2030",
            "reference": "2023-02",
            "held_on": "2023-03-01",
        },
    )
    assert "roster_without_externals" in warnings(page)
    automatic = {
        a.get_attribute("data-automatic") or ""
        for a in page.locator("#step-1 [data-automatic]").all()
    }
    # The next term's planning needs the whole term from 10/2025 (B.II.2), for those already
    # planned too: SXD02 retires 07/2030 (57 months); SXD05 and SXD07 have exactly 60.
    expected_out = {
        c for p in (GD, PGD) for c in before.get(p, set()) if retires(PEOPLE[c]) - term_start < 60
    }
    assert automatic == expected_out == {"SXD02"}
    staying = {p: before.get(p, set()) - automatic for p in (GD, PGD)}
    expected = {p: source(p, reference, next_term, term_start, staying) for p in (GD, PGD)}
    check_source(page, expected)
    keep(page, {GD: ["SXD05", "SXD10"]})
    record(page, 1, "2023-03-01")
    step2 = {GD: {"SXD05": 10, "SXD10": 5}}
    paper(page, server, members, 2, step2, 16, KEY_OFFICIALS, "2023-03-08")
    assert passing(step2, of_present_30, 16, KEY_OFFICIALS) == {GD: ["SXD05", "SXD10"]}
    step3 = {GD: {"SXD05": 7, "SXD10": 5}}
    paper(page, server, members, 3, step3, 12, EXTENDED, "2023-03-10")
    after3 = passing(step3, over_half_present, 12, EXTENDED)
    assert after3 == {GD: ["SXD05"]}  # 7 of 12 is more than half; 5 is not
    final = {GD: {"SXD05": 4}}
    paper(page, server, members, 4, final, LEADERSHIP, LEADERSHIP, "2023-03-15")
    chosen, tied = top_down(final, LEADERSHIP, LEADERSHIP, {GD: 3 - len(staying[GD])})
    assert chosen == {GD: ["SXD05"]} and tied == {}
    submit_and_approve(page, "2023-04-05", "2023-05-10")
    page.get_by_role("link", name="Danh sách công bố").click()
    assert outcome(page) == listed(chosen)
    page.screenshot(path=SCREENSHOTS / "synthetic-review-next.png", full_page=True)

    # ========== The registry's planning after the four approvals ==========
    adds = {
        ("SXD03", GD, "2025-2030"),
        ("SXD07", GD, "2025-2030"),
        ("SXD05", PGD, "2025-2030"),
        ("SXD07", PGD, "2025-2030"),
        ("SXD25", head_tt, "2025-2030"),
        ("SXD35", head_tt, "2025-2030"),
        ("SXD21", deputy_vp, "2025-2030"),
        ("SXD34", deputy_vp, "2025-2030"),
        ("SXD11", head_vp, "2021-2026"),
        ("SXD18", head_qln, "2021-2026"),
        ("SXD36", deputy_vp, "2025-2030"),
        ("SXD05", GD, "2025-2030"),
    }
    gone = {
        ("SXD14", head_qln, "2021-2026"),
        ("SXD25", "Phó trưởng phòng Thanh tra Sở", "2021-2026"),
        ("SXD29", "Phó trưởng phòng Quản lý Nhà", "2021-2026"),
        ("SXD16", "Trưởng phòng Kinh tế Xây dựng", "2021-2026"),
        ("SXD17", "Trưởng phòng Trung tâm Kiểm định Xây dựng", "2021-2026"),
        ("SXD02", GD, "2025-2030"),
    }
    assert gone <= registry
    assert in_force(page, server) == (registry - gone) | adds

    # ========== The planning ends on appointment (B.I.3), not before 3 months (A.II) ==========
    page.goto(f"{server.base}/organiser/appointments/")
    entry = page.get_by_label("Cán bộ và chức danh quy hoạch")
    entry.select_option(f"SXD11|{head_vp}")
    page.get_by_label("Ngày bắt đầu").fill("2023-07-19")  # approved 20/04/2023
    page.get_by_role("button", name="Bắt đầu quy trình bổ nhiệm").click()
    expect(page.locator("[role=alert]")).to_contain_text("20/07/2023")
    page.get_by_label("Cán bộ và chức danh quy hoạch").select_option(f"SXD11|{head_vp}")
    page.get_by_label("Ngày bắt đầu").fill("2023-07-20")
    page.get_by_role("button", name="Bắt đầu quy trình bổ nhiệm").click()
    running = page.locator("tr[data-cadre=SXD11]")
    expect(running).to_have_attribute("data-status", "running")
    assert_accessible(page, "appointments")
    running.get_by_label("Ngày bổ nhiệm").fill("2023-08-01")
    running.get_by_label("Số quyết định").fill("Số 112/QĐ-SXD")
    running.get_by_role("button", name="Ghi nhận đã bổ nhiệm").click()
    expect(page.locator("tr[data-cadre=SXD11]")).to_have_attribute("data-status", "appointed")
    page.screenshot(path=SCREENSHOTS / "appointments.png", full_page=True)
    assert ("SXD11", head_vp, "2021-2026") not in in_force(page, server)

    # ========== Leadership reads the published lists ==========
    leadership = browser.new_page(viewport={"width": 1100, "height": 900})
    log_in(leadership, server, "/login", "lanh-dao")
    expect(leadership.locator("li[data-process]")).to_have_count(4)
    assert_accessible(leadership, "leadership with four processes")
    leadership.close()
    page.close()
