"""The public state of a conference: what the projector shows and Socket.IO pushes. Quorum,
cards, the committee's fingerprints, ballots cast against present, the running ballot-list
hash — and never a count of votes (design.md guarantee 4)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from voting.conference import box as boxes
from voting.conference import cards, ceremony, opening, quorum, results
from voting.crypto.ballot import ballot_list_hash
from voting.store import Conference


def state(session: Session, conference: Conference) -> dict[str, Any]:
    body = quorum.state(session, conference).to_dict()
    box = boxes.peek(session, conference.id)
    hashes = opening.ballot_hashes(session, conference.id)
    committee = ceremony.status(session, conference)
    body.update(
        {
            "ballots_cast": len(hashes),
            "ballot_list_hash": ballot_list_hash(hashes),
            "final_ballot_list_hash": box.final_list_hash if box else None,
            "fingerprint": box.fingerprint if box else None,
            "cards": cards.summary(session, conference),
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
            "result": results.state_label(conference, box.result if box else None),
            "aborted_reason": box.aborted_reason if box else None,
            "practice": conference.practice_of is not None,
        }
    )
    return body
