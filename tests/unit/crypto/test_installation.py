"""The installation's signing key: made once, private to its owner, signatures checkable."""

import os
from pathlib import Path

import pytest

from voting.crypto.installation import KEY_FILE, InstallationKeyError, load_or_create, verify


def test_key_is_made_once_and_kept(tmp_path: Path) -> None:
    """The second load returns the key the first one made, from a file only its owner reads."""
    first = load_or_create(tmp_path)
    second = load_or_create(tmp_path)
    assert first.public_hex == second.public_hex and len(first.public_hex) == 64
    assert (tmp_path / KEY_FILE).stat().st_mode & 0o777 == 0o600


def test_signature_verifies_and_a_changed_byte_fails(tmp_path: Path) -> None:
    """A signature checks against the public key; one flipped message byte fails."""
    key = load_or_create(tmp_path)
    signature = key.sign(b"record")
    verify(key.public_hex, b"record", signature)
    with pytest.raises(InstallationKeyError):
        verify(key.public_hex, b"recorD", signature)
    with pytest.raises(InstallationKeyError):
        verify(load_or_create(tmp_path / "other").public_hex, b"record", signature)


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    """A key file readable by group or others is refused rather than used."""
    load_or_create(tmp_path)
    os.chmod(tmp_path / KEY_FILE, 0o644)
    with pytest.raises(InstallationKeyError, match="readable by others"):
        load_or_create(tmp_path)


def test_a_damaged_key_file_is_refused(tmp_path: Path) -> None:
    """A truncated key file gives a clear error."""
    path = tmp_path / KEY_FILE
    path.write_text("abcd\n")
    os.chmod(path, 0o600)
    with pytest.raises(InstallationKeyError, match="64 hex characters"):
        load_or_create(tmp_path)
