"""The installable package: scripts/build-wheel makes a wheel that carries the browser bundles,
the rule sets and the demo's sample agency; installed into a fresh virtual environment it runs
`voting --version` and builds the demo conference without the repository beside it."""

from __future__ import annotations

import json
import re
import socket
import stat
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest
import requests

from voting import __version__

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [str(ROOT / "scripts" / "build-wheel"), "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    path = Path(built.stdout.strip().splitlines()[-1])
    assert path.parent == out and path.name == f"voting-{__version__}-py3-none-any.whl"
    return path


def test_the_wheel_carries_the_bundles_rules_and_sample_agency(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("voting/web/static/dist/manifest.json"))
        for name, item in {**manifest["bundles"], **manifest["pages"]}.items():
            assert len(archive.read(f"voting/web/static/dist/{name}")) == item["bytes"]
    for name in (
        "voting/rules/kh331.toml",
        "voting/rules/qd377.toml",
        "voting/sample/sample-agency.csv",
        "voting/sample/sample-external-attendees.csv",
        "voting/sample/sample-current-planning.csv",
        "voting/store/migrations/versions/0001_initial.py",
        "voting/web/templates/base.html",
    ):
        assert name in names, name


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed (its dependencies are the test
    environment's: no network)."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    return venv


def test_the_installed_wheel_runs_without_the_repository(installed: Path, tmp_path: Path) -> None:
    version = subprocess.run(
        [str(installed / "bin" / "voting"), "--version"], check=True, capture_output=True, text=True
    )
    assert version.stdout.strip() == f"voting, version {__version__}"
    script = """
import sys
import voting
from voting import sample
from voting.tally.bundles import served_bundles
from voting.web import create_app
from voting.web.demo import build
assert voting.__file__.startswith(sys.prefix), voting.__file__
assert sample.AGENCY.is_file() and served_bundles()
made = build(create_app())
print(made.conference_id)
"""
    work = tmp_path / "elsewhere"
    work.mkdir()
    demo = subprocess.run(
        [str(installed / "bin" / "python"), "-c", script],
        cwd=work,
        env={"PATH": "/usr/bin:/bin", "VOTING_INSTANCE": str(tmp_path / "demo")},
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr
    assert len(demo.stdout.strip()) == 32


def serving(venv: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`voting serve` of the installed package on a free port, once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(venv / "bin" / "voting"), "serve", "--port", str(port), "--threads", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            requests.get(f"{base}/api/ping", timeout=1)
            return process, base
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("voting serve did not answer")


def visit(base: str) -> tuple[str, str]:
    """The installation key's fingerprint on the start page, and the rule set an organiser
    sees after logging in."""
    page = requests.get(f"{base}/", timeout=5).text
    [fingerprint] = set(re.findall(r"\b[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\b", page))
    http = requests.Session()
    csrf = http.get(f"{base}/api/session", timeout=5).json()["csrf_token"]
    login = {"username": "van-phong", "password": "mật khẩu đủ dài"}
    reply = http.post(f"{base}/api/session", json=login, headers={"X-CSRF-Token": csrf}, timeout=5)
    assert reply.status_code == 200, reply.text
    return fingerprint, http.get(f"{base}/api/rules", timeout=5).json()["name"]


def test_the_installed_service_keeps_its_data_across_a_restart(
    installed: Path, tmp_path: Path
) -> None:
    """The service's life from the wheel: an account made, the agency's rule set (the shipped
    QĐ 377 file), stop and start on the same data folder: same key, same account, private files."""
    data = tmp_path / "var-lib-voting"
    data.mkdir(mode=0o700)
    rules = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import voting.rules as r; print(r.__path__[0])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    env = {
        "PATH": "/usr/bin:/bin",
        "VOTING_INSTANCE": str(data),
        "VOTING_RULES": f"{rules}/qd377.toml",
    }
    created = subprocess.run(
        [
            *(str(installed / "bin" / "voting"), "admin", "create", "--role", "organiser"),
            *("--username", "van-phong", "--password-stdin"),
        ],
        input="mật khẩu đủ dài\n",
        env=env,
        capture_output=True,
        text=True,
    )
    assert created.returncode == 0, created.stderr
    seen = []
    for _ in range(2):  # start, stop, start again
        process, base = serving(installed, env)
        try:
            seen.append(visit(base))
        finally:
            process.terminate()
            process.wait(timeout=15)
    assert seen[0] == seen[1] and seen[0][1] == "QD377"
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in data.iterdir()}
    assert modes and set(modes.values()) == {0o600}, modes
