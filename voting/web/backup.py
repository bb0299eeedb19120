"""`voting backup DIR` and `voting restore DIR`: the installation in one folder a person can
carry away — a consistent copy of the database, the installation key that signed its records,
the session key, and a manifest of SHA-256 hashes that the restore checks before it writes.

A copy is consistent while ballots are being cast: SQLite's online backup API reads one
snapshot (WAL lets writers go on), `pg_dump` one transaction. A restore refuses a changed file,
a key that did not sign the copied records, and a backup of another installation.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from voting import __version__
from voting.crypto.installation import (
    KEY_FILE,
    InstallationKeyError,
    load_existing,
    load_or_create,
)
from voting.tally.record import key_fingerprint
from voting.web.config import SECRET_KEY_FILE
from voting.web.instance import (
    DATABASE_FILE,
    InstanceError,
    check_folder,
    check_key,
    choose,
    database_url,
    signing_keys,
)

FORMAT = "voting-backup/1"
MANIFEST = "manifest.json"
POSTGRES_DUMP = "voting.pgdump"


class BackupError(RuntimeError):
    """A backup cannot be made or restored; nothing was changed."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as pg_dump reads it (no `+driver`)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def make_backup(folder: Path, url: str, target: Path) -> dict[str, Any]:
    """Copy the installation in `folder` (database at `url`) into the new folder `target`."""
    check_folder(folder)
    check_key(folder, url)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new folder")
    if _is_sqlite(url) and not Path(str(make_url(url).database)).is_file():
        raise BackupError(f"{folder} holds no database yet: there is nothing to back up")
    # made now if the server never needed it yet (check_key: then nothing is signed)
    key = load_or_create(folder)
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    if _is_sqlite(url):
        database = DATABASE_FILE
        source = sqlite3.connect(str(make_url(url).database))
        copy = sqlite3.connect(target / database)
        try:
            with copy:
                source.backup(copy)
        finally:
            source.close()
            copy.close()
    else:
        database = POSTGRES_DUMP
        dump = ["pg_dump", "--format=custom", "--no-owner", f"--file={target / database}"]
        _run([*dump, _libpq(url)])
    names = [database, KEY_FILE]
    shutil.copyfile(folder / KEY_FILE, target / KEY_FILE)
    if (folder / SECRET_KEY_FILE).is_file():
        shutil.copyfile(folder / SECRET_KEY_FILE, target / SECRET_KEY_FILE)
        names.append(SECRET_KEY_FILE)
    for name in names:
        (target / name).chmod(0o600)
    manifest = {
        "format": FORMAT,
        "made_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "version": __version__,
        "database": "sqlite" if database == DATABASE_FILE else "postgresql",
        "installation_key": key.public_hex,
        # The keys of the signed records copied (a PostgreSQL dump is not read back to check).
        "signed_by": sorted(signing_keys(url)),
        "files": {name: sha256_file(target / name) for name in names},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def checked_manifest(source: Path) -> dict[str, Any]:
    """The backup's manifest once every file is there with its hash and the key is the one
    that signed the copied records."""
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source}: no readable {MANIFEST}: not a voting backup") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: {MANIFEST} is not a {FORMAT} manifest")
    files = manifest.get("files")
    if not isinstance(files, dict) or KEY_FILE not in files:
        raise BackupError(f"{source}: the manifest lists no installation key")
    for name, expected in files.items():
        path = source / name
        if name != Path(name).name or not path.is_file():
            raise BackupError(f"{source}: {name} is missing")
        if sha256_file(path) != expected:
            raise BackupError(f"{source}: {name} does not match its hash in the manifest")
    try:
        key = load_existing(source)
    except InstallationKeyError as error:
        raise BackupError(f"{source}: {error}") from error
    if key is None or key.public_hex != manifest.get("installation_key"):
        raise BackupError(f"{source}: the key file is not the installation key of the manifest")
    if manifest.get("database") == "sqlite":
        if DATABASE_FILE not in files:
            raise BackupError(f"{source}: the manifest lists no database")
        signed = signing_keys(f"sqlite:///{source / DATABASE_FILE}")
    elif POSTGRES_DUMP in files:
        signed = set(manifest.get("signed_by", []))
    else:
        raise BackupError(f"{source}: the manifest lists no database")
    if signed - {key.public_hex}:
        others = ", ".join(sorted(key_fingerprint(k) for k in signed - {key.public_hex}))
        raise BackupError(
            f"{source}: the key file did not sign the copied records (signed by {others})"
        )
    return manifest


