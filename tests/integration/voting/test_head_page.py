"""The head's page at a final step with a tie at the boundary: the open places and who
competes for them, and the decision taken through the page's form."""

from __future__ import annotations

from typing import Any

from tests.integration.voting.test_flow import BALLOT3, cast, close, open_box, open_vote


def test_the_head_sees_the_tie_and_decides_on_the_page(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Does the head's page list the tied position with its open places and each competing
    cadre, refuse a decision the rules forbid with their message, and record a valid one so the
    result is announced?"""
    conference, p = open_vote(site, organiser, phones, step=5, ballot=BALLOT3)
    pairs = [["s1c1", "s1c2"], ["s1c2", "s1c3"], ["s1c1", "s1c3"]]
    voters = len(p.dealt) - len(p.dealt) % 3
    for index, card in enumerate(p.dealt[:voters]):
        assert cast(site, conference, card, {"s1": pairs[index % 3]}).status_code == 201
    close(organiser, conference)
    open_box(site, conference, p, [1, 2])

    head = site.api("head")
    page = head.get("/head/").text
    assert "Phó Giám đốc Sở" in page and "Còn 2 vị trí — chọn trong số:" in page
    for name in ("Đỗ Thị Dung", "Hoàng Ngọc Long", "Lê Văn An"):
        assert name in page
    assert "so với tổng số người được triệu tập" in page

    path = f"/head/{conference}/decision"
    form = {"csrf_token": head.csrf, "s1": ["s1c1", "s1c3"], "confirm": "yes"}
    unexplained = head.client.post(path, data={**form, "note": "  "})
    assert unexplained.status_code == 422 and "Hãy ghi lý do quyết định" in unexplained.text
    unconfirmed = head.client.post(path, data={**form, "note": "Theo hồ sơ", "confirm": ""})
    assert unconfirmed.status_code == 422 and "ô xác nhận" in unconfirmed.text
    form["note"] = "Theo hồ sơ"
    refused = head.client.post(path, data={**form, "s1": ["s1c1", "s1c2", "s1c3"]})
    assert refused.status_code == 422
    assert "Quyết định không hợp lệ" in refused.text
    done = head.client.post(path, data=form)
    assert done.status_code == 302
    assert "Không có trường hợp nào cần quyết định." in head.get("/head/").text
    result = site.api().get(f"/api/conferences/{conference}/result").json
    assert result["status"] == "announced"
    assert sorted(result["result"]["selection"]["chosen"]["s1"]) == ["s1c1", "s1c3"]
