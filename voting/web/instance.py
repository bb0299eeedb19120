"""The data folder of a real installation (`voting serve`, `voting admin`): chosen explicitly,
private to the service's user, and holding the key that signed the records in its database.

Everything is checked before anything starts or changes: a server started on the wrong folder,
or one that quietly made a new signing key beside a database of records signed by the old one,
would write records nobody can check against the key the room saw.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from voting import canonical
from voting.canonical import CanonicalError
from voting.crypto.installation import KEY_FILE, InstallationKeyError, load_existing
from voting.tally.record import key_fingerprint

# The folder a packaged service uses when VOTING_INSTANCE is not set (systemd's StateDirectory).
DEFAULT = Path("/var/lib/voting")
DATABASE_FILE = "voting.db"
# Files of the folder that hold secrets or ballots: owner-only (0600), like the folder (0700).
PRIVATE_FILES = (DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", "secret_key")


class InstanceError(RuntimeError):
    """The data folder or its key cannot be used; the message says what to do."""


def choose(environ: dict[str, str] | None = None, default: Path = DEFAULT) -> Path:
    """$VOTING_INSTANCE, else `default` when it is a folder this user may write, else refuse:
    a database and a signing key inside the virtual environment would be lost with it."""
    environ = dict(os.environ) if environ is None else environ
    chosen = environ.get("VOTING_INSTANCE")
    if chosen:
        return Path(chosen).resolve()
    if default.is_dir() and os.access(default, os.R_OK | os.W_OK | os.X_OK):
        return default
    raise InstanceError(
        f"no data folder: set VOTING_INSTANCE to the folder that keeps the database and the "
        f"installation key (e.g. VOTING_INSTANCE={default}), or create {default} for this user"
    )


def check_folder(folder: Path) -> None:
    """The folder exists and this user may use it; then it and its private files are made
    owner-only (a folder copied with `cp -r` or unpacked by hand is often world-readable)."""
    if not folder.exists():
        raise InstanceError(
            f"data folder {folder} does not exist: create it for the service's user "
            f"(install -d -m 700 {folder}) or restore a backup into it (voting restore)"
        )
    if not folder.is_dir():
        raise InstanceError(f"data folder {folder} is not a folder")
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        raise InstanceError(
            f"data folder {folder} cannot be read and written by this user (uid {os.getuid()})"
        )
    _owner_only(folder, 0o700)
    for name in (*PRIVATE_FILES, KEY_FILE):
        path = folder / name
        if path.is_file():
            _owner_only(path, 0o600)


def _owner_only(path: Path, mode: int) -> None:
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        try:
            path.chmod(mode)
        except PermissionError as error:
            raise InstanceError(f"{path} is readable by others and not ours to fix") from error


def database_url(folder: Path, environ: dict[str, str] | None = None) -> str:
    """The database the app will open: $VOTING_DATABASE_URL or SQLite in the folder."""
    environ = dict(os.environ) if environ is None else environ
    return environ.get("VOTING_DATABASE_URL") or f"sqlite:///{folder / DATABASE_FILE}"


def signing_keys(url: str) -> set[str]:
    """The installation public keys of the signed records the database holds."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return set()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("ballot_boxes"):
                return set()
            rows = connection.execute(
                text("SELECT record FROM ballot_boxes WHERE record IS NOT NULL")
            )
            return {_signer(row[0]) for row in rows}
    except SQLAlchemyError as error:
        raise InstanceError(f"the database cannot be read: {error.__class__.__name__}") from error
    finally:
        engine.dispose()


def _signer(record: str) -> str:
    try:
        key: str = canonical.loads(record.encode())["installation"]["public_key"]
    except (CanonicalError, KeyError, TypeError) as error:
        raise InstanceError(f"a signed record in the database cannot be read: {error}") from error
    return key


def check_key(folder: Path, url: str) -> None:
    """Refuse a key file that is unreadable or not the one that signed the database's
    records, and refuse to let a new key be made beside records signed by another."""
    keys = signing_keys(url)
    path = folder / KEY_FILE
    try:
        key = load_existing(folder)
    except InstallationKeyError as error:
        raise InstanceError(f"installation key: {error}") from error
    fingerprints = ", ".join(sorted(key_fingerprint(k) for k in keys))
    if key is None:
        if keys:
            raise InstanceError(
                f"{path} is missing but the database holds records signed by the key "
                f"{fingerprints}: restore the key file from your backup (voting restore BACKUP, "
                f"or copy {KEY_FILE} from it into {folder} with mode 600); a new key is not made"
            )
        return
    if keys and key.public_hex not in keys:
        raise InstanceError(
            f"{path} (fingerprint {key_fingerprint(key.public_hex)}) is not the key that signed "
            f"this database's records ({fingerprints}): put back the installation's own key file"
        )


def prepare(environ: dict[str, str] | None = None, default: Path = DEFAULT) -> Path:
    """Every check of a real start, in order; returns the folder, exported as VOTING_INSTANCE
    so that the app (and gunicorn's worker) use it. New files are created owner-only."""
    folder = choose(environ, default)
    check_folder(folder)
    check_key(folder, database_url(folder, environ))
    os.umask(0o077)
    os.environ["VOTING_INSTANCE"] = str(folder)
    return folder
