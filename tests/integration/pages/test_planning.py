"""The organiser's planning pages: start a process from the form, the source list with its
warnings, saving ticks, a refused form shown on the page, the steps recorded, the paper
fallback's forms, and the published lists."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.fixtures import committed
from tests.integration.pages.conftest import AGENCY
from voting.planning import processes
from voting.registry import people
from voting.web.extensions import db

START = {
    "procedure": "next_term",
    "tier": "province",
    "term": "2025-2030",
    "term_start": "2025-10",
    "reference": "2022-04",
    "held_on": "2022-04-20",
    "place": "Hội trường Sở",
}


def started(room: Any, client: Any) -> str:
    with committed(room.app):
        people.import_people(db(), AGENCY)
    response = room.post(client, "/organiser/planning/", **START)
    assert response.status_code == 302, response.text
    match = re.search(r"/organiser/planning/([0-9a-f]{32})$", response.headers["Location"])
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize(("role", "status"), [(None, 302), ("leadership", 403), ("organiser", 200)])
def test_only_the_organiser_runs_processes(room: Any, role: str | None, status: int) -> None:
    """Is the planning console the organiser's alone?"""
    assert room.client(role).get("/organiser/planning/").status_code == status


def test_starting_shows_the_source_list_with_reasons_and_the_structure(room: Any) -> None:
    """Does the new process page list the proposed, the excluded with reasons, and the report?"""
    client = room.client("organiser")
    process = started(room, client)
    page = client.get(f"/organiser/planning/{process}").text
    assert "Bước 2: Hội nghị tập thể lãnh đạo (lần 1)" in page
    assert 'data-position="Giám đốc Sở"' in page and 'data-position="Phó Giám đốc Sở"' in page
    assert 'class="warning" data-code="too_few_months"' in page
    assert 'id="structure"' in page and "pages/structure.js" in page


def test_ticks_are_saved_and_a_bad_id_is_refused_on_the_page(room: Any) -> None:
    """Does saving keep only the ticked cadres, and is an unknown id refused, nothing saved?"""
    client = room.client("organiser")
    process = started(room, client)
    with room.app.app_context():
        before = processes.get(db(), process).source
    keep = before[0]["candidates"][:2]
    response = room.post(
        client,
        f"/organiser/planning/{process}/source",
        **{"cadre:0": keep, "cadre:1": before[1]["candidates"], "add:0": "KHONG-CO"},
    )
    assert response.status_code == 422
    assert "KHONG-CO" in response.text
    with room.app.app_context():
        assert processes.get(db(), process).source == before
    response = room.post(
        client,
        f"/organiser/planning/{process}/source",
        **{"cadre:0": keep, "cadre:1": before[1]["candidates"]},
    )
    assert response.status_code == 302
    with room.app.app_context():
        assert processes.get(db(), process).source[0]["candidates"] == keep


def test_recording_steps_then_entering_paper_counts(room: Any) -> None:
    """Can steps 1 and 2 be recorded, and step 3's paper counts entered and confirmed twice?"""
    client = room.client("organiser")
    process = started(room, client)
    with room.app.app_context():
        source = processes.get(db(), process).source
    room.post(
        client,
        f"/organiser/planning/{process}/source",
        **{"cadre:0": source[0]["candidates"][:2], "cadre:1": source[1]["candidates"][:1]},
    )
    for number in (1, 2):
        response = room.post(
            client, f"/organiser/planning/{process}/steps/{number}/approval", held_on="2022-04-21"
        )
        assert response.status_code == 302, response.text
    page = client.get(f"/organiser/planning/{process}").text
    # Step 3's candidate list shows its structure report.
    assert 'class="meta structure-line" data-planned="3"' in page
    fields = sorted(set(re.findall(r'name="(count:\d+:[^"]+)"', page)))
    assert len(fields) == 3
    counts = dict.fromkeys(fields, "20")
    paper = f"/organiser/planning/{process}/steps/3/paper"
    # Those convened are step 3's roster (28 in the sample agency): the form starts from it.
    convened = re.search(r'name="convened" min="1" required value="(\d+)"', page)
    assert convened is not None and convened[1] == "28"
    response = room.post(client, paper, held_on="2022-04-25", convened="28", present="28", **counts)
    assert response.status_code == 302, response.text
    confirm = f"{paper}/confirmations"
    # Each member confirms from their own account; the one who entered the counts cannot.
    refused = room.post(client, confirm, member="Thành viên 1", **counts)
    assert refused.status_code == 409 and "Người đã nhập kết quả" in refused.text
    page = client.get(f"/organiser/planning/{process}").text
    assert 'data-field="confirm-elsewhere"' in page and f"{confirm}</a>" in page
    for role, member in (("leadership", "Thành viên 1"), ("head", "Thành viên 2")):
        other = room.client(role)
        own_page = other.get(confirm)
        assert own_page.status_code == 200 and 'name="member"' in own_page.text
        assert 'value="20"' not in own_page.text  # the counts entered are not shown
        response = room.post(other, confirm, member=member, **counts)
        assert response.status_code == 302, response.text
        again = other.get(confirm).text
        assert 'data-field="confirm-elsewhere"' in again or "đủ hai xác nhận" in again
    page = client.get(f"/organiser/planning/{process}").text
    assert 'data-step="3" data-status="done"' in page and 'data-paper="true"' in page
    published = client.get(f"/organiser/planning/{process}/published")
    assert published.status_code == 200
    # The published lists say which step was held on paper, and by whom it was confirmed.
    assert '<li data-step="3" data-paper="true">' in published.text
    assert "Phiếu giấy" in published.text and "Thành viên 1, Thành viên 2" in published.text
    # No decision of the head and the final step not on paper: neither is claimed.
    assert 'data-field="head-decision"' not in published.text
    assert 'data-field="final-paper"' not in published.text


def test_a_start_form_with_a_bad_date_is_refused_on_the_page(room: Any) -> None:
    """Is a start form whose date is not YYYY-MM-DD refused on the page, naming the field,
    with no process made?"""
    client = room.client("organiser")
    with committed(room.app):
        people.import_people(db(), AGENCY)
    response = room.post(client, "/organiser/planning/", **(START | {"held_on": "20/04/2022"}))
    assert response.status_code == 422
    assert "Trường “held_on” phải là ngày dạng YYYY-MM-DD." in response.text
    with room.app.app_context():
        assert processes.every(db()) == []
