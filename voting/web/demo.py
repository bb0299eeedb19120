"""`voting demo`: the server with a ready demo conference, built from the synthetic agency of
`voting/sample/sample-agency.csv` (package data).

The demo starts fresh each time in its own instance folder (`$VOTING_INSTANCE`, default
`./instance-demo`): an organiser account with a new password, the agency's people, a key
officials' conference (next-term planning, step 3) with a roster of 25, a ballot of three
positions with four eligible candidates each, a committee of three with threshold two, a
check-in desk link and a kiosk link. It prints the login, the address of every page and a QR code
of the room address, then serves.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
import qrcode
from flask import Flask

from voting import sample
from voting.conference import accounts, ballot, conferences, devices, roster
from voting.conference.ballot import CandidateInput, SectionInput
from voting.conference.conferences import Committee, Details
from voting.registry import people
from voting.registry.kinds import KINDS
from voting.rules.eligibility import eligibility
from voting.rules.people import people_from_rows
from voting.store import Role, unit
from voting.tabular import read_rows
from voting.web import clock, create_app
from voting.web.config import rule_set
from voting.web.extensions import db
from voting.web.server import Server, options

AGENCY = sample.AGENCY
AGENCY_NAME = "Sở Công Thương (cơ quan mẫu)"
EXTERNALS, PLANNING = "sample-external-attendees.csv", "sample-current-planning.csv"
ROSTER_SIZE = 25
REFERENCE = date(2022, 4, 1)
# Three positions of the ballot: a provincially managed post and two unit posts.
POSITIONS = (
    ("Phó Giám đốc Sở", "pho_giam_doc"),
    ("Trưởng phòng Quản lý Công nghiệp", "truong_phong"),
    ("Phó trưởng phòng Văn phòng Sở", "pho_truong_phong"),
)
CANDIDATES_PER_POSITION = 4


@dataclass(frozen=True)
class Demo:
    """What the person starting the demo needs to know."""

    conference_id: str
    username: str
    password: str
    desk_token: str
    kiosk_token: str
    # Leadership's and the head's logins: username → password.
    readers: dict[str, str]


def build(app: Flask, agency: Path = AGENCY) -> Demo:
    """Fill the app's (empty) database with the demo conference: one unit of work, so a
    failure half-way leaves the database empty."""
    password = secrets.token_urlsafe(9)
    with app.app_context(), unit.unit_of_work(db()) as session:
        accounts.create(session, "organiser", Role.ORGANISER.value, password, "Chánh Văn phòng")
        readers = {"lanh-dao": secrets.token_urlsafe(9), "nguoi-dung-dau": secrets.token_urlsafe(9)}
        accounts.create(
            session, "lanh-dao", Role.LEADERSHIP.value, readers["lanh-dao"], "Phó Giám đốc Sở"
        )
        accounts.create(
            session, "nguoi-dung-dau", Role.HEAD.value, readers["nguoi-dung-dau"], "Giám đốc Sở"
        )
        people.import_people(session, agency, today=clock.today())
        # The rest of the agency's registry, so a planning process starts from the console.
        for kind, name in (("externals", EXTERNALS), ("planning", PLANNING)):
            KINDS[kind].import_file(session, agency.with_name(name))
        conference = conferences.create(
            session,
            procedure="next_term",
            step_number=3,
            tier="agency",
            details=Details(
                title="Hội nghị cán bộ chủ chốt giới thiệu nhân sự quy hoạch (demo)",
                held_on=clock.today(),
                place="Hội trường tầng 2, Sở Công Thương",
            ),
            committee=Committee(size=3, threshold=2),
            actor="demo",
            rule_set=rule_set(app),
        )
        drawn = roster.draw(session, conference.id, "demo")
        for extra in drawn[ROSTER_SIZE:]:
            roster.remove(session, conference.id, extra.id, "demo")
        ballot.replace(session, conference.id, _sections(agency), "demo")
        _, desk = devices.issue(session, conference.id, "checkin_desk", "Bàn điểm danh 1", "demo")
        _, kiosk = devices.issue(session, conference.id, "kiosk", "Máy bỏ phiếu chung 1", "demo")
        return Demo(conference.id, "organiser", password, desk, kiosk, readers)


def _sections(agency: Path) -> list[SectionInput]:
    """Four eligible candidates per position (reference 4/2022), a unit's own people first."""
    agency_people = people_from_rows((row.number, row.cells) for row in read_rows(agency))
    report = eligibility(agency_people, REFERENCE, "current")
    sections = []
    for title, kind in POSITIONS:
        fit = [
            verdict.person
            for verdict in report.people
            if any(check.position == kind for check in verdict.may_be_planned_for)
        ]
        fit.sort(key=lambda person: not title.endswith(person.unit))  # the unit's own first
        candidates = tuple(
            CandidateInput(p.full_name, p.post, p.unit, p.id) for p in fit[:CANDIDATES_PER_POSITION]
        )
        sections.append(SectionInput(title, candidates, quota=3))
    return sections


def room_address(host: str, port: int) -> str:
    """$VOTING_PUBLIC_URL, else this machine's address on the network it routes through."""
    configured = os.environ.get("VOTING_PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    if host in ("0.0.0.0", "::", ""):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
                host = probe.getsockname()[0]
            except OSError:
                host = "127.0.0.1"
    return f"http://{host}:{port}"


@click.command("demo")
@click.option("--host", default="0.0.0.0", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def demo(host: str, port: int) -> None:
    """Start the server with a ready demo conference (fresh each time)."""
    instance = Path(os.environ.get("VOTING_INSTANCE", "instance-demo")).resolve()
    address = room_address(host, port)
    os.environ["VOTING_INSTANCE"] = str(instance)
    os.environ["VOTING_PUBLIC_URL"] = address
    os.environ.setdefault("VOTING_AGENCY", AGENCY_NAME)
    os.umask(0o077)  # the demo's key and database are owner-only too (docs/server.md)
    database = instance / "voting.db"
    for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    made = build(create_app())
    pages = {
        "Trang đầu / start": "/",
        "Đăng nhập / login": "/login",
        "Ban tổ chức / organiser": f"/organiser/conferences/{made.conference_id}",
        "Lãnh đạo / leadership": "/leadership/",
        "Người đứng đầu / head": "/head/",
        "Tài khoản / accounts": "/organiser/accounts/",
        "Kiểm tra trước hội nghị / pre-flight": "/preflight",
        "Bàn điểm danh / check-in desk": f"/desk/{made.desk_token}",
        "Máy bỏ phiếu chung / kiosk": f"/kiosk/{made.kiosk_token}",
        "Màn hình chiếu / projector": f"/projector/{made.conference_id}",
        "API (OpenAPI)": "/api/openapi.json",
    }
    click.echo(f"Hội nghị mẫu / demo conference: {made.conference_id}")
    click.echo(f"Đăng nhập / login: {made.username} / {made.password}")
    for username, secret in made.readers.items():
        role = "lãnh đạo / leadership" if username == "lanh-dao" else "người đứng đầu / head"
        click.echo(f"Đăng nhập {role}: {username} / {secret}")
    for name, path in pages.items():
        click.echo(f"  {name}: {address}{path}")
    code = qrcode.QRCode(border=1)
    code.add_data(address + "/")
    click.echo(f"Địa chỉ phòng họp / room address: {address}/")
    code.print_ascii(invert=True)
    Server(create_app, options(host, port)).run()
