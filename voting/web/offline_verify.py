"""The verifier page as self-contained files in the bundle folder, `dist/verify.html`
(Vietnamese) and `dist/verify-en.html`: the same body as `/verify`, the page script (with its
libsodium) and the style inline, so that it works from a USB stick with no network (file://).
scripts/setup runs `python -m voting.web.offline_verify` after `npm run build`."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2

from voting.translations import CATALOGUE
from voting.web.i18n import key_of
from voting.web.pages.verify import CHECKS, SCRIPT_STRINGS

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
OFFLINE = {"vi": "verify.html", "en": "verify-en.html"}


def offline_page(lang: str, script: str, css: str) -> str:
    """The self-contained page in `lang`: the same body as `/verify`, the script and the style
    inline, the other language's file linked beside it."""
    if "</script" in script.lower():
        raise ValueError("the page script holds '</script': it cannot be inlined")
    index = 1 if lang == "en" else 0

    def t(key: str, **values: object) -> str:
        text = CATALOGUE[key][index]
        return text.format(**values) if values else text

    def tv(family: str, value: object, **values: object) -> str:
        return t(key_of(family, value), **values)

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    other = "vi" if lang == "en" else "en"
    return environment.get_template("verify_offline.html").render(
        t=t,
        tv=tv,
        lang=lang,
        other_lang=other,
        other_file=OFFLINE[other],
        checks=CHECKS,
        strings={key: t(key) for key in SCRIPT_STRINGS},
        script=script,
        css=css,
    )


def write_offline(dist: Path = STATIC / "dist") -> list[Path]:
    """Write the offline pages into the bundle folder (after `npm run build`)."""
    script = (dist / "pages" / "verify.js").read_text("utf-8")
    css = (STATIC / "css" / "pages.css").read_text("utf-8")
    written = []
    for lang, name in OFFLINE.items():
        path = dist / name
        path.write_text(offline_page(lang, script, css), "utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_offline(Path(sys.argv[1]) if len(sys.argv) > 1 else STATIC / "dist"):
        print(path)
