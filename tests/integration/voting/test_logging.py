"""The server's log (voting.web.logs, docs/server.md "Logging"): organiser and committee
requests, phase changes, device revocations and refusals are logged; nothing from the voters'
phones, the cast or the kiosk is, so no line can link a person to a ballot."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from tests.integration.voting import test_flow as flow


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records]


def test_the_room_is_logged_and_the_cast_is_not(
    site: Any, organiser: Any, phones: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="voting")
    conference, p = flow.open_vote(site, organiser, phones, step=4, present=18)
    base = f"/api/conferences/{conference}"
    before = "\n".join(lines(caplog))
    assert f"conference {conference}: phase checkin -> voting by user:van-phong" in before
    assert f"POST {base}/phase 200 by user:van-phong" in before
    assert "committee.complete" in before
    kiosk = site.issue_device(organiser, conference, "kiosk")

    caplog.clear()
    receipts = []
    for card in p.dealt[:3]:
        response = flow.cast(site, conference, card, {"s1": ["s1c1"]})
        assert response.status_code == 201
        receipts.append(response.json["receipt"])
    again = flow.cast(site, conference, p.dealt[0], {"s1": ["s1c2"]})
    assert again.status_code >= 400
    anonymous = site.app.test_client()
    assert anonymous.get(f"/vote/{conference}").status_code in (200, 302, 404)
    assert anonymous.get(f"{base}/ballots/{receipts[0]}").status_code == 200
    kiosk_api = site.device(kiosk["token"])
    assert kiosk_api.get(base).status_code == 200
    assert site.app.test_client().get(f"/kiosk/{kiosk['token']}").status_code == 200
    assert lines(caplog) == []  # not one line while the room votes

    caplog.clear()
    revoked = organiser.delete(f"/api/devices/{kiosk['id']}")
    assert revoked.status_code in (200, 204), revoked.json
    refused = organiser.post(f"{base}/phase", json={"to": "setup"})
    assert refused.status_code >= 400
    after = lines(caplog)
    assert any(f"device link {kiosk['id']} of conference" in line for line in after), after
    assert any("WARNING" in line and f"refused POST {base}/phase" in line for line in after)

    flow.close(organiser, conference)
    text = "\n".join(lines(caplog))
    for secret in [*receipts, *(card.public_hex for card in p.dealt)]:
        assert secret not in text


def test_logins_are_logged_to_a_size_limited_file(tmp_path: Path) -> None:
    from logging.handlers import RotatingFileHandler

    from voting.web import create_app

    log = tmp_path / "voting.log"
    app = create_app({"INSTANCE_PATH": tmp_path / "other", "TESTING": True, "LOG_FILE": str(log)})
    client = app.test_client()
    csrf = client.get("/api/session").json["csrf_token"]  # type: ignore[index]
    wrong = {"username": "van-phong", "password": "sai mật khẩu"}
    assert (
        client.post("/api/session", json=wrong, headers={"X-CSRF-Token": csrf}).status_code == 401
    )
    [handler] = [
        h for h in logging.getLogger("voting").handlers if hasattr(h, "voting_destination")
    ]
    assert isinstance(handler, RotatingFileHandler) and handler.maxBytes == 5 * 1024 * 1024
    written = log.read_text("utf-8")
    assert "WARNING voting.requests: refused POST /api/session 401 by anonymous" in written
    assert "sai mật khẩu" not in written and "van-phong" not in written
    app.extensions["voting.database"].dispose()
    logging.getLogger("voting").removeHandler(handler)  # the next app logs to stderr again
    handler.close()


def test_an_unexpected_error_in_the_cast_logs_its_kind_only(
    site: Any, organiser: Any, phones: Any, caplog: pytest.LogCaptureFixture, monkeypatch: Any
) -> None:
    conference, p = flow.open_vote(site, organiser, phones, step=4, present=18)
    from voting.conference import casting

    def broken(*args: Any) -> Any:
        raise ValueError(f"card {p.dealt[0].public_hex} chose s1c1")

    monkeypatch.setattr(casting, "cast", broken)
    caplog.set_level(logging.INFO, logger="voting")
    caplog.clear()
    assert flow.cast(site, conference, p.dealt[0], {"s1": ["s1c1"]}).status_code == 500
    assert lines(caplog) == [
        "voting.web.errors ERROR unhandled error on a ballot, card, voter or kiosk path: ValueError"
    ]
    assert not any(record.exc_info for record in caplog.records)
    # elsewhere the traceback is kept
    monkeypatch.setattr("voting.web.api.rules.rule_set", broken)
    caplog.clear()
    assert organiser.get("/api/rules").status_code == 500
    assert any(record.exc_info for record in caplog.records)
