"""The changes a forger could make to a record, each caught by one numbered check of
docs/record.md: shared by the Python verifier's tests and the test that runs the JavaScript
verifier on the same records, so that both must name the same check."""

from collections.abc import Callable
from typing import Any

from voting import canonical
from voting.crypto.installation import InstallationKey
from voting.tally.chain import entry_hash
from voting.tally.record import signed_message

Document = dict[str, Any]


def resign(document: Document, key: InstallationKey) -> bytes:
    """The changed document, signed again: only the deeper checks can catch the change."""
    document = {k: v for k, v in document.items() if k != "signature"}
    return canonical.dumps({**document, "signature": key.sign(signed_message(document))})


def first_mark(document: Document) -> Document:
    mark: Document = document["ballots"][0]["sections"][0]["marks"][0]
    return mark


def swap_ciphertexts(document: Document) -> None:
    marks = document["ballots"][0]["sections"][0]["marks"]
    marks[0]["ciphertext"], marks[1]["ciphertext"] = marks[1]["ciphertext"], marks[0]["ciphertext"]


def change_response(document: Document) -> None:
    proof = first_mark(document)["proof"]
    proof["responses"][0] = document["ballots"][1]["sections"][0]["marks"][0]["proof"]["responses"][
        0
    ]


def change_challenge(document: Document) -> None:
    proof = first_mark(document)["proof"]
    proof["challenges"][0], proof["challenges"][1] = proof["challenges"][1], proof["challenges"][0]


def change_signature(document: Document) -> None:
    ballot = document["ballots"][0]
    ballot["signature"] = document["ballots"][1]["signature"]


def raise_count(document: Document) -> None:
    section = next(iter(document["counts"]))
    candidate = next(iter(document["counts"][section]))
    document["counts"][section][candidate] += 1


def change_present(document: Document) -> None:
    document["frozen"]["present"] += 1
    document["frozen"]["convened"] += 1


def drop_ballot(document: Document) -> None:
    document["ballots"].pop()


def duplicate_ballot(document: Document) -> None:
    document["ballots"].insert(1, document["ballots"][0])


def reorder_ballots(document: Document) -> None:
    document["ballots"][0], document["ballots"][1] = document["ballots"][1], document["ballots"][0]


def void_a_used_card(document: Document) -> None:
    document["cards"]["voided"] = [document["ballots"][0]["card"]]


def change_partial(document: Document) -> None:
    shares = document["partials"][0]["shares"]
    shares[0]["share"], shares[1]["share"] = shares[1]["share"], shares[0]["share"]


def drop_partial(document: Document) -> None:
    document["partials"].pop()


def change_count_signature(document: Document) -> None:
    signatures = document["count_signatures"]
    signatures[0]["signature"] = signatures[1]["signature"]


def swap_member_key(document: Document) -> None:
    reveals = document["committee"]["reveals"]
    reveals[0]["signing_key"] = reveals[1]["signing_key"]


def change_rules(document: Document) -> None:
    document["rule_set"]["content"]["quorum"] = "1/2"


def change_ballot_definition(document: Document) -> None:
    document["ballot"]["sections"][0]["quota"] = 1


def change_aggregate(document: Document) -> None:
    section = next(iter(document["aggregate"]))
    first, second = list(document["aggregate"][section])[:2]
    sums = document["aggregate"][section]
    sums[first], sums[second] = sums[second], sums[first]


def flip_passed(document: Document) -> None:
    section = next(iter(document["evaluation"]))
    row = next(iter(document["evaluation"][section].values()))
    row["passed"] = not row["passed"]


def change_share(document: Document) -> None:
    section = next(iter(document["evaluation"]))
    row = next(iter(document["evaluation"][section].values()))
    row["share"] = f"{row['agree'] + 1}/{row['base_count']}"


def change_base(document: Document) -> None:
    for rows in document["evaluation"].values():
        for row in rows.values():
            row["base"] = "convened"


def invent_a_selection(document: Document) -> None:
    document["selection"] = {"chosen": {"s1": ["c1"]}}


def invent_a_decision(document: Document) -> None:
    document["decision"] = {
        "chosen": {"s1": ["c1"]},
        "decided_by": "user:head",
        "decided_at": "2026-01-01T00:00:00Z",
        "note": "",
    }


