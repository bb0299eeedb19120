"""The kiosk on the server (docs/kiosk.md): its device token opens its own conference only and
stops at once when revoked; the same signed ballot sent again after a lost answer is stored
once, and its receipt is on the list whatever the second answer says."""

from __future__ import annotations

from typing import Any

from tests.integration.voting.test_flow import close, context, listing, open_vote
from voting.crypto.ballot import build_ballot


def test_a_kiosk_token_opens_its_own_conference_until_revoked(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Does the kiosk's token read its conference (the check before each voter), not another
    one, and is it refused at once, on the API and the page, after the organiser revokes it?"""
    conference, _ = open_vote(site, organiser, phones, present=17)
    other = site.set_up(organiser)
    link = site.issue_device(organiser, conference, "kiosk")
    kiosk = site.device(link["token"])
    assert kiosk.get(f"/api/conferences/{conference}").status_code == 200
    assert site.code(kiosk.get(f"/api/conferences/{other}")) == "forbidden"
    assert site.app.test_client().get(f"/kiosk/{link['token']}").status_code == 200

    assert organiser.delete(f"/api/devices/{link['id']}").status_code == 200
    refused = kiosk.get(f"/api/conferences/{conference}")
    assert refused.status_code == 401 and site.code(refused) == "device_revoked"
    assert site.app.test_client().get(f"/kiosk/{link['token']}").status_code == 401


def test_the_same_ballot_sent_twice_counts_once(site: Any, organiser: Any, phones: Any) -> None:
    """Is a ballot resent after a lost answer refused as "card used", stored once, and found
    by its receipt — also when voting closed before the resend arrived?"""
    conference, p = open_vote(site, organiser, phones, present=17)
    base = f"/api/conferences/{conference}"
    ballot = build_ballot(context(site, conference), p.dealt[0], {"s1": ["s1c1"]}).to_dict()
    client = site.app.test_client()
    first = client.post(f"{base}/ballots", json=ballot)
    assert first.status_code == 201
    receipt = first.json["receipt"]

    again = client.post(f"{base}/ballots", json=ballot)
    assert again.status_code == 409 and site.code(again) == "card_used"
    close(organiser, conference)
    late = client.post(f"{base}/ballots", json=ballot)
    assert late.status_code == 409 and site.code(late) == "voting_closed"

    assert [item["hash"] for item in listing(site, conference)["ballots"]] == [receipt]
    assert site.api().get(f"{base}/state").json["ballots_cast"] == 1
    found = site.api().get(f"{base}/ballots/{receipt}")
    assert found.status_code == 200 and found.json["ballot"] == ballot
