"""A committee member's lost phone, after the ceremony: the organiser revokes it and issues a
replacement token; only the member's backup redeems it, and the new phone then opens the box
and signs the counts as the old one would have."""

from __future__ import annotations

from typing import Any

from tests.integration.voting.test_flow import BALLOT3, cast, close, open_box, open_vote
from voting.crypto.decryption import sign_counts
from voting.crypto.dkg import KeyShare
from voting.crypto.rejoin import sign_rejoin
from voting.tally.verify import verify_record


def code(response: Any) -> str:
    value: str = response.json["error"]["code"]
    return value


def replace(organiser: Any, conference: str, member: int) -> Any:
    return organiser.post(f"/api/conferences/{conference}/committee/members/{member}/replace")


def test_a_restored_backup_takes_the_seat_and_opens_the_box(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference, p = open_vote(site, organiser, phones, present=17, ballot=BALLOT3)
    base = f"/api/conferences/{conference}/committee"
    for card, choice in zip(p.dealt[:3], (["s1c1"], ["s1c1"], ["s1c2"]), strict=True):
        assert cast(site, conference, card, {"s1": choice}).status_code == 201
    lost = p.apis[2]
    issued = replace(organiser, conference, 2)
    assert issued.status_code == 201, issued.json
    token = issued.json["token"]
    # the lost phone is out at once; the seat waits for its new phone
    assert lost.get(f"{base}/shares").status_code == 401
    status = site.api().get(base).json
    assert [m["joined"] for m in status["members"]] == [True, False, True]
    # the token alone binds nothing: a plain join, another member's backup, a changed token
    anonymous = site.app.test_client()
    assert code(anonymous.post(f"{base}/join", json={"token": token})) == "rejoin_required"
    for proof in (
        sign_rejoin(p.keys[3], token).to_json(),  # member 3's own, valid proof: not seat 2
        sign_rejoin(p.keys[3], token).to_json() | {"member": 2},
        sign_rejoin(p.keys[2], token + "x").to_json() | {"token": token},
    ):
        refused = anonymous.post(f"{base}/rejoin", json=proof)
        assert refused.status_code == 422 and code(refused) == "backup_not_for_seat"
    assert code(anonymous.post(f"{base}/rejoin", json={"token": token})) == (
        "committee_message_invalid"
    )
    # the backup file, restored on the new phone, proves the seat
    restored = KeyShare.restore(p.keys[2].backup(), conference)
    joined = anonymous.post(f"{base}/rejoin", json=sign_rejoin(restored, token).to_json())
    assert joined.status_code == 201, joined.json
    assert joined.json["member"] == 2
    again = anonymous.post(f"{base}/rejoin", json=sign_rejoin(restored, token).to_json())
    assert code(again) == "join_token_used"
    p.apis[2] = p.member_api(joined.json["binding"])
    assert site.api().get(base).json["members"][1]["joined"] is True
    # the new phone opens the box with member 3, and signs the counts
    close(organiser, conference)
    replies = open_box(site, conference, p, [2, 3])
    assert [r.status_code for r in replies] == [200, 200], [r.json for r in replies]
    assert replies[1].json["opened"] is True
    with site.app.app_context():
        from voting.conference import box as boxes
        from voting.web.extensions import db

        counts = boxes.peek(db(), conference).counts
    assert counts == {"s1": {"s1c1": 2, "s1c2": 1, "s1c3": 0}}
    status = site.api().get(base).json
    assert [m["partial_sent"] for m in status["members"]] == [False, True, True]
    for j in (2, 3):
        r = p.apis[j].post(
            f"{base}/count-signatures",
            json=sign_counts(
                restored if j == 2 else p.keys[j], site.opened(conference), counts
            ).to_json(),
        )
        assert r.status_code == 200, r.json
    assert r.json["record_written"] is True
    assert verify_record(organiser.get(f"/api/conferences/{conference}/record").data)
    # nothing is left for a phone to do once the record is written
    done = replace(organiser, conference, 1)
    assert done.status_code == 409 and code(done) == "committee_done"
    log = organiser.get(f"/api/conferences/{conference}/events").json["events"]
    kinds = [e["kind"] for e in log]
    assert kinds.count("committee.phone_replaced") == 1 and kinds.count("committee.rejoined") == 1


def test_a_phone_is_replaced_only_between_the_joint_key_and_the_record(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference = site.ready(organiser)
    p = phones(site, organiser, conference)
    p.join()
    early = replace(organiser, conference, 1)
    assert early.status_code == 409 and code(early) == "ceremony_incomplete"
    assert site.api().get(f"/api/conferences/{conference}/committee").json["members"][0]["joined"]
    p2 = phones(site, organiser, site.ready(organiser))
    p2.ceremony()
    unknown = replace(organiser, p2.conference, 4)
    assert unknown.status_code == 404 and code(unknown) == "member_unknown"
    path = f"/api/conferences/{p2.conference}/committee/members/1/replace"
    assert site.api().post(path).status_code == 401  # nobody but the organiser
    assert p2.apis[2].post(path).status_code == 403  # not a member either
    r = organiser.post(
        f"/api/conferences/{p2.conference}/abort", json={"reason": "Mất điện toàn hội trường"}
    )
    assert r.status_code == 200, r.json
    aborted = replace(organiser, p2.conference, 1)
    assert aborted.status_code == 409 and code(aborted) == "committee_done"
