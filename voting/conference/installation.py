"""The installation that writes a conference's records: the instance folder holding its signing
key, the agency whose name heads every record and set of minutes, and the room's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Installation:
    folder: Path
    agency: str
    timezone: str
