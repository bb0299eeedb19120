"""Times on screens and printed pages are the room's local time (TIMEZONE, default
Asia/Ho_Chi_Minh); the database and the event log keep UTC."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local(moment: datetime | str, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """`moment` (aware, UTC, or as `utc_text` writes it) in the room's time zone, formatted."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).strftime(pattern)
