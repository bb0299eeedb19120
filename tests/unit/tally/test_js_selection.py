"""The selection of docs/record.md computed by the JavaScript verifier (js/src/rules.js) and by
the Python rules engine agree byte for byte on many random final-step cases: equal counts,
boundary ties, cadres standing in several positions, positions already held, and head's
decisions both valid and refused."""

import json
import random
import subprocess
from pathlib import Path
from typing import Any

from voting import canonical
from voting.crypto.ballot import BallotDefinition, Section
from voting.rules import KH331, RulesError
from voting.tally.evaluation import selection
from voting.tally.shapes import decision_of

ROOT = Path(__file__).parents[3]
STEP = KH331.final_step("next_term")


def random_case(rng: random.Random) -> dict[str, Any]:
    convened = rng.randint(3, 9)
    present = rng.randint(-(-convened * 2 // 3), convened)
    people = [f"p{n}" for n in range(rng.randint(2, 6))]
    sections, cadres, counts = [], {}, {}
    for s in range(1, rng.randint(1, 5) + 1):
        chosen = rng.sample(people, rng.randint(1, len(people)))
        ids = [
            f"c{people.index(p) + 1}" if rng.random() < 0.7 else f"s{s}x{i}"
            for i, p in enumerate(chosen)
        ]
        sections.append(Section(f"s{s}", tuple(ids), rng.randint(1, 3)))
        cadres[f"s{s}"] = dict(zip(ids, chosen, strict=True))
        high = rng.choice([convened, convened // 2 + 2])
        counts[f"s{s}"] = {c: rng.randint(0, min(present, high)) for c in ids}
    planned = {p: rng.randint(0, 3) for p in rng.sample(people, rng.randint(0, len(people)))}
    decision: dict[str, Any] = {}
    undecided = python_selection(
        {
            "definition": BallotDefinition(tuple(sections)).to_dict(),
            "counts": counts,
            "present": present,
            "convened": convened,
            "decision": {},
            "cadres": cadres,
            "planned": planned,
            "version": 3,
        }
    ).get("selection", {})
    if undecided.get("contested") and rng.random() < 0.6:
        ties = undecided["ties"]
        picks = {
            p: ties[p]["among"][: ties[p]["places"]] if p in ties else []
            for p in undecided["contested"]
        }
        decision = {"chosen": picks, "decided_by": "user:head", "decided_at": "t", "note": ""}
    elif rng.random() < 0.5:
        picks = {
            s.id: rng.sample(s.candidates, rng.randint(0, min(2, len(s.candidates))))
            for s in sections
            if rng.random() < 0.7
        }
        decision = {"chosen": picks, "decided_by": "user:head", "decided_at": "t", "note": ""}
    return {
        "definition": BallotDefinition(tuple(sections)).to_dict(),
        "counts": counts,
        "present": present,
        "convened": convened,
        "decision": decision,
        "cadres": cadres,
        "planned": planned,
        "version": rng.choice([1, 2, 3, 3, 3]),
    }


def python_selection(case: dict[str, Any]) -> dict[str, Any]:
    try:
        made = selection(
            STEP,
            BallotDefinition.from_dict(case["definition"]),
            case["counts"],
            case["present"],
            case["convened"],
            decision_of(case["decision"]),
            case["cadres"],
            case["planned"],
            version=case["version"],
        )
    except RulesError as error:
        return {"error": str(error)}
    return {"selection": made}


def test_both_select_alike_on_random_cases() -> None:
    rng = random.Random(20261204)
    cases = [random_case(rng) for _ in range(400)]
    given = [
        {
            **case,
            "content": KH331.content,
            "procedure": "next_term",
            "step": STEP.number,
            "decision": case["decision"] or None,
        }
        for case in cases
    ]
    done = subprocess.run(
        ["node", str(ROOT / "js" / "tools" / "select.mjs")],
        input=json.dumps(given).encode(),
        capture_output=True,
        check=True,
        timeout=300,
    )
    javascript = json.loads(done.stdout)
    outcomes = {"selected": 0, "refused": 0, "decided": 0, "tied": 0, "over_cap": 0}
    for case, js in zip(cases, javascript, strict=True):
        py = python_selection(case)
        assert ("error" in py) == ("error" in js), (case, py, js)
        if "error" in py:
            outcomes["refused"] += 1
            continue
        assert canonical.dumps(py["selection"]) == canonical.dumps(js["selection"]), case
        made = py["selection"]
        outcomes["selected"] += 1
        outcomes["decided"] += bool(case["decision"])
        outcomes["tied"] += bool(made["ties"])
        outcomes["over_cap"] += bool(made["over_cap"])
    assert min(outcomes.values()) >= 10, outcomes
