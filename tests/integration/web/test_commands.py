"""The commands: `voting admin create` makes accounts; `voting serve` runs the app under
gunicorn (gevent) with Socket.IO over real WebSockets."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio
from click.testing import CliRunner

from voting.conference import accounts
from voting.web import create_app
from voting.web.commands import admin
from voting.web.extensions import db


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The data folder; `voting admin` sets the process's umask, which is put back after."""
    folder = tmp_path / "served"
    folder.mkdir()
    monkeypatch.setenv("VOTING_INSTANCE", str(folder))
    umask = os.umask(0o022)
    yield folder
    os.umask(umask)


def can_log_in(username: str, password: str) -> bool:
    app = create_app()
    with app.app_context():
        found = accounts.authenticate(db(), username, password) is not None
    app.extensions["voting.database"].dispose()
    return found


def test_admin_create_reads_the_password_from_stdin(instance: Path) -> None:
    """Does `admin create --password-stdin` make an account that can log in?"""
    result = CliRunner().invoke(
        admin,
        ["create", "--role", "organiser", "--username", "van-phong", "--password-stdin"],
        input="mật khẩu đủ dài\n",
    )
    assert result.exit_code == 0, result.output
    assert "van-phong (organiser)" in result.output
    assert can_log_in("van-phong", "mật khẩu đủ dài")
    assert not can_log_in("van-phong", "mật khẩu khác")


def test_admin_create_asks_twice_without_stdin(instance: Path) -> None:
    """Without --password-stdin, is the password asked for and confirmed?"""
    result = CliRunner().invoke(
        admin,
        ["create", "--role", "head", "--username", "nguoi-dung-dau"],
        input="mật khẩu đủ dài\nmật khẩu đủ dài\n",
    )
    assert result.exit_code == 0, result.output
    assert can_log_in("nguoi-dung-dau", "mật khẩu đủ dài")


def test_admin_lists_resets_and_disables_accounts(instance: Path) -> None:
    """Does `admin list` show each account with its display name, `admin passwd` change the
    password (a short one refused), and `admin disable` stop the account logging in until
    `--enable`?"""
    runner = CliRunner()
    made = runner.invoke(
        admin,
        [
            *("create", "--role", "leadership", "--username", "lanh-dao"),
            *("--display-name", "Nguyễn Văn Hùng", "--password-stdin"),
        ],
        input="mật khẩu đủ dài\n",
    )
    assert made.exit_code == 0, made.output
    listed = runner.invoke(admin, ["list"])
    assert "lanh-dao\tleadership\tNguyễn Văn Hùng\thoạt động / active" in listed.output
    short = runner.invoke(admin, ["passwd", "lanh-dao", "--password-stdin"], input="ngắn\n")
    assert short.exit_code == 1 and "ít nhất 8 ký tự" in short.output
    changed = runner.invoke(
        admin, ["passwd", "lanh-dao", "--password-stdin"], input="mật khẩu mới đủ dài\n"
    )
    assert changed.exit_code == 0, changed.output
    assert can_log_in("lanh-dao", "mật khẩu mới đủ dài")
    assert not can_log_in("lanh-dao", "mật khẩu đủ dài")
    assert runner.invoke(admin, ["disable", "lanh-dao"]).exit_code == 0
    assert not can_log_in("lanh-dao", "mật khẩu mới đủ dài")
    assert "đã khóa / disabled" in runner.invoke(admin, ["list"]).output
    assert runner.invoke(admin, ["disable", "lanh-dao", "--enable"]).exit_code == 0
    assert can_log_in("lanh-dao", "mật khẩu mới đủ dài")
    unknown = runner.invoke(admin, ["disable", "ai-do"])
    assert unknown.exit_code == 1 and "Không có tài khoản" in unknown.output


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--role", "organiser", "--username", "a"], "ngắn\n", "ít nhất 8 ký tự"),
        (["--role", "king", "--username", "a"], "mật khẩu đủ dài\n", "Invalid value"),
    ],
)
def test_admin_create_refuses_bad_accounts(
    instance: Path, args: list[str], password: str, message: str
) -> None:
    """Is a short password or an unknown role refused with a clear message?"""
    result = CliRunner().invoke(admin, ["create", *args, "--password-stdin"], input=password)
    assert result.exit_code != 0
    assert message in result.output


def test_admin_create_refuses_a_taken_username(instance: Path) -> None:
    """Is a second account with the same name refused?"""
    runner = CliRunner()
    args = ["create", "--role", "organiser", "--username", "van-phong", "--password-stdin"]
    assert runner.invoke(admin, args, input="mật khẩu đủ dài\n").exit_code == 0
    result = runner.invoke(admin, args, input="mật khẩu đủ dài\n")
    assert result.exit_code != 0
    assert "đã có" in result.output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(instance: Path) -> Iterator[str]:
    """`voting serve` in a child process; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from voting.web.commands import serve; serve()",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--connections",
            "50",
        ],
        env=os.environ | {"VOTING_INSTANCE": str(instance)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/api/ping", timeout=1)
                break
            except requests.RequestException:  # not listening yet, or the worker still booting
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=10)
        assert b"gevent" in errors


def test_serve_pushes_check_ins_over_a_real_websocket(server: str, site: Any) -> None:
    """Under gunicorn, does a projector on a WebSocket see the desk's check-in?"""
    created = CliRunner().invoke(
        admin,
        ["create", "--role", "organiser", "--username", "van-phong", "--password-stdin"],
        input="mật khẩu đủ dài\n",
    )
    assert created.exit_code == 0, created.output
    http = requests.Session()
    csrf = http.get(f"{server}/api/session").json()["csrf_token"]
    login = {"username": "van-phong", "password": "mật khẩu đủ dài"}
    csrf = http.post(f"{server}/api/session", json=login, headers={"X-CSRF-Token": csrf}).json()[
        "csrf_token"
    ]
    headers = {"X-CSRF-Token": csrf}
    with site.agency.open("rb") as people:
        http.post(f"{server}/api/people", files={"file": people}, headers=headers)
    conference = http.post(
        f"{server}/api/conferences", json=site.new_conference | {"step": 5}, headers=headers
    ).json()["id"]
    base = f"{server}/api/conferences/{conference}"
    http.post(f"{base}/roster/draw", headers=headers)
    http.put(f"{base}/ballot", json=site.ballot, headers=headers)
    http.post(f"{base}/phase", json={"to": "checkin"}, headers=headers)
    token = http.post(
        f"{base}/devices", json={"kind": "checkin_desk", "label": "Bàn 1"}, headers=headers
    ).json()["token"]
    attendee = http.get(f"{base}/roster").json()["attendees"][0]["id"]

    received: list[dict[str, Any]] = []
    arrived = threading.Event()
    projector = socketio.Client()

    @projector.on("state", namespace="/room")
    def state(data: dict[str, Any]) -> None:
        received.append(data)
        if data["present"] == 1:
            arrived.set()

    projector.connect(server, namespaces=["/room"], transports=["websocket"])
    try:
        assert projector.transport() == "websocket"
        reply = projector.call("join", {"conference": conference}, namespace="/room")
        assert reply["state"]["convened"] == 5
        desk = requests.post(
            f"{base}/attendees/{attendee}/check-in",
            headers={"Authorization": f"Device {token}"},
            timeout=5,
        )
        assert desk.status_code == 200
        assert arrived.wait(5)
    finally:
        projector.disconnect()
    assert received[-1]["present"] == 1 and received[-1]["quorum_met"] is False
