"""The verifier page in a phone's browser: an observer chooses a record and their own browser
re-checks it with the JavaScript verifier, check by check; sees the fingerprints to compare
with the projector and whether their receipt is listed; a changed record stops at its numbered
check. The same page as a file from a USB stick works with no network (file://)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import SCREENSHOTS, Server, assert_accessible
from tests.unit.tally.records import cases, tied
from tests.unit.tally.tampers import raise_count, resign
from voting import canonical
from voting.crypto.installation import InstallationKey, load_or_create
from voting.tally.record import key_fingerprint
from voting.tally.verify import RecordError, verify_record
from voting.web.offline_verify import OFFLINE, STATIC

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> InstallationKey:
    return load_or_create(tmp_path_factory.mktemp("instance"))


@pytest.fixture(scope="module")
def record(key: InstallationKey, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "record.json"
    path.write_bytes(tied(key))
    return path


def phone(browser: Browser) -> BrowserContext:
    return browser.new_context(**PHONE)  # type: ignore[arg-type]


def receipt_of(record: Path, index: int) -> str:
    ballots = canonical.loads(record.read_bytes())["ballots"]
    hashes = sorted(canonical.sha256_hex(ballot) for ballot in ballots)
    return " ".join(hashes[index][i : i + 4] for i in range(0, 16, 4)).upper()


def check_a_record(page: Page, record: Path, key: InstallationKey, receipt: str) -> None:
    page.get_by_label("Khóa hệ thống").fill(key.public_hex)
    page.get_by_label("Mã biên nhận của bạn").fill(receipt)
    page.locator("#record-file").set_input_files(record)
    expect(page.locator("#verdict")).to_contain_text("ĐÃ KIỂM TRA", timeout=60_000)
    expect(page.locator("#checks li[data-state=passed]")).to_have_count(17)
    expect(page.locator("#pin")).to_contain_text("đúng khóa hệ thống bạn nhập")
    compare = page.locator("#compare")
    expect(compare.locator("[data-field=installation]")).to_have_text(
        key_fingerprint(key.public_hex)
    )
    document = canonical.loads(record.read_bytes())
    listed = document["ballot_list_hash"]
    expect(compare.locator("[data-field=list-hash]")).to_have_text(
        " ".join(listed[i : i + 4] for i in range(0, 16, 4))
    )
    expect(compare.locator("[data-field=ballots]")).to_have_text("5 / 5")
    expect(compare.locator("[data-field=members] dd")).to_have_count(3)
    expect(page.locator("#receipt-result")).to_contain_text("Có phiếu mang mã biên nhận")


def test_an_observer_verifies_a_record_on_a_phone(
    browser: Browser, server: Server, record: Path, key: InstallationKey, tmp_path: Path
) -> None:
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{server.base}/verify")
    assert page.evaluate("window.isSecureContext") is False
    check_a_record(page, record, key, receipt_of(record, 3))
    page.screenshot(path=str(SCREENSHOTS / "verify-phone.png"), full_page=True)
    assert_accessible(page, "verifier")

    page.get_by_label("Mã biên nhận của bạn").fill("0000 0000 0000 0000")
    page.get_by_label("Mã biên nhận của bạn").dispatch_event("change")
    expect(page.locator("#receipt-result")).to_contain_text("KHÔNG có phiếu nào")

    document = canonical.loads(record.read_bytes())
    raise_count(document)
    changed = tmp_path / "changed.json"
    changed.write_bytes(resign(document, key))
    page.locator("#record-file").set_input_files(changed)
    expect(page.locator("#verdict")).to_contain_text("KHÔNG ĐẠT ở bước 11", timeout=60_000)
    expect(page.locator("#checks li[data-check='11']")).to_have_attribute("data-state", "failed")
    expect(page.locator("#checks li[data-state=passed]")).to_have_count(10)
    expect(page.locator("#compare")).to_be_hidden()

    page.get_by_label("Khóa hệ thống").fill("ab" * 32)
    page.locator("#record-file").set_input_files(record)
    expect(page.locator("#verdict")).to_contain_text("KHÔNG ĐẠT ở bước 2", timeout=60_000)
    context.close()


def test_the_offline_page_works_from_a_usb_stick(
    browser: Browser, record: Path, key: InstallationKey, tmp_path: Path
) -> None:
    """verify.html as scripts/setup built it, copied to a folder and opened as a file with the
    network cut: everything it needs is inside it."""
    stick = tmp_path / "usb"
    stick.mkdir()
    for name in OFFLINE.values():
        shutil.copy(STATIC / "dist" / name, stick / name)
    context = phone(browser)
    context.set_offline(True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto((stick / "verify.html").as_uri())
    check_a_record(page, record, key, receipt_of(record, 0))
    assert all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify a conference record")
    context.close()


def test_the_page_names_the_same_check_as_both_verifiers(
    browser: Browser, server: Server, key: InstallationKey, tmp_path: Path
) -> None:
    """One changed record per numbered check, dropped on the page in turn: the page stops at
    the very check `voting verify` names (the same records as tests/unit/tally)."""
    made = [case for case in cases(key) if case.check > 0]
    one_each = {case.check: case for case in reversed(made)}
    assert sorted(one_each) == list(range(1, 18))
    page = browser.new_page()
    page.goto(f"{server.base}/verify?lang=en")
    for number, case in sorted(one_each.items()):
        with pytest.raises(RecordError) as caught:
            verify_record(case.data)
        assert caught.value.check == number
        path = tmp_path / f"{number}.json"
        path.write_bytes(case.data)
        page.locator("#record-file").set_input_files(path)
        expect(page.locator("#verdict")).to_contain_text(
            f"NOT VERIFIED at check {number}:", timeout=60_000
        )
        expect(page.locator(f"#checks li[data-check='{number}']")).to_have_attribute(
            "data-state", "failed"
        )
    page.close()
