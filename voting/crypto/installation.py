"""The installation's Ed25519 key: it signs every record this server writes.

Made at first use in the instance folder, readable by its owner only; the public key is written
as hex on every document so a record can be checked offline against the key the room saw.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_FILE = "installation-ed25519.key"


class InstallationKeyError(ValueError):
    """The installation key file is unusable, or a signature does not verify."""


@dataclass(frozen=True)
class InstallationKey:
    """The private signing key and its public half as hex."""

    private: Ed25519PrivateKey

    @property
    def public_hex(self) -> str:
        """The 32-byte public key, lowercase hex."""
        return self.private.public_key().public_bytes_raw().hex()

    def sign(self, message: bytes) -> str:
        """An Ed25519 signature of `message`, lowercase hex."""
        return self.private.sign(message).hex()


def load_or_create(folder: str | Path) -> InstallationKey:
    """The key in `folder`, made (owner-readable only) if there is none yet."""
    path = Path(folder) / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    key = Ed25519PrivateKey.generate()
    with os.fdopen(fd, "w") as out:
        out.write(key.private_bytes_raw().hex() + "\n")
    return InstallationKey(key)


def load_existing(folder: str | Path) -> InstallationKey | None:
    """The key in `folder`, or None when there is no key file (nothing is made)."""
    path = Path(folder) / KEY_FILE
    return _read(path) if path.exists() else None


def _read(path: Path) -> InstallationKey:
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise InstallationKeyError(f"{path}: readable by others (mode {mode:o}); expected 600")
        text = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InstallationKeyError(f"{path}: cannot be read ({exc})") from exc
    try:
        seed = bytes.fromhex(text)
        if len(seed) != 32:
            raise ValueError
    except ValueError as exc:
        raise InstallationKeyError(f"{path}: expected 64 hex characters") from exc
    return InstallationKey(Ed25519PrivateKey.from_private_bytes(seed))


def verify(public_hex: str, message: bytes, signature_hex: str) -> None:
    """Raise InstallationKeyError unless `signature_hex` is the key's signature of `message`."""
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        public.verify(bytes.fromhex(signature_hex), message)
    except (ValueError, InvalidSignature) as exc:
        raise InstallationKeyError("the installation signature does not verify") from exc
