"""Issue 6 through the API: the record the server writes verifies offline with its event chain,
threshold decisions, selection and the head's decision; the minutes and the exports are made
from it for the roles that may read sealed results; each kind of change is caught."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.integration.voting import test_flow as flow
from tests.unit.tally.node_verifier import javascript_check
from voting import canonical
from voting.crypto.decryption import sign_counts
from voting.crypto.installation import load_or_create
from voting.tally.chain import entry_hash
from voting.tally.record import signed_message
from voting.tally.verify import RecordError, verify_record

Document = dict[str, Any]


def sign(site: Any, conference: str, p: Any, members: list[int]) -> Any:
    """The committee's phones sign the counts they opened."""
    from voting.conference import box as boxes
    from voting.web.extensions import db

    with site.app.app_context():
        box = boxes.peek(db(), conference)
        assert box is not None
        counts = box.counts
    for j in members:
        r = p.apis[j].post(
            f"/api/conferences/{conference}/committee/count-signatures",
            json=sign_counts(p.keys[j], site.opened(conference), counts).to_json(),
        )
        assert r.status_code == 200, r.json
    return r


def sealed_conference(site: Any, organiser: Any, phones: Any) -> tuple[str, Any]:
    """Step 4 (sealed, base: present), five ballots, opened and signed by members 1 and 3."""
    conference, p = flow.open_vote(site, organiser, phones, step=4, present=18)
    for card, choice in zip(
        p.dealt,
        [
            {"s1": ["s1c1"]},
            {"s1": ["s1c1", "s1c2"]},
            {"s1": []},
            {"s1": ["s1c2"]},
            {"s1": ["s1c1"]},
        ],
        strict=False,
    ):
        assert flow.cast(site, conference, card, choice).status_code == 201
    flow.close(organiser, conference)
    flow.open_box(site, conference, p, [1, 3])
    assert sign(site, conference, p, [1, 3]).json["record_written"] is True
    return conference, p


