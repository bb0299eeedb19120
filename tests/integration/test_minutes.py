"""Biên bản kiểm phiếu and the exports from the command line: made only from a record that
verifies; the PDF's text, read back with poppler's pdftotext, holds the Vietnamese strings and
the record's numbers exactly; a page renders."""

import hashlib
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from voting import canonical
from voting.cli import main
from voting.tally.exports import percent
from voting.tally.record import key_fingerprint


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("VOTING_INSTANCE", str(tmp_path / "instance"))
    return CliRunner()


def record(runner: CliRunner, out: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(main, ["demo-record", str(out), *args])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = canonical.loads(out.read_bytes())
    return document


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def minutes(runner: CliRunner, source: Path, out: Path, *args: str) -> str:
    result = runner.invoke(main, ["minutes", str(source), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    return text_of(out)


def test_sealed_minutes_hold_the_vietnamese_strings_and_the_numbers(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "rec.json"
    document = record(runner, source, "--voters", "12", "--candidates", "5", "--sections", "2")
    text = minutes(runner, source, tmp_path / "minutes.pdf")
    for phrase in (
        "BIÊN BẢN KIỂM PHIẾU",
        "Hội nghị mô phỏng (demo)",
        "Bước 3: Hội nghị cán bộ chủ chốt",
        "Đã kiểm phiếu — kết quả không công bố tại hội nghị",
        "Ban kiểm phiếu",
        "Số người được triệu tập",
        "Số người có mặt",
        "Số thẻ đã phát",
        "Số phiếu thu vào",
        "Tỉ lệ tính so với tổng số người có mặt (12 người)",
        "Địa điểm: Hội trường mô phỏng",
        "(ký, ghi rõ họ tên)",
        hashlib.sha256(source.read_bytes()).hexdigest(),
        document["ballot_list_hash"],
        document["installation"]["public_key"],
    ):
        assert phrase in text, phrase
    fingerprint = key_fingerprint(document["installation"]["public_key"])
    assert text.count(f"Dấu khóa hệ thống: {fingerprint}") >= 2  # the footer of every page
    lines = text.splitlines()
    for position in document["positions"]:
        for candidate in position["candidates"]:
            row = document["evaluation"][position["id"]][candidate["id"]]
            shown = percent(Fraction(row["share"])).replace(".", ",")
            verdict = "Đạt" if row["passed"] else "Không đạt"
            assert any(
                f"{row['agree']}" in line
                and f"{shown}% ({row['agree']}/12)" in line
                and line.rstrip().endswith(verdict)
                for line in lines
            ), candidate
    for label, value in (("Số người có mặt", 12), ("Số phiếu thu vào", 12)):
        assert any(label in line and line.split()[-1] == str(value) for line in lines)


def test_english_minutes_of_a_final_step_show_the_selection(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "rec.json"
    document = record(runner, source, "--voters", "5", "--candidates", "3", "--step", "5")
    text = minutes(runner, source, tmp_path / "minutes.pdf", "--lang", "en")
    assert "COUNT MINUTES" in text and "Step 5" in text
    assert "of those convened (5)" in text
    assert "not announced" not in text
    names = {c["id"]: c["full_name"] for c in document["positions"][0]["candidates"]}
    chosen = ", ".join(names[c] for c in document["selection"]["chosen"]["s1"]) or "none"
    assert f"Chosen: {chosen}" in text


def test_a_page_renders(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rec.json"
    record(runner, source, "--voters", "3", "--candidates", "2")
    minutes(runner, source, tmp_path / "minutes.pdf")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "minutes.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    [page] = tmp_path.glob("page*.png")
    assert page.read_bytes().startswith(b"\x89PNG") and page.stat().st_size > 10_000


def test_nothing_is_printed_from_a_record_that_does_not_verify(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "rec.json"
    record(runner, source, "--voters", "3", "--candidates", "2")
    data = bytearray(source.read_bytes())
    data[data.index(b'"evaluation"') + 40] ^= 0x01
    changed = tmp_path / "changed.json"
    changed.write_bytes(bytes(data))
    for command in (["minutes", "--out", str(tmp_path / "m.pdf")], ["export", "--csv", "c.csv"]):
        result = runner.invoke(main, [command[0], str(changed), *command[1:]])
        assert result.exit_code == 1 and "NOT VERIFIED" in result.output
    assert not (tmp_path / "m.pdf").exists()


def test_export_writes_the_counts(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rec.json"
    document = record(runner, source, "--voters", "4", "--candidates", "3")
    out = tmp_path / "counts.csv"
    result = runner.invoke(
        main, ["export", str(source), "--csv", str(out), "--xlsx", str(tmp_path / "c.xlsx")]
    )
    assert result.exit_code == 0, result.output
    rows = out.read_text("utf-8-sig").splitlines()[1:]
    assert [int(r.split(",")[6]) for r in rows] == list(document["counts"]["s1"].values())
    assert (tmp_path / "c.xlsx").read_bytes().startswith(b"PK")
    assert runner.invoke(main, ["export", str(source)]).exit_code == 2


def test_a_card_of_an_undone_check_in_is_explained(runner: CliRunner, tmp_path: Path) -> None:
    """When a card was shown to someone whose check-in was then undone, do the minutes say
    why it still counts as dealt (the record's counters, drawn as they are)?"""
    from voting.tally.minutes import minutes_pdf

    source = tmp_path / "rec.json"
    document = record(runner, source, "--voters", "4", "--candidates", "2")
    document["cards"]["undone"] = 1
    pdf = tmp_path / "undone.pdf"
    pdf.write_bytes(minutes_pdf(canonical.dumps(document)))
    text = " ".join(text_of(pdf).split())
    assert "trong đó 1 thẻ đã đưa cho người sau đó được hủy điểm danh" in text
    # The row's label sits beside the value's wrapped lines; text extraction may put it
    # between them (the minutes' table layout of plan's merge).
    assert "không thu hồi được" in " ".join(text.replace("Số thẻ đã phát", "").split())
    plain = tmp_path / "plain.pdf"
    document["cards"]["undone"] = 0
    plain.write_bytes(minutes_pdf(canonical.dumps(document)))
    assert "hủy điểm danh" not in text_of(plain)
