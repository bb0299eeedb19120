"""The message catalogue: both gettext files hold the same keys, and every key the code, the
templates and the page scripts name exists in both languages, so no page shows a missing text
(once a server error) in front of a person."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from voting.registry.kinds import KINDS
from voting.rules.ruleset import load_rule_set
from voting.store import AttendeeSource, Phase, ProcessStatus, Role, StepStatus
from voting.translations import CATALOGUE, LANGUAGES, read
from voting.web.i18n import KEYS_BY_VALUE
from voting.web.pages.verify import CHECKS

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "voting"
TEMPLATES = SOURCE / "web" / "templates"
SCRIPTS = ROOT / "js" / "src"
# The functions (and the rules' error) whose first argument (every argument for `strings`) is a
# catalogue key.
LOOKUPS = {
    "translate",
    "texts",
    "strings",
    "problem",
    "rejected",
    "Kind",
    "Says",
    "DecisionError",
    "_notice",
}
KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)*$")
# `t(...)` in a template: the first argument, up to a comma or the closing parenthesis.
TEMPLATE_T = re.compile(r"\bt\(\s*((?:'[^']*'|\"[^\"]*\"|[^,)'\"])*)")
TEMPLATE_TV = re.compile(r"\btv\(\s*'([^']*)'")
QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
# A value a conditional key compares with (`t('a' if x == 'b' else 'c')`) is no key.
COMPARED = re.compile(r"[=!]=\s*('[^']*'|\"[^\"]*\")")
SCRIPT_KEY = re.compile(r"strings\[['\"]([a-z_.0-9]+)['\"]\]")


def _python_keys() -> dict[str, str]:
    """Each key named in the Python source → where, refusing a key built at run time."""
    keys: dict[str, str] = {}
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in LOOKUPS:
                assert isinstance(node.func, ast.Name)
                arguments = node.args if node.func.id == "strings" else node.args[:1]
                for argument in arguments:
                    if isinstance(argument, ast.Starred):
                        continue  # a *_STRINGS tuple, read below
                    assert not isinstance(argument, ast.JoinedStr | ast.BinOp), (
                        f"{where}: a key built at run time; add it to KEYS_BY_VALUE"
                    )
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        keys[argument.value] = where
            elif (
                isinstance(node, ast.Subscript)
                and getattr(node.value, "id", None) == "CATALOGUE"
                and isinstance(node.slice, ast.Constant)
            ):
                keys[node.slice.value] = where
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id.endswith(("_STRINGS", "_KEYS"))
                for target in node.targets
            ):
                for element in ast.walk(node.value):
                    if isinstance(element, ast.Constant) and isinstance(element.value, str):
                        keys[element.value] = where
            elif isinstance(node, ast.FunctionDef) and node.name == "outcome_key":
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and isinstance(inner.value, ast.Constant):
                        keys[inner.value.value] = where
    return keys


def _template_keys() -> dict[str, str]:
    """Each key a template names in `t(...)`, refusing one joined with `~` at run time."""
    keys: dict[str, str] = {}
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in TEMPLATE_T.finditer(text):
            argument, where = match.group(1), f"{path.relative_to(ROOT)}"
            assert "~" not in argument, f"{where}: t({argument}) builds its key; use tv()"
            for quoted in QUOTED.finditer(COMPARED.sub("", argument)):
                key = quoted.group(1) or quoted.group(2)
                if KEY.match(key):
                    keys[key] = where
        for match in TEMPLATE_TV.finditer(text):
            assert match.group(1) in KEYS_BY_VALUE, f"{path}: tv('{match.group(1)}') unknown"
    return keys


def _script_keys() -> dict[str, str]:
    """Each key a page script reads by name from the strings the page gave it."""
    keys: dict[str, str] = {}
    for path in SCRIPTS.rglob("*.js"):
        for match in SCRIPT_KEY.finditer(path.read_text(encoding="utf-8")):
            keys[match.group(1)] = str(path.relative_to(ROOT))
    return keys


def test_both_languages_hold_the_same_keys_each_with_a_text() -> None:
    """A key missing from one language, or an empty text, would show nothing to its reader."""
    vi, en = (read(lang) for lang in LANGUAGES)
    assert vi.keys() == en.keys()
    assert all(vi.values()) and all(en.values())
    assert {key: (vi[key], en[key]) for key in vi} == CATALOGUE


# The kinds of a person's cell the rules engine refuses, each written in Vietnamese.
ENGINE_REFUSED = (
    "sex",
    "born",
    "flag",
    "political_theory",
    "groups",
    "discipline",
    "political_standard",
    "retirement_override",
    "other",
)
# Texts only Python fills, with every value either language shows, whose other language leaves
# one out: str.format ignores a value it is given and does not show.
ONE_SIDED = {
    "import.sex": "the English names the value refused; the Vietnamese reader sees the cell",
    "import.date": "the English names the value refused; the Vietnamese reader sees the cell",
    "warning.roster_without_externals": "the step's title is Vietnamese, as the plan names it",
    "error.api.other": "the English is werkzeug's name of the status; the Vietnamese says only "
    "that the request failed",
    **{
        key: "the English names the level's code ({code}); the Vietnamese its word ({level})"
        for key in ("reason.discipline", "reason.discipline_open", "reason.training_plan")
    },
    **{
        f"import.person.{column}": "the English is the rules engine's own words ({detail}); "
        "the Vietnamese names what the column takes and shows the cell"
        for column in ENGINE_REFUSED
    },
}


def test_both_texts_of_a_key_have_the_same_placeholders() -> None:
    """`{n}` filled in Vietnamese must be filled in English too, or a page raises."""

    def fields(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    differ = {key for key, (vi, en) in CATALOGUE.items() if fields(vi) != fields(en)}
    assert differ == ONE_SIDED.keys()


@pytest.mark.parametrize("found", [_python_keys, _template_keys, _script_keys])
def test_every_key_named_exists_in_both_languages(found: object) -> None:
    """The code, the templates and the page scripts name only keys the catalogue holds."""
    assert callable(found)
    keys = found()
    assert keys, "the scan found no key at all: the pattern no longer matches the code"
    missing = {key: where for key, where in keys.items() if key not in CATALOGUE}
    assert missing == {}


def test_every_key_chosen_at_run_time_exists() -> None:
    """Every key of KEYS_BY_VALUE is in the catalogue."""
    missing = [key for family in KEYS_BY_VALUE.values() for key in family.values()]
    assert [key for key in missing if key not in CATALOGUE] == []


@pytest.mark.parametrize(
    ("family", "values"),
    [
        ("phase", {phase.value for phase in Phase}),
        ("process_status", {status.value for status in ProcessStatus}),
        ("step_status", {status.value for status in StepStatus}),
        ("role", {role.value for role in Role}),
        ("source", {source.value for source in AttendeeSource}),
        ("registry", {"people", *KINDS}),
        ("verify_check", {str(n) for n in CHECKS}),
        (
            "tier",
            {
                tier
                for name in ("kh331", "qd377")
                for tier in load_rule_set(SOURCE / "rules" / f"{name}.toml").tiers
            },
        ),
    ],
)
def test_every_value_a_page_may_show_has_its_key(family: str, values: set[str]) -> None:
    """Each value the domain can hold has a written-out key: no value falls through to a
    KeyError on a page."""
    assert set(KEYS_BY_VALUE[family]) == values


def test_the_words_for_a_bad_phase_name_every_phase() -> None:
    """The catalogue writes the phases out; the domain's enum is what the API takes."""
    assert CATALOGUE["field.phase"][1] == f"must be one of {', '.join(Phase)}"


