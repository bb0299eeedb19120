"""The browser bundles' SHA-256 as the build's manifest lists them: the record carries the ones
served while the conference ran, so the minutes print what anyone can rebuild and compare
(design.md guarantee 1)."""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = Path(__file__).parents[1] / "web" / "static" / "dist" / "manifest.json"


def served_bundles(manifest: Path = MANIFEST, pages: bool = False) -> dict[str, str]:
    """Bundle name → SHA-256 (hex) of the manifest's `bundles` (the cryptography, as records
    hold them), with its `pages` too (every script a page runs, as the projector shows them)
    when asked; empty without a build."""
    if not manifest.is_file():
        return {}
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    every = {**listed.get("bundles", {}), **(listed.get("pages", {}) if pages else {})}
    return {name: item["sha256"] for name, item in sorted(every.items())}
