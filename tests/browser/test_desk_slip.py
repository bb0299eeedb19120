"""The desk prints the card on screen on a slip for an 80 mm receipt roll (a printer plugged
into the desk's tablet): the QR, the typed code and the conference's name, nothing else — not
the roster, the quorum, the buttons or the page's header — on one page no wider than the roll."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.browser.conftest import SCREENSHOTS, Server
from tests.fixtures import Site
from voting.web.demo import build

POINTS_PER_MM = 72 / 25.4


def test_the_card_slip_fits_an_80_mm_roll(browser: Browser, server: Server, tmp_path: Path) -> None:
    conference = build(server.app).conference_id
    site = Site(server.app, Path(server.app.instance_path))
    organiser = site.api("organiser")
    base = f"/api/conferences/{conference}"
    assert organiser.post(f"{base}/phase", json={"to": "checkin"}).status_code == 200
    desk_link = site.issue_device(organiser, conference)
    title = organiser.get(base).json["title"]

    page = browser.new_page(viewport={"width": 800, "height": 1280})
    page.goto(f"{server.base}/desk/{desk_link['token']}")
    first = page.locator(".person:not(.present)").first
    name = first.locator(".name").inner_text()
    first.locator(".mark").click()
    card = page.locator("#card")
    expect(card.locator("#card-qr svg")).to_be_visible()
    code = page.locator("#card-code").inner_text()
    assert len(code) == 27 + 6
    # On screen the conference's name is not repeated in the card panel; on the slip it is.
    expect(card.locator(".slip-conference")).to_be_hidden()

    page.emulate_media(media="print")
    expect(card.locator(".slip-conference")).to_have_text(title)
    for hidden in ("#people", "#search", ".quorum", "#card-title", "#card-print", "#card-done"):
        expect(page.locator(hidden).first).to_be_hidden()
    pdf = tmp_path / "slip.pdf"
    page.pdf(path=str(pdf), width="80mm", height="200mm", prefer_css_page_size=True)
    page.emulate_media(media="screen")
    page.close()

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert int(fields["Pages"]) == 1
    width, height = (float(v) for v in fields["Page size"].split("pts")[0].split(" x "))
    assert abs(width / POINTS_PER_MM - 80) < 0.5 and height / POINTS_PER_MM < 200
    # What the slip says, read back from the PDF: the code (in its groups), the conference, and
    # nothing of the roster, the quorum or the desk's buttons.
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    assert code.replace("-", "") in words.replace(" ", "").replace("-", "")
    assert " ".join(title.split()) in words
    for absent in (name, "Có mặt", "Xong", "In thẻ", "Thẻ bỏ phiếu", "Mã thẻ"):
        assert absent not in words, absent
    # Nothing printed beyond the roll's width: every glyph lies within the page.
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    right_edges = [float(part.split('"')[1]) for part in boxes.split("xMax=")[1:]]
    assert right_edges and max(right_edges) <= width
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(SCREENSHOTS / "desk-slip")],
        check=True,
    )