def test_the_servers_record_verifies_and_everything_is_made_from_it(
    site: Any, organiser: Any, phones: Any, tmp_path: Path
) -> None:
    conference, p = sealed_conference(site, organiser, phones)
    base = f"/api/conferences/{conference}"
    record = organiser.get(f"{base}/record").data
    summary = verify_record(record, load_or_create(site.app.instance_path).public_hex)
    assert summary.counts == {"s1": {"s1c1": 3, "s1c2": 2}} and summary.passed == 0
    assert javascript_check(record, summary.installation_key) == 0
    document = canonical.loads(record)
    assert document["evaluation"]["s1"]["s1c1"] == {
        "agree": 3,
        "base": "present",
        "base_count": 18,
        "share": "1/6",
        "passed": False,
    }
    assert document["selection"] == {} and document["decision"] == {}
    assert document["cards"] | {"keys": [], "voided": []} == {
        "keys": [],
        "voided": [],
        "dealt": 18,
        "replaced": 0,
        "undone": 0,
    }
    assert len(document["cards"]["voided"]) == 2
    assert document["conference"]["place"] and document["conference"]["held_on"]
    assert document["conference"]["agency"] == site.app.config["AGENCY"]
    assert [c["full_name"] for c in document["positions"][0]["candidates"]]
    kinds = [e["kind"] for e in document["events"]]
    assert kinds.count("checkin") == 18 and kinds.count("box.counts_signed") == 2
    assert "record.written" not in kinds
    # the log the server keeps goes on from the record's chain
    log = organiser.get(f"{base}/events").json["events"]
    assert log[: len(document["events"])] == document["events"]
    assert log[len(document["events"])]["data"]["sha256"] == canonical.sha256_hex(document)
    # who may read: the roles allowed to read sealed results, never the public or a desk
    desk = site.device(site.issue_device(organiser, conference)["token"])
    for path in ("record", "minutes.pdf", "counts.csv", "counts.xlsx"):
        assert site.api().get(f"{base}/{path}").status_code == 401
        assert desk.get(f"{base}/{path}").status_code == 403
        for reader in (site.api("leadership"), site.api("head"), p.apis[2]):
            assert reader.get(f"{base}/{path}").status_code == 200, path
    # the minutes and the exports hold the record's numbers
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(site.api("leadership").get(f"{base}/minutes.pdf").data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for phrase in (
        "Đã kiểm phiếu — kết quả không công bố tại hội nghị",
        site.app.config["AGENCY"].upper(),
        "Tỉ lệ tính so với tổng số người có mặt (18 người)",
        hashlib.sha256(record).hexdigest(),
        document["ballot_list_hash"],
    ):
        assert phrase in text, phrase
    for candidate in document["positions"][0]["candidates"]:
        assert candidate["full_name"] in text
    assert any("16,67% (3/18)" in line and "Không đạt" in line for line in text.splitlines())
    english = site.api("head").get(f"{base}/minutes.pdf?lang=en")
    assert english.mimetype == "application/pdf" and english.data != pdf.read_bytes()
    body = organiser.get(f"{base}/counts.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [
        (r["Mã ứng viên"], r["Số phiếu đồng ý"], r["Tỉ lệ (số phiếu / cơ sở)"]) for r in rows
    ] == [
        ("s1c1", "3", "3/18"),
        ("s1c2", "2", "2/18"),
    ]


def test_the_head_decision_is_written_into_the_record(
    site: Any, organiser: Any, phones: Any, tmp_path: Path
) -> None:
    """Final step, a tie: the record is written with the tie, then again with the decision."""
    conference, p = flow.open_vote(site, organiser, phones, step=5, ballot=flow.BALLOT3)
    base = f"/api/conferences/{conference}"
    pairs = [["s1c1", "s1c2"], ["s1c2", "s1c3"], ["s1c1", "s1c3"]]
    voters = len(p.dealt) - len(p.dealt) % 3
    for index, card in enumerate(p.dealt[:voters]):
        assert flow.cast(site, conference, card, {"s1": pairs[index % 3]}).status_code == 201
    flow.close(organiser, conference)
    flow.open_box(site, conference, p, [1, 2])
    sign(site, conference, p, [1, 2])
    before = canonical.loads(organiser.get(f"{base}/record").data)
    assert before["selection"]["ties"] == {"s1": {"places": 2, "among": ["s1c1", "s1c2", "s1c3"]}}
    assert before["decision"] == {} and before["selection"]["complete"] is False
    r = site.api("head").post(f"{base}/decision", json={"chosen": {"s1": ["s1c3", "s1c1"]}})
    assert r.status_code == 200, r.json
    record = organiser.get(f"{base}/record").data
    summary = verify_record(record)
    assert summary.passed == 3
    document = canonical.loads(record)
    assert document["decision"]["chosen"] == {"s1": ["s1c3", "s1c1"]}
    assert document["selection"]["complete"] is True
    assert sorted(document["selection"]["chosen"]["s1"]) == ["s1c1", "s1c3"]
    assert document["events"][-1]["kind"] == "head.decided"
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(organiser.get(f"{base}/minutes.pdf").data)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "không công bố" not in text
    assert "Tỉ lệ tính so với tổng số người được triệu tập" in text
    assert "Được lựa chọn: Lê Văn An, Đỗ Thị Dung" in text
    decided = datetime.fromisoformat(document["decision"]["decided_at"])
    local = decided.astimezone(ZoneInfo(document["conference"]["timezone"]))
    assert document["conference"]["timezone"] == "Asia/Ho_Chi_Minh"
    assert local.strftime("%H:%M %d/%m/%Y") in text  # the room's time, not UTC
    assert (
        "Bằng phiếu — người đứng đầu xem xét, quyết định (2 chỗ): "
        "Đỗ Thị Dung, Hoàng Ngọc Long, Lê Văn An" in text
    )
    assert "Người đứng đầu quyết định (" in text
    key = load_or_create(site.app.instance_path)
    document["decision"]["chosen"] = {"s1": ["s1c2", "s1c1"]}
    with pytest.raises(RecordError, match="selection: differs"):
        verify_record(resign(document, key))


def resign(document: Document, key: Any) -> bytes:
    document = {k: v for k, v in document.items() if k != "signature"}
    return canonical.dumps({**document, "signature": key.sign(signed_message(document))})


def rechain(document: Document) -> None:
    prev = "0" * 64
    for seq, entry in enumerate(document["events"], start=1):
        entry.update(seq=seq, prev=prev)
        entry["hash"] = prev = entry_hash(entry)


def change_ballot(d: Document) -> None:
    marks = d["ballots"][0]["sections"][0]["marks"]
    marks[0]["ciphertext"], marks[1]["ciphertext"] = marks[1]["ciphertext"], marks[0]["ciphertext"]


def change_proof(d: Document) -> None:
    proof = d["ballots"][0]["sections"][0]["marks"][0]["proof"]
    proof["challenges"][0], proof["challenges"][1] = proof["challenges"][1], proof["challenges"][0]


def change_count(d: Document) -> None:
    d["counts"]["s1"]["s1c1"] += 1


def change_decision(d: Document) -> None:
    d["evaluation"]["s1"]["s1c1"]["passed"] = True


def drop_event(d: Document) -> None:
    del d["events"][5]


def reorder_events(d: Document) -> None:
    d["events"][5], d["events"][6] = d["events"][6], d["events"][5]


def drop_closing_and_rechain(d: Document) -> None:
    d["events"] = [e for e in d["events"] if e["data"].get("to") != "closed"]
    rechain(d)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (change_ballot, "ballot 0"),
        (change_proof, "does not verify"),
        (change_count, "counts"),
        (change_decision, "evaluation"),
        (drop_event, "chain breaks at event 6"),
        (reorder_events, "chain breaks at event 6"),
        (drop_closing_and_rechain, "the closing"),
    ],
)
def test_each_change_to_a_servers_record_is_caught(
    site: Any, organiser: Any, phones: Any, change: Callable[[Document], None], where: str
) -> None:
    conference, _ = sealed_conference(site, organiser, phones)
    record = organiser.get(f"/api/conferences/{conference}/record").data
    key = load_or_create(site.app.instance_path)
    document = canonical.loads(record)
    change(document)
    with pytest.raises(RecordError, match=where):
        verify_record(resign(document, key), key.public_hex)


def test_a_changed_signature_or_a_swapped_key_is_caught(
    site: Any, organiser: Any, phones: Any, tmp_path: Path
) -> None:
    conference, _ = sealed_conference(site, organiser, phones)
    record = organiser.get(f"/api/conferences/{conference}/record").data
    document = canonical.loads(record)
    signature = document["signature"]
    document["signature"] = signature[:-2] + ("00" if signature[-2:] != "00" else "11")
    with pytest.raises(RecordError, match="signature does not verify"):
        verify_record(canonical.dumps(document))
    other = load_or_create(tmp_path / "other")
    document["installation"] = {"public_key": other.public_hex}
    swapped = resign(document, other)
    with pytest.raises(RecordError, match="not the expected"):
        verify_record(swapped, load_or_create(site.app.instance_path).public_hex)
