"""A restored backup proves its seat: only the member's own key, for this conference, over
this token, is accepted."""

from __future__ import annotations

import dataclasses

import pytest

from voting.crypto.committee_json import CommitteeError
from voting.crypto.dkg import Ceremony, simulate_ceremony
from voting.crypto.rejoin import Rejoin, sign_rejoin, verify_rejoin

CONFERENCE = "conf-rejoin"


def test_the_members_own_backup_proves_its_seat_and_reads_back_from_json() -> None:
    transcript, keys = simulate_ceremony(Ceremony(CONFERENCE, 2, 3))
    for key in keys:
        proof = sign_rejoin(key, "token-abc")
        verify_rejoin(transcript, Rejoin.from_json(proof.to_json()))


def test_another_members_key_a_changed_token_or_another_conference_is_refused() -> None:
    transcript, keys = simulate_ceremony(Ceremony(CONFERENCE, 2, 3))
    proof = sign_rejoin(keys[2], "token-abc")
    for forged in (
        dataclasses.replace(proof, member=2),  # member 3's key claiming seat 2
        dataclasses.replace(proof, token="token-abd"),
        dataclasses.replace(proof, signature=bytes(64)),
    ):
        with pytest.raises(CommitteeError, match="not signed with member"):
            verify_rejoin(transcript, forged)
    with pytest.raises(CommitteeError, match="another conference"):
        verify_rejoin(transcript, dataclasses.replace(proof, conference_id="conf-other"))
    other_transcript, _ = simulate_ceremony(Ceremony(CONFERENCE, 2, 3))
    with pytest.raises(CommitteeError, match="not signed with member"):
        verify_rejoin(other_transcript, proof)  # a backup from an earlier ceremony
    with pytest.raises(CommitteeError, match="member 4"):
        verify_rejoin(transcript, dataclasses.replace(proof, member=4))


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "committee-count-signature"},
        {"member": 0},
        {"member": True},
        {"token": ""},
        {"signature": "00"},
        {"extra": 1},
    ],
)
def test_a_malformed_proof_is_refused(change: dict[str, object]) -> None:
    _, keys = simulate_ceremony(Ceremony(CONFERENCE, 2, 3))
    value = {**sign_rejoin(keys[0], "token-abc").to_json(), **change}
    with pytest.raises(CommitteeError):
        Rejoin.from_json(value)
