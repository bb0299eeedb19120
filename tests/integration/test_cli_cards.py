"""`voting cards`: printed cards whose typed codes are the cards of the uploaded key file."""

import re
import subprocess
from pathlib import Path

from click.testing import CliRunner

from voting import canonical
from voting.cli import main
from voting.crypto.cards import Card, card_list_hash

TITLE = "Hội nghị cán bộ chủ chốt — Bước 3: giới thiệu nhân sự quy hoạch"


def test_printed_codes_match_the_key_file(tmp_path: Path) -> None:
    pdf, keys = tmp_path / "cards.pdf", tmp_path / "keys.json"
    result = CliRunner().invoke(
        main,
        [
            "cards",
            "--conference",
            "hn-7",
            "--count",
            "11",
            "--base-url",
            "http://10.1.1.2/vote",
            "--title",
            TITLE,
            "--out",
            str(pdf),
            "--keys",
            str(keys),
        ],
    )
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("THẺ BIỂU QUYẾT") == 11
    assert "Hội nghị cán bộ chủ chốt" in text
    lines = re.findall(
        r"^([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\n([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3})$",
        text,
        re.MULTILINE,
    )
    codes = {first + "-" + second for first, second in lines}
    assert len(codes) == 11
    uploaded = canonical.loads(keys.read_bytes())
    public = sorted(Card.from_code("hn-7", code).public_hex for code in codes)
    assert uploaded == {
        "conference": "hn-7",
        "keys": public,
        "card_list_hash": card_list_hash(public),
    }
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+2", pages.stdout)
    assert "595.276 x 841.89" in pages.stdout  # A4


def test_a_conference_id_too_long_for_a_card_key_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "cards",
            "--conference",
            "x" * 65,
            "--count",
            "1",
            "--base-url",
            "http://h/v",
            "--out",
            str(tmp_path / "c.pdf"),
            "--keys",
            str(tmp_path / "k.json"),
        ],
    )
    assert result.exit_code == 1 and "1 to 64 bytes" in result.output
    assert not (tmp_path / "c.pdf").exists()
