"""Python accepts what the browser code makes: a ballot built by js/ verifies in Python, and a
key ceremony and opening run in js/ check and combine in Python (the shared vectors check the
other direction)."""

import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from voting import canonical
from voting.crypto.ballot import (
    Ballot,
    BallotDefinition,
    BallotError,
    ballot_hash,
    verify_ballot,
)
from voting.crypto.cards import make_pool
from voting.crypto.decryption import (
    CountSignature,
    DecryptionError,
    Opened,
    PartialDecryption,
    combine,
    verify_count_signatures,
)
from voting.crypto.dkg import Ceremony, Commitment, KeyShare, Transcript, simulate_ceremony
from voting.crypto.group import Point
from voting.tally.simulation import opened_context

OPENED = Opened("12" * 32, "34" * 32)

ROOT = Path(__file__).resolve().parents[2]
CONFERENCE = "hội-nghị-liên-thông"


def node(tool: str, given: dict[str, Any]) -> Any:
    done = subprocess.run(
        ["node", str(ROOT / "js" / "tools" / tool)],
        input=json.dumps(given),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return canonical.loads(done.stdout.encode())


def test_a_ballot_built_in_javascript_verifies_in_python() -> None:
    definition = BallotDefinition.from_dict(
        {
            "sections": [
                {"id": "giám-đốc", "candidates": ["a", "b", "c"], "quota": 2},
                {"id": "phó", "candidates": ["d", "e"], "quota": 1},
            ]
        }
    )
    pool = make_pool(CONFERENCE, 3)
    transcript, _ = simulate_ceremony(Ceremony(CONFERENCE))
    context = opened_context(CONFERENCE, definition, pool.public_keys, transcript.joint_key, 4, 3)
    fingerprint = context.fingerprint
    made = node(
        "build-ballot.mjs",
        {
            "conference": CONFERENCE,
            "fingerprint": fingerprint,
            "definition": definition.to_dict(),
            "joint_key": transcript.joint_key.hex(),
            "card_secret": pool.secrets[1].hex(),
            "choices": {"giám-đốc": ["c", "a"], "phó": []},
        },
    )
    ballot = Ballot.from_dict(made["ballot"])
    verify_ballot(context, ballot, pool.public_keys)
    assert ballot_hash(ballot) == made["ballot_hash"]
    first, *rest = ballot.sections
    marks = (replace(first.marks[0], ciphertext=first.marks[1].ciphertext), *first.marks[1:])
    changed = replace(ballot, sections=(replace(first, marks=marks), *rest))
    with pytest.raises(BallotError, match="signature"):
        verify_ballot(context, changed, pool.public_keys)
    other = replace(context, fingerprint="cd" * 32)
    with pytest.raises(BallotError, match="fingerprint"):
        verify_ballot(other, ballot, pool.public_keys)


def test_a_javascript_ceremony_and_opening_check_in_python() -> None:
    counts = [0, 2, 5]
    signed = {"s": {"a": 0, "b": 2, "c": 5}}
    made = node(
        "committee-ceremony.mjs",
        {
            "conference_id": CONFERENCE,
            "threshold": 2,
            "members": 3,
            "encrypt": counts,
            "counts": signed,
            "fingerprint": OPENED.fingerprint,
            "list_hash": OPENED.list_hash,
        },
    )
    transcript = Transcript.from_json(made["transcript"])
    assert [Commitment.from_json(r).digest() for r in made["reveals"]] == [
        h["hash"] for h in made["commitment_hashes"]
    ]
    keys = [KeyShare.restore(text.encode(), CONFERENCE) for text in made["backups"]]
    assert all(key.transcript.joint_key == transcript.joint_key for key in keys)
    ciphertexts = [(Point.from_hex(c["a"]), Point.from_hex(c["b"])) for c in made["ciphertexts"]]
    partials = [PartialDecryption.from_json(p) for p in made["partials"]]
    assert combine(transcript, ciphertexts, partials[1:], 5) == counts
    assert combine(transcript, ciphertexts, [partials[0], partials[2]], 5) == counts
    signatures = [CountSignature.from_json(s) for s in made["count_signatures"]]
    verify_count_signatures(transcript, OPENED, signed, signatures)
    with pytest.raises(DecryptionError):
        verify_count_signatures(
            transcript, Opened(OPENED.list_hash, OPENED.fingerprint), signed, signatures
        )
