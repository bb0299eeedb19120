"""The tests' one shared fixtures module, a pytest plugin registered by `tests/conftest.py`
(`pytest_plugins`): an app on a fresh database in a temporary instance folder with accounts for
every role, an API client that carries the CSRF token like the pages, the committee's phones
played in-process, and factories with defaults a test overrides (`make_conference(session,
**overrides)`, `Site.conference(api, **overrides)`). Set-up that calls services directly runs
in `committed(app)`: one unit of work, as a request would."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask, Response, current_app, request
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from voting import sample
from voting.conference import accounts, conferences
from voting.conference.conferences import Committee, Details
from voting.crypto.decryption import Opened
from voting.store import Conference, unit
from voting.web import create_app, room
from voting.web.extensions import DATABASE, db

DOMAIN = sample.FOLDER
AGENCY = DOMAIN / "sample-agency.csv"
EXTERNALS = DOMAIN / "sample-external-attendees.csv"
PASSWORD = "mật khẩu đủ dài"
AGENCY_NAME = "Sở Công Thương tỉnh Thử Nghiệm"
USERS = {"organiser": "van-phong", "leadership": "lanh-dao", "head": "nguoi-dung-dau"}


def make_app(instance: Path, **overrides: Any) -> Flask:
    """An app whose instance folder (database, secret key) is `instance`; every successful
    JSON answer of a view is checked against the model it declares (`answered_as_declared`)."""
    app = create_app(
        {
            "INSTANCE_PATH": instance,
            "TESTING": True,
            "PUBLIC_URL": "http://voting.test:8000",
            "AGENCY": AGENCY_NAME,
        }
        | overrides
    )
    app.after_request(answered_as_declared)
    return app


def answered_as_declared(response: Response) -> Response:
    """Raise (failing the test) when a view's successful JSON answer does not validate
    against the model it declares with `replies.answers`, which is the response schema of
    /api/openapi.json: so the document cannot drift from what the views answer."""
    view = current_app.view_functions.get(request.endpoint or "")
    model = getattr(view, "reply_model", None)
    if model is not None and response.is_json and 200 <= response.status_code < 300:
        model.model_validate_json(response.get_data())
    return response


@contextlib.contextmanager
def committed(app: Flask) -> Iterator[Session]:
    """The app's database for a set-up that calls services directly: one unit of work, as a
    request's, committed when the block ends and rolled back if it raises."""
    with app.app_context(), unit.unit_of_work(db()) as session:
        yield session


def make_conference(session: Session, **overrides: Any) -> Conference:
    """A conference made by the service, in set-up: step 4 of next-term planning, agency tier,
    unless overridden (any argument of `conferences.create`)."""
    arguments: dict[str, Any] = {
        "procedure": "next_term",
        "step_number": 4,
        "tier": "agency",
        "details": Details("Hội nghị", date(2022, 4, 20), "Hội trường"),
        "committee": Committee(),
        "actor": "user:test",
    } | overrides
    return conferences.create(session, **arguments)


