"""`voting demo-record` writes a signed record and its expected counts; `voting verify` agrees
with them, pins the installation key, and refuses any change."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from voting import canonical
from voting.cli import main


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("VOTING_INSTANCE", str(tmp_path / "instance"))
    return CliRunner()


def make(runner: CliRunner, out: Path, *args: str) -> None:
    result = runner.invoke(main, ["demo-record", str(out), *args])
    assert result.exit_code == 0, result.output


def test_demo_record_verifies_to_its_expected_counts(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "rec.json"
    make(runner, out, "--voters", "7", "--candidates", "5", "--sections", "2", "--quota", "3")
    expected = json.loads((tmp_path / "rec.counts.json").read_text("utf-8"))
    assert {s: len(c) for s, c in expected.items()} == {"s1": 3, "s2": 2}
    record = canonical.loads(out.read_bytes())
    assert [s["quota"] for s in record["ballot"]["sections"]] == [3, 2]
    assert record["counts"] == expected
    assert all(0 <= n <= 7 for counts in expected.values() for n in counts.values())
    key = record["installation"]["public_key"]
    result = runner.invoke(main, ["verify", str(out), "--key", key])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("VERIFIED")
    for section, counts in expected.items():
        assert f"{section}: " + ", ".join(f"{c} {n}" for c, n in counts.items()) in result.output


def test_verify_fails_on_a_changed_byte_or_another_key(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "rec.json"
    make(runner, out, "--voters", "3", "--candidates", "2")
    data = bytearray(out.read_bytes())
    index = data.index(b'"counts"') + 20
    data[index] ^= 0x02
    changed = tmp_path / "changed.json"
    changed.write_bytes(bytes(data))
    result = runner.invoke(main, ["verify", str(changed)])
    assert result.exit_code == 1 and "NOT VERIFIED" in result.output
    result = runner.invoke(main, ["verify", str(out), "--key", "ab" * 32])
    assert result.exit_code == 1 and "not the expected" in result.output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--voters", "2", "--candidates", "1", "--sections", "2"], "one candidate per section"),
        (["--voters", "0", "--candidates", "3"], "0 is not in the range"),
        (["--voters", "2", "--candidates", "2", "--step", "2"], "holds no candidates ballot"),
        (["--voters", "2", "--candidates", "2", "--step", "9"], "has no step 9"),
        (["--voters", "2", "--candidates", "4", "--quota", "4", "--step", "5"], "quota"),
    ],
)
def test_impossible_sizes_are_refused(
    runner: CliRunner, tmp_path: Path, args: list[str], fragment: str
) -> None:
    result = runner.invoke(main, ["demo-record", str(tmp_path / "r.json"), *args])
    assert result.exit_code != 0 and fragment in result.output
    assert not (tmp_path / "r.json").exists()


def test_verify_reports_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["verify", str(tmp_path / "none.json")])
    assert result.exit_code == 1 and "No such file" in result.output


def test_a_final_step_demo_record_is_complete_and_verifies(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "rec.json"
    make(runner, out, "--voters", "5", "--candidates", "3", "--quota", "2", "--step", "5")
    record = canonical.loads(out.read_bytes())
    assert record["conference"]["step"] == 5 and set(record["selection"]["chosen"]) == {"s1"}
    passing = [c for c, row in record["evaluation"]["s1"].items() if row["passed"]]
    assert all(row["base"] == "convened" for row in record["evaluation"]["s1"].values())
    result = runner.invoke(main, ["verify", str(out)])
    assert result.exit_code == 0, result.output
    events = len(record["events"])
    assert f"Event chain of {events} events intact; {len(passing)} candidate(s) pass" in (
        result.output
    )


def test_the_offline_commands_do_not_load_the_web_application() -> None:
    """Does `voting verify` start without Flask and SQLAlchemy, while `voting serve` still
    loads them when called?"""
    import subprocess
    import sys

    probe = (
        "import sys, voting.cli; "
        "print(sorted(m for m in ('flask', 'sqlalchemy') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "gunicorn" in result.output


def test_verify_warns_loudly_without_a_key(runner: CliRunner, tmp_path: Path) -> None:
    """Without --key a fabricated record would verify: the command says so, and names the
    key's fingerprint to compare with the one printed at the conference."""
    out = tmp_path / "rec.json"
    make(runner, out, "--voters", "3", "--candidates", "2")
    key = canonical.loads(out.read_bytes())["installation"]["public_key"]
    result = runner.invoke(main, ["verify", str(out)])
    assert result.exit_code == 0
    assert "WARNING: no --key given" in result.output and "NOT PINNED" in result.output
    result = runner.invoke(main, ["verify", str(out), "--key", key.upper()])
    assert result.exit_code == 0 and "WARNING" not in result.output
    assert "Fingerprint " in result.output


def test_a_failure_names_its_numbered_check(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "rec.json"
    make(runner, out, "--voters", "3", "--candidates", "2")
    result = runner.invoke(main, ["verify", str(out), "--key", "ab" * 32])
    assert result.exit_code == 1 and "NOT VERIFIED (check 2, docs/record.md)" in result.output


def test_verify_looks_up_receipts(runner: CliRunner, tmp_path: Path) -> None:
    """A voter's receipt (the first 16 hex digits of their ballot's hash, as the phone shows
    it) is found in the list; one that is not there fails the command."""
    out = tmp_path / "rec.json"
    make(runner, out, "--voters", "3", "--candidates", "2")
    ballot = canonical.loads(out.read_bytes())["ballots"][1]
    digits = canonical.sha256_hex(ballot)[:16].upper()
    receipt = " ".join(digits[i : i + 4] for i in range(0, 16, 4))
    result = runner.invoke(main, ["verify", str(out), "--receipt", receipt])
    assert result.exit_code == 0 and f"Receipt {receipt}: in the ballot list" in result.output
    result = runner.invoke(main, ["verify", str(out), "--receipt", "0000 0000 0000 0000"])
    assert result.exit_code == 1 and "NOT in the record's ballot list" in result.output
    result = runner.invoke(main, ["verify", str(out), "--receipt", "hello"])
    assert result.exit_code == 2 and "not a receipt" in result.output
