"""A database session on a fresh SQLite file with the schema migrated, for the services (their
conferences come from `tests.fixtures.make_conference`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from voting.store import Conference, Database


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    database = Database(f"sqlite:///{tmp_path / 'test.db'}")
    database.upgrade()
    with database.session() as session:
        yield session
    database.dispose()


def ready_box(
    session: Session, conference: Conference, dealt: int
) -> tuple[list[object], list[object]]:
    """Issue 5's preconditions of the opening, through the services: the committee's key
    ceremony relayed for in-process `Member`s, and `dealt` cards dealt (one more undealt).
    Returns the members' key shares and the dealt cards."""
    from voting.conference import cards, ceremony
    from voting.crypto.cards import Card, make_pool
    from voting.crypto.dkg import Member, SealedShare

    cid = conference.id
    tokens = ceremony.issue_tokens(session, cid, "user:test")
    members = {}
    for _, token in tokens:
        number, _binding = ceremony.join(session, cid, token)
        members[number] = Member(ceremony.ceremony_of(conference), number)
    for j, member in members.items():
        ceremony.post_hash(session, cid, j, member.commitment_hash())
    for j, member in members.items():
        ceremony.post_reveal(session, cid, j, member.commitment)
    transcript = ceremony.transcript_now(session, conference)
    assert transcript is not None
    for j, member in members.items():
        ceremony.post_shares(session, cid, j, member.seal_shares(transcript))
    keys = []
    for j, member in members.items():
        mine = [SealedShare.from_json(s) for s in ceremony.shares_for(session, cid, j).shares]
        keys.append(member.finish(transcript, mine))
        ceremony.confirm(
            session,
            cid,
            j,
            ceremony.Confirmation(transcript.joint_key.hex(), transcript.public_share(j).hex()),
        )
    pool = make_pool(cid, dealt + 1)
    cards.upload_batch(session, cid, list(pool.public_keys), "user:test")
    for _ in range(dealt):
        cards.deal(session, cid, False, "device:1")
    every = [Card.from_secret(cid, secret) for secret in pool.secrets]
    cards.set_undealt(session, cid, [every[-1].public_hex], "device:1")
    return list(keys), list(every[:-1])
