"""Times on screens and printed pages are the room's local time (TIMEZONE, default
Asia/Ho_Chi_Minh); the database and the event log keep UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def today() -> date:
    """The room's date now: a form's default day and the day a rule is checked on are the
    room's, not the server's (in UTC it is still yesterday in Hà Nội until 07:00)."""
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()


def local(moment: datetime | str, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """`moment` (aware, UTC, or as `utc_text` writes it) in the room's time zone, formatted."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).strftime(pattern)