# Python modules that may still hold Vietnamese in a string (docstrings and comments are not
# strings here), each with why. The test below fails when another module writes some, and when
# a module listed here no longer does (then its line goes), so the list only shrinks.
KEPT = {
    "voting/errors.py": "the registry of refusals",
    "voting/tally/minutes.py": "the minutes' printed wording",
    "voting/tally/dossier/pdf.py": "the dossier's printed wording",
    "voting/tally/dossier/xlsx.py": "the dossier's printed wording",
    "voting/tally/dossier/wording.py": "the dossier's printed wording",
    "voting/tally/dossier/model.py": "the dossier's document titles",
    "voting/tally/submission.py": "the Tờ trình's printed wording",
    "voting/planning/submission.py": "the Tờ trình's printed wording",
    "voting/planning/dossier.py": "the dossier's printed wording",
    "voting/tally/exports.py": "the result table's column titles",
    "voting/ballots/printed_cards.py": "the printed voting cards",
    "voting/rules/people.py": "yes/no words a registry file may hold (có, không)",
    "voting/rules/ruleset.py": "a rule set's title suffix (“và tương đương”)",
    "voting/registry/planning.py": "a rule set's title suffix (“và tương đương”)",
    "voting/rules/source.py": "a unit position's title as documents write it (Trưởng phòng, "
    "Chánh, Giám đốc …), not a text",
    "voting/conference/search.py": "đ folded to d in a search, no text",
    "voting/web/config.py": "the default title of the agency's head",
    "voting/web/demo.py": "the demo's sample data and console lines",
    "voting/tally/simulation.py": "a simulated conference's sample data",
    "voting/cli.py": "the command line's bilingual output",
    "voting/web/commands.py": "the command line's bilingual output",
    "voting/web/backup.py": "the command line's bilingual output",
    "voting/web/openapi.py": "document names in the API's description",
    "voting/conference/practice.py": "the prefix of a practice round's stored title",
    "voting/planning/steps.py": "a threshold as the minutes print it",
}
# User-facing texts not in the catalogue yet, each with what keeps it here (docs/ui.md
# "The message catalogue"): words that are stored, or a helper's module being reworked.
NOT_YET = {
    "voting/rules/eligibility.py": "the discipline and political theory levels' Vietnamese words "
    "(_DISCIPLINE_VI, _THEORY_VI) slotted into a reason, whose English shows the level's code",
    "voting/planning/appointments.py": "PlanningEntry.removal_reason, a stored Vietnamese-only "
    "column: a catalogue text would need an English nobody reads",
    "voting/planning/outcome.py": "PlanningEntry.removal_reason (as appointments.py); the "
    "approving body's prefix matches the rule set's text, not a text of its own",
    "voting/planning/standards.py": "the standards printed under a position, Vietnamese only "
    "(the module is being reworked)",
}
VIETNAMESE = re.compile("[\u00c0-\u1ef9]")


def _written_strings(tree: ast.Module) -> list[str]:
    """Every string the module builds (f-strings' parts too), its docstrings left out."""
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_vietnamese_is_written_in_python_outside_the_listed_modules() -> None:
    """A text a person reads is in the catalogue (or the registry of refusals), in both
    languages; Vietnamese letters in a Python string elsewhere are a text written inline."""
    written = {
        path.relative_to(ROOT).as_posix()
        for path in SOURCE.rglob("*.py")
        if any(
            any(VIETNAMESE.match(c) and c.isalpha() for c in text)
            for text in _written_strings(ast.parse(path.read_text(encoding="utf-8")))
        )
    }
    assert written == KEPT.keys() | NOT_YET.keys()