def restore_backup(source: Path, folder: Path, url: str, replace: bool = False) -> dict[str, Any]:
    """Put the checked backup `source` into `folder` (made if missing) and the database at
    `url`. Refused: a backup of another installation, or replacing data without `replace`."""
    manifest = checked_manifest(source)
    try:
        present = load_existing(folder) if folder.is_dir() else None
    except InstallationKeyError as error:
        raise BackupError(f"{folder}: {error}") from error
    if present is not None and present.public_hex != manifest["installation_key"]:
        raise BackupError(
            f"{source} is a backup of another installation (key "
            f"{key_fingerprint(manifest['installation_key'])}, this one "
            f"{key_fingerprint(present.public_hex)}): restore it into a new data folder"
        )
    kind = manifest["database"]
    if (kind == "sqlite") != _is_sqlite(url):
        raise BackupError(
            f"{source} holds a {kind} database but VOTING_DATABASE_URL is "
            f"{make_url(url).get_backend_name()}: set it to a {kind} database"
        )
    if not replace and (present is not None or _has_data(url)):
        raise BackupError(
            f"{folder} already holds an installation: give --replace to overwrite it with {source}"
        )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    check_folder(folder)
    if kind == "sqlite":
        database = Path(str(make_url(url).database))
        for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
            leftover.unlink(missing_ok=True)
        partial = database.with_name(database.name + ".restoring")
        shutil.copyfile(source / DATABASE_FILE, partial)
        partial.chmod(0o600)
        partial.replace(database)
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={_libpq(url)}",
                str(source / POSTGRES_DUMP),
            ]
        )
    for name in (KEY_FILE, SECRET_KEY_FILE):
        if name in manifest["files"]:
            partial = folder / (name + ".restoring")
            shutil.copyfile(source / name, partial)
            partial.chmod(0o600)
            partial.replace(folder / name)
    check_key(folder, url)
    return manifest


def _has_data(url: str) -> bool:
    """Whether the database holds any account or conference (a restore would overwrite it)."""
    if _is_sqlite(url) and not Path(str(make_url(url).database)).exists():
        return False
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = [t for t in ("users", "conferences") if inspect(connection).has_table(t)]
            count = "SELECT count(*) FROM {}"
            return any(connection.execute(text(count.format(t))).scalar() for t in tables)
    except SQLAlchemyError as error:
        raise BackupError(f"the database cannot be read: {error.__class__.__name__}") from error
    finally:
        engine.dispose()


def _fail(error: Exception) -> click.ClickException:
    return click.ClickException(str(error))


@click.command("backup")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
def backup(target: Path) -> None:
    """Copy the installation (database, installation key, session key, manifest with SHA-256
    hashes) into the new folder TARGET; safe while a conference is running."""
    os.umask(0o077)
    try:
        folder = choose()
        manifest = make_backup(folder, database_url(folder), target)
    except (InstanceError, BackupError) as error:
        raise _fail(error) from error
    click.echo(
        f"Đã sao lưu / backed up {folder} into {target}: {', '.join(manifest['files'])}; "
        f"installation key {key_fingerprint(manifest['installation_key'])}"
    )


@click.command("restore")
@click.argument("source", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite this installation's own data.")
def restore(source: Path, replace: bool) -> None:
    """Check the backup SOURCE (every hash, the key against the records) and put it into the
    data folder (VOTING_INSTANCE) and database; stop the server first."""
    os.umask(0o077)
    chosen = os.environ.get("VOTING_INSTANCE")
    try:
        folder = Path(chosen).resolve() if chosen else choose()
        manifest = restore_backup(source, folder, database_url(folder), replace)
    except (InstanceError, BackupError) as error:
        raise _fail(error) from error
    click.echo(
        f"Đã khôi phục / restored {source} (made {manifest['made_at']}) into {folder}; "
        f"installation key {key_fingerprint(manifest['installation_key'])}"
    )