def rechain(document: Document) -> None:
    """Renumber and rehash every event: a chain that holds, so only its content can fail."""
    prev = "0" * 64
    for seq, entry in enumerate(document["events"], start=1):
        entry.update(seq=seq, prev=prev)
        entry["hash"] = prev = entry_hash(entry)


def drop_event(document: Document) -> None:
    del document["events"][3]


def drop_last_event(document: Document) -> None:
    document["events"].pop()


def reorder_events(document: Document) -> None:
    events = document["events"]
    events[2], events[3] = events[3], events[2]


def change_event(document: Document) -> None:
    document["events"][1]["actor"] = "user:someone-else"


def drop_a_share_event_and_rechain(document: Document) -> None:
    document["events"] = [e for e in document["events"] if e["kind"] != "box.partial"]
    rechain(document)


def change_closing_hash_and_rechain(document: Document) -> None:
    for entry in document["events"]:
        if entry["data"].get("to") == "closed":
            entry["data"]["ballot_list_hash"] = "00" * 32
    rechain(document)


def move_an_event_to_another_conference(document: Document) -> None:
    document["events"][0]["conference"] = "another"
    rechain(document)


def rename_a_candidate_id(document: Document) -> None:
    document["positions"][0]["candidates"][0]["id"] = "x1"


def change_step_title(document: Document) -> None:
    document["conference"]["step_title"] = "Bước 5"


def negative_replacements(document: Document) -> None:
    document["cards"]["replaced"] = -1


def event(document: Document, kind: str, to: str | None = None) -> Document:
    """The data of the first event of `kind` (of a phase change `to`)."""
    for entry in document["events"]:
        if entry["kind"] == kind and (to is None or entry["data"].get("to") == to):
            data: Document = entry["data"]
            return data
    raise LookupError(kind)


def decide_at_a_step_that_fills_no_quota(document: Document) -> None:
    """A head's decision "choosing" a candidate at step 3, logged as the server would log it."""
    failing = [c for c, row in document["evaluation"]["s1"].items() if not row["passed"]]
    chosen = {"s1": (failing or list(document["evaluation"]["s1"]))[:1]}
    document["decision"] = {
        "chosen": chosen,
        "decided_by": "user:head",
        "decided_at": "2026-01-01T00:00:00Z",
        "note": "",
    }
    last = document["events"][-1]
    document["events"].append(
        {**last, "kind": "head.decided", "actor": "user:head", "data": {"chosen": chosen}}
    )
    rechain(document)


def deal_one_more_card_everywhere(document: Document) -> None:
    document["cards"]["dealt"] += 1
    event(document, "phase.changed", "voting")["dealt"] += 1
    rechain(document)


def change_the_opening_events_dealt(document: Document) -> None:
    event(document, "phase.changed", "voting")["dealt"] += 1
    rechain(document)


def change_the_opening_events_card_list_hash(document: Document) -> None:
    event(document, "phase.changed", "voting")["card_list_hash"] = "00" * 32
    rechain(document)


def drop_a_member_from_box_opened(document: Document) -> None:
    event(document, "box.opened")["members"].pop()
    rechain(document)


def change_the_ballots_of_box_opened(document: Document) -> None:
    event(document, "box.opened")["ballots"] += 1
    rechain(document)


def change_the_joint_key_of_committee_complete(document: Document) -> None:
    event(document, "committee.complete")["joint_key"] = document["fingerprint"]
    rechain(document)


def reverse_the_partials(document: Document) -> None:
    document["partials"].reverse()


def write_a_bundle_hash_as_text(document: Document) -> None:
    document["bundles"] = {"voter.js": "not a hash"}


def write_held_on_as_text(document: Document) -> None:
    document["conference"]["held_on"] = "4/12/2026"


def add_a_boolean_to_the_installation(document: Document) -> None:
    document["installation"]["pinned"] = True


def rehash_rules(document: Document) -> None:
    rules = document["rule_set"]
    rules["hash"] = canonical.sha256_hex(rules["content"])


