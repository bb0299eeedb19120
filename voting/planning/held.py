"""A step's conference result as the process reads it, typed: the counts by section and
candidate id, and what the rules engine left to the head and the head decided. Read once from
the conference's result view (`opened`); `steps` turns it into the step's result by cadre."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from voting.planning.state import CountedCandidate, Decision


@dataclass(frozen=True)
class HeldSection:
    """One section of the conference's ballot: its id, position and quota, and each
    candidate's id with the count."""

    id: str
    position: str
    quota: int | None
    candidates: list[tuple[str, CountedCandidate]]


@dataclass(frozen=True)
class HeldSelection:
    """Who a selecting step chose (section id → candidate ids), the ties for the last places
    (section id → candidate ids), those over the 3-positions cap (candidate id → section
    ids), and the head's decision once made (its `chosen` by section and candidate ids too)."""

    chosen: dict[str, list[str]]
    ties: dict[str, list[str]]
    over_cap: dict[str, list[str]]
    decision: Decision | None


@dataclass(frozen=True)
class HeldResult:
    """The opened conference's counts: convened, present, what the threshold counts
    ("present" or "convened"), whether the result is complete, the sections, the selection."""

    convened: int
    present: int
    threshold_base: str
    complete: bool
    sections: list[HeldSection]
    selection: HeldSelection | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HeldResult:
        selection = data.get("selection")
        return cls(
            convened=data["convened"],
            present=data["present"],
            threshold_base=data["threshold_base"],
            complete=bool(data["complete"]),
            sections=[
                HeldSection(
                    id=s["id"],
                    position=s["position"],
                    quota=s["quota"],
                    candidates=[(c["id"], CountedCandidate.from_json(c)) for c in s["candidates"]],
                )
                for s in data["sections"]
            ],
            selection=_selection(selection) if selection is not None else None,
        )


def opened(view: Mapping[str, Any]) -> HeldResult | None:
    """The result of a conference's result view once its box is opened (sealed or announced),
    typed; None before."""
    if view["status"] not in ("sealed", "announced"):
        return None
    return HeldResult.from_json(view["result"])


def _selection(data: Mapping[str, Any]) -> HeldSelection:
    made = data.get("decision")
    return HeldSelection(
        chosen={sid: list(cids) for sid, cids in data["chosen"].items()},
        ties={sid: list(tie["among"]) for sid, tie in (data.get("ties") or {}).items()},
        over_cap={cid: list(sids) for cid, sids in (data.get("over_cap") or {}).items()},
        decision=Decision.from_json(made) if made else None,
    )
