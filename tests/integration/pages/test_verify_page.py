"""The verifier page: public, in Vietnamese first (English on request), the 17 numbered checks
listed for its script to mark; and the same page as a self-contained file for a USB stick."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from voting.tally.verify import CHECKS
from voting.web.offline_verify import offline_page


def test_anyone_opens_the_verifier_page(room: Any) -> None:
    response = room.client().get("/verify")
    assert response.status_code == 200
    page = response.text
    assert "Kiểm tra biên bản hội nghị" in page
    assert re.findall(r'data-check="(\d+)"', page) == [str(n) for n in CHECKS]
    assert "Chữ ký của hệ thống" in page and "Nhật ký khớp với biên bản" in page
    assert "dist/pages/verify.js" in page and 'download="verify.html"' in page
    strings = json.loads(re.search(r'id="strings">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert strings["verify.failed"] == "KHÔNG ĐẠT ở bước {n}: {reason}"
    english = room.client().get("/verify?lang=en").text
    assert "Verify a conference record" in english and "NOT VERIFIED at check {n}" in english


def test_the_offline_page_holds_everything_inline() -> None:
    page = offline_page("vi", "window.verified = 1;", "body { margin: 0; }")
    assert page.startswith("<!doctype html>") and '<html lang="vi">' in page
    assert "<script>window.verified = 1;</script>" in page
    assert "<style>body { margin: 0; }</style>" in page
    assert 'href="verify-en.html"' in page and "English" in page
    assert not re.search(r'(src|href)="(https?:|/)', page)
    assert re.findall(r'data-check="(\d+)"', page) == [str(n) for n in CHECKS]
    english = offline_page("en", "", "")
    assert "Verify a conference record" in english and 'href="verify.html"' in english


def test_a_script_that_cannot_be_inlined_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be inlined"):
        offline_page("vi", "let s = '</script>';", "")