def make_the_final_step_unranked_and_rehash(document: Document) -> None:
    document["rule_set"]["content"]["procedures"][0]["steps"][-1]["fills_quota"] = False
    rehash_rules(document)


def write_a_ratio_as_a_decimal_and_rehash(document: Document) -> None:
    document["rule_set"]["content"]["procedures"][0]["steps"][2]["threshold"]["ratio"] = "0.3"
    rehash_rules(document)


def add_a_rule_the_program_ignores_and_rehash(document: Document) -> None:
    """Valid rules, but not the ones the ballots' fingerprint was computed with."""
    document["rule_set"]["content"]["colour"] = "đỏ"
    rehash_rules(document)


def make_two_candidates_one_cadre(document: Document) -> None:
    candidates = document["positions"][0]["candidates"]
    candidates[1]["cadre"] = candidates[0]["cadre"]


def void_a_used_card_and_count_it(document: Document) -> None:
    """The card of a cast ballot voided, with the counters and the opening event made to add up."""
    document["cards"]["voided"] = [document["ballots"][0]["card"]]
    document["cards"]["dealt"] -= 1
    opening = event(document, "phase.changed", "voting")
    opening["dealt"] -= 1
    opening["voided"] = 1
    rechain(document)


Change = Callable[[Document], None]

TAMPERS: list[tuple[Change, int, str]] = [
    # (the change, the number of the check that catches it, a fragment of its message)
    (add_a_boolean_to_the_installation, 2, "installation"),
    (change_rules, 3, "rule_set"),
    (change_step_title, 3, "step_title"),
    (write_held_on_as_text, 3, "held_on"),
    (make_the_final_step_unranked_and_rehash, 3, "ranked candidate ballot"),
    (write_a_ratio_as_a_decimal_and_rehash, 3, "fraction"),
    (rename_a_candidate_id, 4, "positions"),
    (negative_replacements, 4, "cards"),
    (make_two_candidates_one_cadre, 4, "stands twice"),
    (void_a_used_card, 6, "voided"),
    (deal_one_more_card_everywhere, 6, "dealt"),
    (swap_member_key, 7, "committee"),
    (change_present, 8, "fingerprint"),
    (change_ballot_definition, 8, "fingerprint"),
    (add_a_rule_the_program_ignores_and_rehash, 8, "fingerprint"),
    (swap_ciphertexts, 9, "ballot 0"),
    (change_response, 9, "does not verify"),
    (change_challenge, 9, "does not verify"),
    (change_signature, 9, "signature"),
    (duplicate_ballot, 9, "already cast"),
    (void_a_used_card_and_count_it, 9, "was voided"),
    (drop_ballot, 10, "ballot_list_hash"),
    (reorder_ballots, 10, "hash order"),
    (change_aggregate, 10, "aggregate"),
    (raise_count, 11, "counts"),
    (change_partial, 11, "partials"),
    (drop_partial, 11, "must open the box"),
    (reverse_the_partials, 11, "member order"),
    (change_count_signature, 12, "count_signatures"),
    (flip_passed, 13, "evaluation"),
    (change_share, 13, "evaluation"),
    (change_base, 13, "evaluation"),
    (invent_a_selection, 14, "selection"),
    (invent_a_decision, 14, "decision"),
    (decide_at_a_step_that_fills_no_quota, 14, "fills none"),
    (drop_event, 15, "chain breaks at event 4"),
    (reorder_events, 15, "chain breaks at event 3"),
    (change_event, 15, "chain breaks at event 2"),
    (move_an_event_to_another_conference, 15, "another conference"),
    (drop_last_event, 16, "no box.counts_signed event of member"),
    (drop_a_share_event_and_rechain, 16, "no box.partial event"),
    (change_closing_hash_and_rechain, 16, "closing event"),
    (change_the_opening_events_dealt, 16, "another dealt"),
    (change_the_joint_key_of_committee_complete, 16, "joint key"),
    (change_the_opening_events_card_list_hash, 16, "another card_list_hash"),
    (drop_a_member_from_box_opened, 16, "box.opened"),
    (change_the_ballots_of_box_opened, 16, "box.opened"),
    (write_a_bundle_hash_as_text, 17, "bundles"),
]
