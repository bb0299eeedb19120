"""The documents' fonts are found by configuration (VOTING_FONTS) or in a system folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voting import fonts


def test_a_configured_folder_is_used(tmp_path: Path) -> None:
    system = fonts.folder({})
    for file in fonts.FACES.values():
        shutil.copyfile(system / file, tmp_path / file)
    assert fonts.folder({"VOTING_FONTS": str(tmp_path)}) == tmp_path


def test_a_configured_folder_without_the_faces_is_refused(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"")
    with pytest.raises(fonts.FontError, match=f"VOTING_FONTS={tmp_path}"):
        fonts.folder({"VOTING_FONTS": str(tmp_path)})


def test_the_system_folders_are_searched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "SYSTEM_FOLDERS", (tmp_path / "absent", fonts.folder({})))
    assert fonts.folder({}) == fonts.SYSTEM_FOLDERS[1]
    monkeypatch.setattr(fonts, "SYSTEM_FOLDERS", (tmp_path / "absent",))
    with pytest.raises(fonts.FontError, match="fonts-dejavu-core"):
        fonts.folder({})
