"""`voting rules show`: the rule set as a readable table, or a clear error."""

import json
from pathlib import Path

from click.testing import CliRunner

from voting.cli import main
from voting.rules import KH331


def test_rules_show_prints_kh331() -> None:
    """Does the default table show both procedures, every threshold and the hash?"""
    result = CliRunner().invoke(main, ["rules", "show"])
    assert result.exit_code == 0, result.output
    assert "Xây dựng quy hoạch cán bộ nhiệm kỳ kế tiếp" in result.output
    assert "Rà soát, bổ sung quy hoạch hằng năm" in result.output
    assert "≥ 3/10 of present" in result.output
    assert "> 1/2 of convened" in result.output
    assert KH331.hash in result.output


def test_rules_show_reports_a_malformed_file(tmp_path: Path) -> None:
    """A broken rule-set file exits non-zero with the file and the fault, not a traceback."""
    path = tmp_path / "agency.json"
    path.write_text(json.dumps({"name": "X"}), "utf-8")
    result = CliRunner().invoke(main, ["rules", "show", str(path)])
    assert result.exit_code == 1
    assert "agency.json" in result.output and "missing" in result.output
    assert "Traceback" not in result.output
