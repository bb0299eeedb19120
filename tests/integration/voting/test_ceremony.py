"""The key ceremony relay: order enforced, every message checked, complaints stop a round,
restart, single-use join tokens, bound phones, and no opening before the ceremony completes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from voting.crypto.dkg import Ceremony, Complaint, Member, MemberSecrets, Transcript


def code(response: Any) -> str:
    value: str = response.json["error"]["code"]
    return value


def test_a_join_token_works_once_and_binds_one_phone(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}/committee"
    tokens = organiser.post(f"{base}/tokens").json["tokens"]
    assert [t["member"] for t in tokens] == [1, 2, 3]
    phone = site.app.test_client()
    first = phone.post(f"{base}/join", json={"token": tokens[0]["token"]})
    assert first.status_code == 201 and "Set-Cookie" not in first.headers
    again = phone.post(f"{base}/join", json={"token": tokens[0]["token"]})
    assert again.status_code == 409 and code(again) == "join_token_used"
    assert code(phone.post(f"{base}/join", json={"token": "guess"})) == "join_token_unknown"
    # the binding works only on its conference, and not as another member
    p = phones(site, organiser, conference)
    member = p.member_api(first.json["binding"])
    other = site.ready(organiser)
    assert member.get(f"/api/conferences/{other}/committee/shares").status_code == 403
    own = Member(Ceremony(conference, 2, 3), 1)
    imposter = Member(Ceremony(conference, 2, 3), 2)
    r = member.post(f"{base}/commitment-hash", json=imposter.commitment_hash().to_json())
    assert code(r) == "committee_message_foreign"
    assert (
        member.post(f"{base}/commitment-hash", json=own.commitment_hash().to_json()).status_code
        == 200
    )
    # re-issuing tokens unbinds every phone
    organiser.post(f"{base}/tokens")
    assert code(member.get(f"{base}/shares")) == "member_unknown"


def test_the_relay_enforces_the_order_and_checks_every_message(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}/committee"
    p = phones(site, organiser, conference)
    p.join()
    m1, m2, m3 = (p.members[j] for j in (1, 2, 3))
    # no reveal before every hash is in
    p.apis[1].post(f"{base}/commitment-hash", json=m1.commitment_hash().to_json())
    r = p.apis[1].post(f"{base}/reveal", json=m1.commitment.to_json())
    assert r.status_code == 409 and code(r) == "ceremony_waiting"
    assert site.api().get(base).json["reveals"] == []
    for j in (2, 3):
        p.apis[j].post(f"{base}/commitment-hash", json=p.members[j].commitment_hash().to_json())
    # a reveal that is not the one hashed is refused
    swapped = Member(Ceremony(conference, 2, 3), 1)
    r = p.apis[1].post(f"{base}/reveal", json=swapped.commitment.to_json())
    assert code(r) == "reveal_mismatch"
    # malformed
    assert code(p.apis[1].post(f"{base}/reveal", json={"kind": "x"})) == "committee_message_invalid"
    for j, member in ((1, m1), (2, m2), (3, m3)):
        assert p.apis[j].post(f"{base}/reveal", json=member.commitment.to_json()).status_code == 200
    status = site.api().get(base).json
    transcript = Transcript.from_json(
        {
            "kind": "committee-transcript",
            "conference_id": conference,
            "threshold": 2,
            "members": 3,
            "reveals": status["reveals"],
        }
    )
    # shares: one for each other member, no fewer
    shares = [s.to_json() for s in m1.seal_shares(transcript)]
    r = p.apis[1].post(f"{base}/shares", json={"shares": shares[:1]})
    assert code(r) == "shares_incomplete"
    # voting cannot open while the ceremony runs
    for attendee in site.attendee_ids(organiser, conference)[:17]:
        organiser.post(f"/api/conferences/{conference}/attendees/{attendee}/check-in")
    r = organiser.post(f"/api/conferences/{conference}/phase", json={"to": "voting"})
    assert r.status_code == 409 and code(r) == "ceremony_incomplete"
    assert organiser.get(f"/api/conferences/{conference}").json["convened_at_opening"] is None
    # a complaint stops the round; restart clears it and a new round completes
    complaint = Complaint(conference, 2, 1, "mismatch")
    assert p.apis[2].post(f"{base}/complaint", json=complaint.to_json()).status_code == 200
    r = p.apis[1].post(f"{base}/shares", json={"shares": shares})
    assert code(r) == "ceremony_stopped"
    assert site.api().get(base).json["complaint"] == {
        "accuser": 2,
        "accused": 1,
        "reason": "mismatch",
    }
    assert organiser.post(f"{base}/restart").status_code == 200
    assert site.api().get(base).json["round"] == 2
    for j in (1, 2, 3):
        p.members[j] = Member(Ceremony(conference, 2, 3), j)
    _finish(site, p, base)
    kinds = [
        e["kind"] for e in organiser.get(f"/api/conferences/{conference}/events").json["events"]
    ]
    assert kinds.count("committee.complaint") == 1 and "committee.restarted" in kinds
    assert kinds[-1] == "committee.complete"


def _finish(site: Any, p: Any, base: str) -> None:
    from voting.crypto.dkg import SealedShare

    for j, m in p.members.items():
        assert (
            p.apis[j]
            .post(f"{base}/commitment-hash", json=m.commitment_hash().to_json())
            .status_code
            == 200
        )
    for j, m in p.members.items():
        assert p.apis[j].post(f"{base}/reveal", json=m.commitment.to_json()).status_code == 200
    status = site.api().get(base).json
    transcript = Transcript.from_json(
        {
            "kind": "committee-transcript",
            "conference_id": p.conference,
            "threshold": 2,
            "members": 3,
            "reveals": status["reveals"],
        }
    )
    for j, m in p.members.items():
        shares = [s.to_json() for s in m.seal_shares(transcript)]
        assert p.apis[j].post(f"{base}/shares", json={"shares": shares}).status_code == 200
    for j, m in p.members.items():
        mine = [SealedShare.from_json(s) for s in p.apis[j].get(f"{base}/shares").json["shares"]]
        m.finish(transcript, mine)
        wrong = {
            "backup_saved": True,
            "joint_key": transcript.joint_key.hex(),
            "public_share": transcript.public_share(j % 3 + 1).hex(),
        }
        assert code(p.apis[j].post(f"{base}/confirm", json=wrong)) == "key_not_in_joint_key"
        assert code(p.apis[j].post(f"{base}/confirm", json={**wrong, "backup_saved": False})) == (
            "backup_required"
        )
        right = {**wrong, "public_share": transcript.public_share(j).hex()}
        assert p.apis[j].post(f"{base}/confirm", json=right).status_code == 200
    final = site.api().get(base).json
    assert final["complete"] and final["joint_key"] == transcript.joint_key.hex()
    assert len(final["joint_fingerprint"]) == 19
    assert [m["fingerprint"] for m in final["members"]] == [
        " ".join(
            __import__("hashlib").sha256(transcript.public_share(j).raw).hexdigest()[i : i + 4]
            for i in range(0, 16, 4)
        )
        for j in (1, 2, 3)
    ]


def test_two_seats_with_one_signing_key_are_refused_at_the_reveal(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Issue 16, item 5: does the relay refuse a member's reveal whose signing key another
    seat already revealed (one signer would count as two members), changing nothing?"""
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}/committee"
    p = phones(site, organiser, conference)
    p.join()
    ceremony = Ceremony(conference, 2, 3)
    first = MemberSecrets.random(2)
    twin = Member(ceremony, 2, replace(MemberSecrets.random(2), signing_seed=first.signing_seed))
    members = {1: Member(ceremony, 1, first), 2: twin, 3: p.members[3]}
    for j, member in members.items():
        p.apis[j].post(f"{base}/commitment-hash", json=member.commitment_hash().to_json())
    assert p.apis[1].post(f"{base}/reveal", json=members[1].commitment.to_json()).status_code == 200
    refused = p.apis[2].post(f"{base}/reveal", json=twin.commitment.to_json())
    assert refused.status_code == 422 and code(refused) == "committee_key_shared"
    assert "trùng với khóa của một thành viên khác" in refused.json["error"]["message"]
    assert [r["member"] for r in site.api().get(base).json["reveals"]] == [1]