@pytest.fixture
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its real cost (tests/unit/conference) takes 0.1 s a hash; the integration
    tests make and log in accounts in every test, so they use the cheapest parameters
    (`tests/integration/conftest.py` asks for it for all of them)."""
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture
def database_url() -> Iterator[str | None]:
    """None (SQLite in the instance folder), or with VOTING_TEST_POSTGRES_URL set (a server
    URL with the right to create databases) a fresh PostgreSQL database for this test."""
    with fresh_database() as url:
        yield url


@contextlib.contextmanager
def fresh_database() -> Iterator[str | None]:
    """What `database_url` gives, for a test that needs a second database."""
    server = os.environ.get("VOTING_TEST_POSTGRES_URL")
    if not server:
        yield None
        return
    name = f"voting_test_{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def app(tmp_path: Path, database_url: str | None) -> Iterator[Flask]:
    app = make_app(
        tmp_path / "instance", **({"DATABASE_URL": database_url} if database_url else {})
    )
    with committed(app) as session:
        for role, username in USERS.items():
            accounts.create(session, username, role, PASSWORD)
    yield app
    room.settle()  # no turnout push left reading a database about to go
    app.extensions[DATABASE].dispose()


class Api:
    """A test client speaking JSON, sending the session's CSRF token (unless told not to) or a
    device token."""

    def __init__(self, client: FlaskClient, device_token: str | None = None) -> None:
        self.client = client
        self.device_token = device_token
        self.csrf = "" if device_token else client.get("/api/session").json["csrf_token"]  # type: ignore[index]

    def login(self, username: str, password: str = PASSWORD) -> TestResponse:
        response = self.post("/api/session", json={"username": username, "password": password})
        if response.status_code == 200:
            self.csrf = response.json["csrf_token"]  # type: ignore[index]
        return response

    def call(self, method: str, path: str, csrf: bool = True, **kwargs: Any) -> TestResponse:
        headers = dict(kwargs.pop("headers", {}))
        if self.device_token:
            headers["Authorization"] = f"Device {self.device_token}"
        elif csrf:
            headers["X-CSRF-Token"] = self.csrf
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self.call("DELETE", path, **kwargs)

    def upload(self, path: str, file: Path, name: str | None = None) -> TestResponse:
        with file.open("rb") as stream:
            return self.post(
                path,
                data={"file": (stream, name or file.name)},
                content_type="multipart/form-data",
            )


NEW_CONFERENCE = {
    "procedure": "next_term",
    "step": 4,
    "tier": "agency",
    "title": "Hội nghị tập thể lãnh đạo mở rộng",
    "held_on": "2022-04-20",
    "place": "Hội trường tầng 3, Sở Công Thương",
}
BALLOT = {
    "sections": [
        {
            "position": "Phó Giám đốc Sở",
            "quota": 2,
            "candidates": [
                {"full_name": "Đỗ Thị Dung", "post": "Trưởng phòng", "unit": "Văn phòng Sở"},
                {
                    "full_name": "Hoàng Ngọc Long",
                    "post": "Trưởng phòng",
                    "unit": "Thanh tra Sở",
                },
            ],
        }
    ]
}


class Site:
    """The app under test and factories for what a test needs (CTFd-style: defaults that a
    test overrides)."""

    password = PASSWORD
    users = USERS
    agency = AGENCY
    externals = EXTERNALS
    new_conference = NEW_CONFERENCE
    ballot = BALLOT

    def __init__(self, app: Flask, folder: Path) -> None:
        self.app = app
        self.folder = folder

    def api(self, role: str | None = None) -> Api:
        """A fresh client: anonymous, or logged in with the account of `role`."""
        api = Api(self.app.test_client())
        if role is not None:
            assert api.login(USERS[role]).status_code == 200
        return api

    def device(self, token: str) -> Api:
        """A client that authenticates with a device link's token."""
        return Api(self.app.test_client(), device_token=token)

    def issue_device(self, api: Api, conference: str, kind: str = "checkin_desk") -> dict[str, Any]:
        """A new device link of `conference`, with its token."""
        response = api.post(
            f"/api/conferences/{conference}/devices", json={"kind": kind, "label": "Bàn 1"}
        )
        assert response.status_code == 201, response.json
        link: dict[str, Any] = response.json  # type: ignore[assignment]
        return link

    def conference(self, api: Api, **overrides: Any) -> str:
        """A conference in set-up (step 4 of next-term planning unless overridden); its id."""
        response = api.post("/api/conferences", json=NEW_CONFERENCE | overrides)
        assert response.status_code == 201, response.json
        conference_id: str = response.json["id"]  # type: ignore[index]
        return conference_id

    def externals_file(self, count: int, name: str = "externals.csv") -> Path:
        """The first `count` rows of sample-external-attendees.csv."""
        lines = EXTERNALS.read_text("utf-8").splitlines()
        path = self.folder / name
        path.write_text("\n".join(lines[: count + 1]) + "\n", encoding="utf-8")
        return path

    def file(self, name: str, text: str) -> Path:
        """A file of the test's own."""
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def set_up(self, api: Api, externals: int = 9, **overrides: Any) -> str:
        """A conference still in set-up with the registry imported, the roster drawn (16 for
        step 4) plus `externals` external attendees, and the ballot set."""
        assert api.upload("/api/people", AGENCY).status_code == 200
        conference = self.conference(api, **overrides)
        assert api.post(f"/api/conferences/{conference}/roster/draw").status_code == 200
        if externals:
            response = api.upload(
                f"/api/conferences/{conference}/roster/externals", self.externals_file(externals)
            )
            assert response.status_code == 200, response.json
        assert api.put(f"/api/conferences/{conference}/ballot", json=BALLOT).status_code == 200
        return conference

    def ready(self, api: Api, externals: int = 9, **overrides: Any) -> str:
        """`set_up`, then check-in opened: by default 25 convened, nobody present."""
        conference = self.set_up(api, externals, **overrides)
        response = api.post(f"/api/conferences/{conference}/phase", json={"to": "checkin"})
        assert response.status_code == 200, response.json
        return conference

    @staticmethod
    def attendee_ids(api: Api, conference: str) -> list[int]:
        """The roster's attendee ids, in order."""
        roster = api.get(f"/api/conferences/{conference}/roster").json
        return [a["id"] for a in roster["attendees"]]  # type: ignore[index]

    def opened(self, conference: str) -> Opened:
        """What the count signatures are bound to, read as a phone reads it: the conference
        fingerprint and the ballot list hash frozen at closing."""
        api = self.api()
        fingerprint = api.get(f"/api/conferences/{conference}/opening").json["fingerprint"]  # type: ignore[index]
        state = api.get(f"/api/conferences/{conference}/state").json
        return Opened(fingerprint, state["final_ballot_list_hash"])  # type: ignore[index]

    @staticmethod
    def code(response: TestResponse) -> str:
        """The `error.code` of a JSON error response."""
        code: str = response.json["error"]["code"]  # type: ignore[index]
        return code


