"""Issue 16, item 6: at most two argon2 password checks run at a time, however many logins
arrive together (each check takes 64 MiB)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

from voting.conference import accounts
from voting.store import Database


class CountingHasher:
    """A hasher whose `verify` notes how many run at once and lasts long enough to overlap."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def verify(self, hashed: str, password: str) -> None:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self.lock:
            self.running -= 1
        raise VerifyMismatchError()

    def check_needs_rehash(self, hashed: str) -> bool:
        return False


def test_thirty_logins_at_once_check_at_most_two_passwords_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Do 30 simultaneous logins all get their answer while never more than
    `PASSWORD_CHECKS` (2) verifications run together?"""
    database = Database(f"sqlite:///{tmp_path / 'test.db'}")
    database.upgrade()
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    with database.session() as session:
        accounts.create(session, "van-phong", "organiser", "mật khẩu đủ dài")
    counting = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", counting)
    answers: list[object] = []

    def log_in() -> None:
        with database.session() as session:
            answers.append(accounts.authenticate(session, "van-phong", "sai mật khẩu"))

    threads = [threading.Thread(target=log_in) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    database.dispose()
    assert answers == [None] * 30
    assert counting.most == accounts.PASSWORD_CHECKS == 2
