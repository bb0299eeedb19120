"""The installable package: scripts/build-wheel makes a wheel that carries the browser bundles,
the rule sets and the demo's sample agency; installed into a fresh virtual environment it runs
`voting --version` and builds the demo conference without the repository beside it."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

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


def test_the_installed_wheel_runs_without_the_repository(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # the dependencies come from the test's environment (no network); voting from the wheel
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    version = subprocess.run(
        [str(venv / "bin" / "voting"), "--version"], check=True, capture_output=True, text=True
    )
    assert version.stdout.strip() == f"voting, version {__version__}"
    script = """
import os, sys
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
        [str(python), "-c", script],
        cwd=work,
        env={"PATH": "/usr/bin:/bin", "VOTING_INSTANCE": str(tmp_path / "demo")},
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr
    assert len(demo.stdout.strip()) == 32