@pytest.fixture
def site(app: Flask, tmp_path: Path) -> Site:
    return Site(app, tmp_path)


@pytest.fixture
def organiser(site: Site) -> Api:
    return site.api("organiser")


class Phones:
    """Issue 5: the committee's phones and the desk, played in-process through the API with
    the Python cryptography (`voting.crypto.dkg.Member`, `make_pool`)."""

    def __init__(self, site: Site, organiser: Api, conference: str) -> None:
        self.site, self.organiser, self.conference = site, organiser, conference
        self.base = f"/api/conferences/{conference}"
        self.members: dict[int, Any] = {}
        self.apis: dict[int, Api] = {}
        self.keys: dict[int, Any] = {}
        self.pool: Any = None

    def member_api(self, binding: str) -> Api:
        api = Api(self.site.app.test_client(), device_token="x")
        api.device_token = None
        api.csrf = ""
        original = api.call

        def call(method: str, path: str, csrf: bool = False, **kwargs: Any) -> TestResponse:
            headers = dict(kwargs.pop("headers", {}))
            headers["Authorization"] = f"Member {binding}"
            return original(method, path, csrf=False, headers=headers, **kwargs)

        api.call = call  # type: ignore[method-assign]
        return api

    def join(self) -> None:
        from voting.crypto.dkg import Ceremony, Member

        response = self.organiser.post(f"{self.base}/committee/tokens")
        assert response.status_code == 201, response.json
        anonymous = self.site.app.test_client()
        for item in response.json["tokens"]:  # type: ignore[index]
            joined = anonymous.post(f"{self.base}/committee/join", json={"token": item["token"]})
            assert joined.status_code == 201, joined.json
            body = joined.json
            assert body is not None
            ceremony = Ceremony(self.conference, body["threshold"], body["members"])
            self.members[body["member"]] = Member(ceremony, body["member"])
            self.apis[body["member"]] = self.member_api(body["binding"])

    def ceremony(self) -> dict[str, Any]:
        """Join every member and run the whole key ceremony through the relay."""
        from voting.crypto.dkg import KeyShare, SealedShare, Transcript

        self.join()
        base = f"{self.base}/committee"
        for j, member in self.members.items():
            r = self.apis[j].post(
                f"{base}/commitment-hash", json=member.commitment_hash().to_json()
            )
            assert r.status_code == 200, r.json
        for j, member in self.members.items():
            r = self.apis[j].post(f"{base}/reveal", json=member.commitment.to_json())
            assert r.status_code == 200, r.json
        status = self.site.api().get(base).json
        assert status is not None
        transcript = Transcript.from_json(
            {
                "kind": "committee-transcript",
                "conference_id": self.conference,
                "threshold": status["threshold"],
                "members": status["size"],
                "reveals": status["reveals"],
            }
        )
        for j, member in self.members.items():
            shares = [s.to_json() for s in member.seal_shares(transcript)]
            r = self.apis[j].post(f"{base}/shares", json={"shares": shares})
            assert r.status_code == 200, r.json
        for j, member in self.members.items():
            mine = self.apis[j].get(f"{base}/shares").json["shares"]  # type: ignore[index]
            key: KeyShare = member.finish(transcript, [SealedShare.from_json(s) for s in mine])
            self.keys[j] = key
            r = self.apis[j].post(
                f"{base}/confirm",
                json={
                    "backup_saved": True,
                    "joint_key": transcript.joint_key.hex(),
                    "public_share": transcript.public_share(j).hex(),
                },
            )
            assert r.status_code == 200, r.json
        final = self.site.api().get(base).json
        assert final is not None and final["complete"]
        return final

    def deal(self, count: int, extra: int = 0, desk: Api | None = None) -> None:
        """Upload a pool of `count + extra` cards, deal `count`, return the `extra` undealt."""
        from voting.crypto.cards import Card, make_pool

        desk = desk or self.organiser
        self.pool = make_pool(self.conference, count + extra)
        r = desk.post(f"{self.base}/cards/batches", json={"keys": list(self.pool.public_keys)})
        assert r.status_code == 201, r.json
        cards = [Card.from_secret(self.conference, s) for s in self.pool.secrets]
        self.dealt, self.undealt = cards[:count], cards[count:]
        for _ in range(count):
            assert desk.post(f"{self.base}/cards/dealt", json={}).status_code == 200
        undealt = sorted(card.public_hex for card in self.undealt)
        r = desk.put(f"{self.base}/cards/undealt", json={"keys": undealt})
        assert r.status_code == 200, r.json

    def prepare(self, present: int) -> None:
        """Ceremony done and `present` cards dealt (plus two undealt): ready to open."""
        self.ceremony()
        self.deal(present, extra=2)


@pytest.fixture
def phones() -> Any:
    """Make a `Phones` for (site, organiser, conference)."""
    return Phones
