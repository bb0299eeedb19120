"""The installation that writes a conference's records: the instance folder holding its signing
key, and the agency whose name heads every record and set of minutes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Installation:
    folder: Path
    agency: str
