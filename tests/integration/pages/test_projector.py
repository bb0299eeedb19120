"""The projector: public, read-only, the quorum state only."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.integration.pages.conftest import texts
from voting.store import Phase


def test_anyone_sees_the_projector(room: Any) -> None:
    """Does the projector open without an account and show conference, step, convened,
    present, the verdict with what is missing, the phase, the public reference's slots (filled
    live by its script) and the SHA-256 of each browser bundle it serves?"""
    conference = room.conference(Phase.CHECKIN)
    response = room.client().get(f"/projector/{conference}")
    assert response.status_code == 200
    page = response.text
    assert "Hội nghị tập thể lãnh đạo mở rộng" in page
    assert "Bước 4: Hội nghị tập thể lãnh đạo mở rộng" in page
    assert texts(response, "value") == ["16", "0"]
    assert "Chưa đủ 2/3 số người được triệu tập" in page
    assert "Cần thêm 11 người" in page
    assert 'data-field="phase">Điểm danh<' in page
    assert 'id="reference"' in page and 'data-field="list-hash"' in page
    assert "dist/pages/projector.js" in page
    assert "SHA-256 mã chạy trên trình duyệt" in page


def test_the_projector_shows_no_roster(room: Any) -> None:
    """Does the public page leave out who is convened (names are not public data)?"""
    conference = room.conference(Phase.CHECKIN)
    page = room.client().get(f"/projector/{conference}").text
    assert "Mai Hữu Huy" not in page


def test_an_unknown_conference_is_not_found(room: Any) -> None:
    """Is a made-up conference id a 404 page?"""
    response = room.client().get("/projector/" + "0" * 32)
    assert response.status_code == 404
    assert "Không tìm thấy hội nghị." in response.text


def test_the_projector_in_english(room: Any) -> None:
    """Does ?lang=en give the projector in English?"""
    conference = room.conference(Phase.CHECKIN)
    page = room.client().get(f"/projector/{conference}?lang=en").text
    assert "Convened" in page and "11 more needed" in page
    assert "Step 4: extended leadership collective" in page


def test_the_projector_shows_the_sha256_of_every_script_served(room: Any) -> None:
    """Issue 16, item 15: does the projector show, in full, the SHA-256 of the very bytes the
    server sends for every bundle and page script (so the room can compare them with the
    released build), the crypto bundles included?"""
    conference = room.conference(Phase.CHECKIN)
    client = room.client()
    page = client.get(f"/projector/{conference}").text
    manifest = client.get("/static/dist/manifest.json").json
    names = [*manifest["bundles"], *manifest["pages"]]
    assert {"voter.js", "committee.js", "worker.js", "pages/vote.js"} <= set(names)
    for name in names:
        served = client.get(f"/static/dist/{name}").data
        assert f'<code class="sha">{hashlib.sha256(served).hexdigest()}</code> {name}' in page
