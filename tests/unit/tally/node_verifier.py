"""The JavaScript verifier (js/tools/verify-record.mjs) from Python tests: the number of the
first failing check of each record file, 0 when it verifies."""

import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[3]
TOOL = ROOT / "js" / "tools" / "verify-record.mjs"


def javascript_checks(files: list[Path], key: str | None = None) -> dict[str, int]:
    pinned = ["--key", key] if key else []
    done = subprocess.run(
        ["node", str(TOOL), *pinned, *map(str, files)],
        capture_output=True,
        check=True,
        timeout=600,
        cwd=ROOT,
    )
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    return {line["file"]: line["check"] for line in lines}


def javascript_check(data: bytes, key: str | None = None) -> int:
    """One record's bytes through the JavaScript verifier."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.json"
        path.write_bytes(data)
        return javascript_checks([path], key)[str(path)]
