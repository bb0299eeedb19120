"""The process's log: every change, who made it and when, in order."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from voting.store import Process, ProcessEvent


def record(session: Session, process: Process, kind: str, actor: str, data: dict[str, Any]) -> None:
    """Append one entry (the caller commits)."""
    seq = len(process.log) + 1
    process.log.append(ProcessEvent(seq=seq, actor=actor, kind=kind, data=data))
    session.flush()
