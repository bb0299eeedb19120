"""Configuration: defaults in code, secrets and addresses from the environment or the instance
folder (style.md rule 4)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from voting.conference.installation import Installation
from voting.crypto.installation import load_or_create
from voting.rules import KH331, RuleSet, load_rule_set
from voting.tally.record import key_fingerprint

# Environment variable → configuration key.
ENVIRONMENT = {
    "VOTING_DATABASE_URL": "DATABASE_URL",
    "VOTING_SECRET_KEY": "SECRET_KEY",
    "VOTING_PUBLIC_URL": "PUBLIC_URL",
    "VOTING_TIMEZONE": "TIMEZONE",
    "VOTING_AGENCY": "AGENCY",
    "VOTING_AGENCY_PARENT": "AGENCY_PARENT",
    "VOTING_AGENCY_PLACE": "AGENCY_PLACE",
    "VOTING_AGENCY_CODE": "AGENCY_CODE",
    "VOTING_HEAD_TITLE": "HEAD_TITLE",
    "VOTING_HEAD_NAME": "HEAD_NAME",
    "VOTING_VERIFY_PROCESSES": "VERIFY_PROCESSES",
    "VOTING_RULES": "RULES",
    "VOTING_LOG_FILE": "LOG_FILE",
    "VOTING_LOG_LEVEL": "LOG_LEVEL",
    "VOTING_PROXY": "PROXY",
    "VOTING_HTTPS": "HTTPS",
}
DEFAULTS: dict[str, Any] = {
    # The address phones use (a fixed name or address, never guessed): set for the room.
    "PUBLIC_URL": "",
    # The agency named at the head of every record and set of minutes.
    "AGENCY": "",
    # The Tờ trình's header and signature (docs/dossier.md): the body the agency reports to
    # (cơ quan chủ quản), the place before the date, the abbreviation in document numbers,
    # and who signs.
    "AGENCY_PARENT": "",
    "AGENCY_PLACE": "",
    "AGENCY_CODE": "",
    "HEAD_TITLE": "Giám đốc",
    "HEAD_NAME": "",
    # Times shown and printed; stored times are UTC.
    "TIMEZONE": "Asia/Ho_Chi_Minh",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # No HTTPS in the room (design.md): a Secure cookie would never be sent back.
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_NAME": "voting_session",
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
    # Processes verifying ballots (voting.conference.verifier); empty: one per core.
    "VERIFY_PROCESSES": "",
    # The agency's rule set (a .toml or .json file) for new conferences and processes; empty:
    # the built-in KH 331. Conferences made earlier keep the rule set embedded in them.
    "RULES": "",
    # The log (voting.web.logs): stderr for journald unless a file is named (5 MiB, 4 kept).
    "LOG_FILE": "",
    "LOG_LEVEL": "INFO",
    # HTTPS (voting.web.https): the number of proxies in front whose X-Forwarded-* headers are
    # trusted, and whether the server is reached over HTTPS (Secure cookies, HSTS). Off: the room.
    "PROXY": "",
    "HTTPS": "",
}
RULE_SET = "voting.rules"
SECRET_KEY_FILE = "secret_key"


def instance_path(overrides: Mapping[str, Any]) -> str:
    """The instance folder: from the test config, `VOTING_INSTANCE`, or Flask's default."""
    chosen = overrides.get("INSTANCE_PATH") or os.environ.get("VOTING_INSTANCE")
    return str(Path(chosen).resolve()) if chosen else ""


def configure(app: Flask, overrides: Mapping[str, Any]) -> None:
    """Fill `app.config`: defaults, then the environment, then `overrides` (tests)."""
    app.config.update(DEFAULTS)
    app.config.update(
        {key: os.environ[name] for name, key in ENVIRONMENT.items() if os.environ.get(name)}
    )
    app.config.update({key: value for key, value in overrides.items() if key != "INSTANCE_PATH"})
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'voting.db'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(instance / SECRET_KEY_FILE)
    app.extensions[RULE_SET] = configured_rule_set(app.config["RULES"])


def configured_rule_set(path: str | Path) -> RuleSet:
    """The rule set named by VOTING_RULES (the built-in KH 331 when empty); a file that cannot
    be read, does not parse or holds impossible thresholds raises RuleSetError."""
    return load_rule_set(path) if path else KH331


def rule_set(app: Flask) -> RuleSet:
    """The rule set new conferences and planning processes of this app are made from."""
    rules: RuleSet = app.extensions[RULE_SET]
    return rules


def verify_processes(value: Any) -> int | None:
    """`VERIFY_PROCESSES` as a number of processes (None: one per core); a wrong value stops
    the start with a clear message rather than verifying on one core unnoticed."""
    if value in ("", None):
        return None
    try:
        processes = int(value)
    except (TypeError, ValueError):
        processes = -1
    if processes < 0:
        raise ValueError(f"VOTING_VERIFY_PROCESSES must be a whole number ≥ 0, not {value!r}")
    return processes


def secret_key(path: Path) -> str:
    """The instance's secret key, made at first use in a file only its owner can read."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text("ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        key = secrets.token_hex(32)
        file.write(key + "\n")
    return key


def installation(app: Flask) -> Installation:
    """The installation that signs this app's records."""
    return Installation(Path(app.instance_path), app.config["AGENCY"], app.config["TIMEZONE"])


def installation_fingerprint(app: Flask) -> str:
    """The fingerprint of the key that signs this installation's records, shown on every page
    and printed on every document (made at first use)."""
    if "installation_fingerprint" not in app.extensions:
        public_hex = load_or_create(app.instance_path).public_hex
        app.extensions["installation_fingerprint"] = key_fingerprint(public_hex)
    fingerprint: str = app.extensions["installation_fingerprint"]
    return fingerprint
