"""The ballot box row of a conference, the ballot definition as the cryptography sees it, and
key fingerprints for the projector (docs/voting.md)."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting import canonical
from voting.conference.errors import refused
from voting.crypto.ballot import BallotDefinition, Section
from voting.crypto.decryption import Opened
from voting.crypto.dkg import Transcript
from voting.store import BallotBox, BallotSection, Conference


def of(session: Session, conference: Conference) -> BallotBox:
    """The conference's box row, made on first use (the caller holds the conference's lock
    when it changes anything)."""
    box = session.get(BallotBox, conference.id)
    if box is None:
        box = BallotBox(
            conference_id=conference.id,
            ceremony_round=1,
            cards_dealt=0,
            cards_replaced=0,
            cards_undone=0,
        )
        session.add(box)
        session.flush()
    return box


def peek(session: Session, conference_id: str) -> BallotBox | None:
    """The box row if there is one, without making it (for reads)."""
    return session.get(BallotBox, conference_id)


def section_id(number: int) -> str:
    """Section `number` of the ballot as the cryptography names it: "s1", "s2", …"""
    return f"s{number}"


def candidate_id(section: int, number: int) -> str:
    """Candidate `number` of section `section`: "s1c1", "s1c2", …"""
    return f"s{section}c{number}"


def definition(session: Session, conference_id: str) -> BallotDefinition:
    """The stored ballot as a crypto BallotDefinition: ids from the stored numbers (stable:
    the ballot cannot change after set-up); a removal ballot's quota is its number of
    candidates (each one agreed or not on its own)."""
    rows = session.execute(
        select(BallotSection)
        .where(BallotSection.conference_id == conference_id)
        .order_by(BallotSection.number)
    ).scalars()
    return BallotDefinition(
        tuple(
            Section(
                section_id(row.number),
                tuple(candidate_id(row.number, c.number) for c in row.candidates),
                row.quota if row.quota is not None else len(row.candidates),
            )
            for row in rows
        )
    )


def fingerprint(point_hex: str) -> str:
    """A key's fingerprint as the projector shows it: the first 16 hex digits of SHA-256 of the
    point's 32 bytes, in four groups of four ("3f2a 9c01 …")."""
    digest = hashlib.sha256(bytes.fromhex(point_hex)).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


@lru_cache(maxsize=32)
def _transcript(content: bytes) -> Transcript:
    return Transcript.from_json(canonical.loads(content))


def transcript(box: BallotBox) -> Transcript:
    """The completed ceremony's transcript (proofs re-checked once, then cached)."""
    if box.transcript is None:
        raise refused("ceremony_incomplete")
    return _transcript(canonical.dumps(box.transcript))


def opened(box: BallotBox) -> Opened:
    """What the opening members' count signatures are bound to: the conference fingerprint
    and the ballot list frozen at closing."""
    if box.fingerprint is None or box.final_list_hash is None:
        raise refused("box_not_closed")
    return Opened(box.fingerprint, box.final_list_hash)
