"""The real app on a free port in a background thread (a threaded werkzeug server, which
carries Socket.IO's WebSockets through simple-websocket), and Debian Chromium driven by
Playwright reaching it as http://voting.test:<port> — a non-loopback name, so the pages run
in an insecure context as they will in the room (design.md "No HTTPS in the room")."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect, sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

from tests.fixtures import committed
from voting.conference import accounts
from voting.web import create_app
from voting.web.extensions import DATABASE, db

# Every page waits on crypto in WebAssembly and on pushes; on a loaded two-core machine a step
# can take longer than Playwright's default 5 s. A condition still has to come true.
expect.set_options(timeout=20_000)

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# axe-core from node_modules (npm devDependency, never committed), evaluated in the page by the
# test: nothing of it is served by the app.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
USERNAME, PASSWORD = "van-phong", "mật khẩu đủ dài"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP voting.test 127.0.0.1",
]


@dataclass
class Server:
    """The app being served and its address as the room's devices use it."""

    app: Flask
    base: str
    thread: threading.Thread
    http: BaseWSGIServer


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path, database_url: str | None) -> Iterator[Server]:
    """The app on a fresh instance folder and database (SQLite, or PostgreSQL when the suite
    runs against it), with an organiser account."""
    port = free_port()
    base = f"http://voting.test:{port}"
    app = create_app(
        {"INSTANCE_PATH": tmp_path / "instance", "PUBLIC_URL": base}
        | ({"DATABASE_URL": database_url} if database_url else {})
    )
    with committed(app):
        accounts.create(db(), USERNAME, "organiser", PASSWORD)
    http = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield Server(app, base, thread, http)
    http.shutdown()
    thread.join(timeout=5)
    app.extensions[DATABASE].dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class GunicornServer:
    """The app under gunicorn (gevent), as `voting serve` runs it, in a process of its own
    that a test can stop and start again on the same port and database."""

    def __init__(
        self,
        instance: Path,
        port: int,
        database_url: str = "",
        log: Path | None = None,
        workers: int = 1,
    ) -> None:
        self.log, self.workers = log, workers
        self.base = f"http://voting.test:{port}"
        self.port = port
        self.environment = {
            **os.environ,
            "VOTING_INSTANCE": str(instance),
            "VOTING_PUBLIC_URL": self.base,
        }
        if database_url:
            self.environment["VOTING_DATABASE_URL"] = database_url
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start serving and return once the server answers."""
        code = (
            "import functools\n"
            "from voting.web import create_app\n"
            "from voting.web.server import Server, options\n"
            f"factory = functools.partial(create_app, {{'WORKERS': {self.workers}}})\n"
            f"Server(factory, options('127.0.0.1', {self.port}, {self.workers})).run()\n"
        )
        with open(self.log or os.devnull, "ab") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [sys.executable, "-c", code],
                env=self.environment,
                stderr=log,
                start_new_session=True,  # its own process group: master and worker stop together
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/ping", timeout=1):
                    return
            except OSError:
                time.sleep(0.05)  # polling a port that is not open yet has no event to wait on
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        """Stop at once, as a crash or a power cut would: every open connection drops (a
        graceful stop would wait for the open WebSockets)."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[GunicornServer]:
    """A gunicorn server on a fresh instance folder (not started: the test starts it)."""
    served = GunicornServer(tmp_path / "instance", free_port())
    yield served
    served.stop()


def assert_accessible(page: Page, name: str) -> None:
    """axe-core finds no serious or critical violation on `page` as it stands (`name` says
    which page in the failure)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text("utf-8"))
    found = page.evaluate(
        """async () => {
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) =>
            n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')
          ).join('; ')}`);
        }"""
    )
    assert found == [], f"{name}: {found}"
