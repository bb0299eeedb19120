"""The public state of a conference: what the projector shows and Socket.IO pushes. Quorum,
cards, the committee's fingerprints, ballots cast against present, the ballot-list hash once
frozen at closing — and never a count of votes (design.md guarantee 4). While voting only the
number of ballots changes: a running list hash pushed after each ballot would let anyone with
the published list date every ballot."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from voting.conference import box as boxes
from voting.conference import cards, casting, ceremony, quorum, results
from voting.store import Conference


def state(session: Session, conference: Conference) -> dict[str, Any]:
    body = quorum.state(session, conference).to_dict()
    box = boxes.peek(session, conference.id)
    committee = ceremony.status(session, conference)
    body.update(
        {
            "ballots_cast": casting.count(session, conference.id),
            "final_ballot_list_hash": box.final_list_hash if box else None,
            "fingerprint": box.fingerprint if box else None,
            "cards": cards.summary(session, conference).to_json(),
            "committee": {
                "complete": committee["complete"],
                "joint_fingerprint": committee["joint_fingerprint"],
                "members": [
                    {
                        "member": m["member"],
                        "joined": m["joined"],
                        "confirmed": m["confirmed"],
                        "fingerprint": m.get("fingerprint"),
                    }
                    for m in committee["members"]
                ],
            },
            "result": results.state_label(conference, results.stored(box)),
            "aborted_reason": box.aborted_reason if box else None,
            "practice": conference.practice_of is not None,
        }
    )
    return body
