"""The roster drawn by composition groups, externals, hand edits; the registry import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.fixtures import AGENCY, make_conference
from voting.conference import events, registry, roster
from voting.conference.errors import InvalidInput
from voting.conference.roster import NewAttendee
from voting.registry import people

HEADER = "id,full_name,sex,born,post,unit,groups\n"


def people_file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_the_province_tier_adds_the_district_heads(session: Session, tmp_path: Path) -> None:
    """Step 3 for provincially managed posts convenes the kinh_te_huyen group too; for the
    agency's own posts it does not (Step.composition_for)."""
    people.import_people(
        session,
        people_file(
            tmp_path,
            "A1,Lê Văn A,M,1970,Giám đốc,Ban Giám đốc,ban_giam_doc\n"
            "K1,Phạm Văn K,M,1975,Trưởng phòng,UBND huyện X,kinh_te_huyen\n"
            "C1,Ngô Thị C,F,1990,Chuyên viên,Văn phòng Sở,\n",
        ),
    )
    province = make_conference(session, step_number=3, tier="province")
    agency = make_conference(session, step_number=3, tier="agency")
    assert [a.ref for a in roster.draw(session, province.id, "user:test")] == ["A1", "K1"]
    assert [a.ref for a in roster.draw(session, agency.id, "user:test")] == ["A1"]


def test_the_sample_registry_imports_whole(session: Session) -> None:
    """Does the sample agency's file give 56 people and a step-4 roster of 16?"""
    assert len(people.import_people(session, AGENCY)) == 56
    conference = make_conference(session)
    assert len(roster.draw(session, conference.id, "user:test")) == 16


def test_a_second_import_replaces_the_registry(session: Session, tmp_path: Path) -> None:
    """Does importing again in the same session replace everyone, with no stale rows?"""
    people.import_people(session, AGENCY)
    assert len(registry.every(session)) == 56
    people.import_people(session, people_file(tmp_path, "A1,Lê Văn A,M,1970,Giám đốc,Sở,\n"))
    assert [p.ref for p in registry.every(session)] == ["A1"]


def test_a_bad_registry_file_leaves_the_old_registry(session: Session, tmp_path: Path) -> None:
    """Is a file with one bad row refused whole, the previous registry kept?"""
    people.import_people(session, AGENCY)
    bad = people_file(tmp_path, "A1,Lê Văn A,M,1970,Giám đốc,Ban Giám đốc,\nA2,,M,1970,x,y,\n")
    with pytest.raises(InvalidInput) as caught:
        people.import_people(session, bad)
    assert caught.value.code == "import_rejected"
    assert [p.to_dict()["row"] for p in caught.value.problems] == [3]
    assert len(registry.every(session)) == 56


def test_hand_edits_are_logged(session: Session) -> None:
    """Are adding and removing an attendee each one event naming the attendee?"""
    conference = make_conference(session)
    added = roster.add(session, conference.id, NewAttendee("Vũ Thị Hằng", sex="F"), "user:test")
    roster.remove(session, conference.id, added.id, "user:test")
    log = events.log(session, conference.id)
    assert [(e.kind, e.data.get("full_name")) for e in log[1:]] == [
        ("roster.added", "Vũ Thị Hằng"),
        ("roster.removed", "Vũ Thị Hằng"),
    ]
    assert roster.attendees(session, conference.id) == []


def test_a_bad_hand_entry_logs_nothing(session: Session) -> None:
    """Is a refused entry neither stored nor logged?"""
    conference = make_conference(session)
    with pytest.raises(InvalidInput):
        roster.add(session, conference.id, NewAttendee("  "), "user:test")
    assert len(events.log(session, conference.id)) == 1
