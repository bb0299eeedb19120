"""The counts as a table (CSV and XLSX) read from the signed record alone, so a spreadsheet, the
minutes and `voting verify` can never disagree. The percentage is for display; the exact share
"n/d" is the number that decides."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from openpyxl import Workbook

from voting import canonical
from voting.json_shapes import JsonObject
from voting.tabular import csv_bytes, xlsx_bytes
from voting.tally.record import key_fingerprint
from voting.tally.shapes import SignedRecord

# Each column's field and its header: Vietnamese words, as the secretary reads the sheet.
HEADERS = {
    "position_id": "Mã chức danh",
    "position": "Chức danh",
    "candidate_id": "Mã ứng viên",
    "full_name": "Họ và tên",
    "post": "Chức vụ",
    "unit": "Đơn vị",
    "agree": "Số phiếu đồng ý",
    "base": "Tỉ lệ so với (present: có mặt, convened: triệu tập)",
    "base_count": "Số người làm cơ sở",
    "share": "Tỉ lệ (số phiếu / cơ sở)",
    "percent": "Tỉ lệ (%)",
    "passed": "Đạt (1: có, 0: không)",
    "chosen": "Được giới thiệu (1: có, 0: không)",
}
COLUMNS = tuple(HEADERS)


@dataclass(frozen=True)
class CountRow:
    """One candidate of one position as the record evaluates it."""

    position_id: str
    position: str
    candidate_id: str
    full_name: str
    post: str
    unit: str
    agree: int
    base: str
    base_count: int
    share: str
    passed: bool
    chosen: bool

    @property
    def percent(self) -> str:
        """The share as a percentage rounded half up to two decimals (display only)."""
        return percent(Fraction(self.share))

    @property
    def counted_share(self) -> str:
        """The share as counted, agree over the base, unreduced as the minutes print it: "0/5",
        "3/18" (the record keeps the reduced fraction, which is the same number)."""
        return f"{self.agree}/{self.base_count}"

    def values(self) -> list[Any]:
        return [
            *(self.position_id, self.position, self.candidate_id),
            *(self.full_name, self.post, self.unit, self.agree, self.base, self.base_count),
            *(self.counted_share, self.percent, self.passed, self.chosen),
        ]


def percent(share: Fraction) -> str:
    """ "58.33" for 7/12: hundredths of a percent rounded half up, from the exact fraction."""
    hundredths = (share * 10000 + Fraction(1, 2)).__floor__()
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def count_rows(record: SignedRecord) -> list[CountRow]:
    """Every position's candidates in ballot order, with their evaluation and selection."""
    chosen = record.selection.chosen if record.selection is not None else {}
    rows = []
    for position in record.positions:
        evaluated = record.evaluation[position.id]
        for candidate in position.candidates:
            e = evaluated[candidate.id]
            rows.append(
                CountRow(
                    position_id=position.id,
                    position=position.title,
                    candidate_id=candidate.id,
                    full_name=candidate.full_name,
                    post=candidate.post,
                    unit=candidate.unit,
                    agree=e.agree,
                    base=e.base,
                    base_count=e.base_count,
                    share=e.share,
                    passed=e.passed,
                    chosen=candidate.id in chosen.get(position.id, ()),
                )
            )
    return rows


def provenance(record: SignedRecord, record_sha256: str) -> list[tuple[str, str]]:
    """What names the record a table came from, `record_sha256` being its file's hash."""
    conference = record.conference
    return [
        ("conference", conference.title),
        ("step", conference.step_title),
        ("held_on", conference.held_on),
        ("place", conference.place),
        ("record_sha256", record_sha256),
        ("ballot_list_hash", record.ballot_list_hash),
        ("installation_key", record.public_key),
        ("installation_fingerprint", key_fingerprint(record.public_key)),
    ]


def counts_csv(document: JsonObject) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the diacritics."""
    rows = (
        [("1" if v else "0") if isinstance(v, bool) else v for v in row.values()]
        for row in count_rows(SignedRecord.from_json(document))
    )
    return csv_bytes([tuple(HEADERS.values()), *rows])


def counts_xlsx(document: JsonObject) -> bytes:
    """Sheet "counts" with the same columns and headers (counts are numbers, the share is
    text), and sheet "record" naming the record it came from: its hash and the installation
    key's fingerprint, as on every document."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "counts"
    sheet.append(list(HEADERS.values()))
    record = SignedRecord.from_json(document)
    for row in count_rows(record):
        sheet.append(row.values())
    about = book.create_sheet("record")
    # A record read from its canonical file dumps back to the same bytes, so this hash is the
    # file's.
    record_sha256 = hashlib.sha256(canonical.dumps(document)).hexdigest()
    for line in provenance(record, record_sha256):
        about.append(list(line))
    return xlsx_bytes(book)
