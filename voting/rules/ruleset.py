"""Rule sets as data: procedures, steps, thresholds, positions and eligibility parameters.

A rule set is read from a TOML or JSON mapping (KH 331 ships as `kh331.toml`; an agency can load
its own, e.g. for QĐ 377-QĐ/TW) and identified by its name and the SHA-256 of its canonical
content, so every result can say exactly which rules produced it.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from voting import canonical
from voting.rules.errors import CountError, RuleSetError

Base = Literal["present", "convened"]
Comparison = Literal["at_least", "more_than"]
BallotKind = Literal["candidates", "removal", "none"]
Sex = Literal["M", "F"]


# Rule sets written before `min_ballots_to_open` existed (embedded in older records) did not name
# it; they read as KH 331's value, so an old record still parses and verifies.
MIN_BALLOTS_TO_OPEN_BEFORE_THE_KEY = 3


@dataclass(frozen=True)
class Threshold:
    """A step's passing rule: agree compared with a ratio of the base (present or convened)."""

    base: Base
    comparison: Comparison
    ratio: Fraction

    def met(self, agree: int, present: int, convened: int) -> bool:
        """Whether `agree` passes, in exact integer arithmetic."""
        base = present if self.base == "present" else convened
        if agree > base:
            raise CountError(f"agree count {agree} exceeds the {self.base} count {base}")
        lhs, rhs = agree * self.ratio.denominator, base * self.ratio.numerator
        return lhs >= rhs if self.comparison == "at_least" else lhs > rhs

    def describe(self) -> str:
        """Human form, e.g. '≥ 3/10 of present'."""
        sign = "≥" if self.comparison == "at_least" else ">"
        return f"{sign} {self.ratio} of {self.base}"


@dataclass(frozen=True)
class Step:
    """One conference of a procedure."""

    procedure: str
    number: int
    conference: str
    title: str
    title_en: str
    composition: tuple[str, ...]
    extra_composition: Mapping[str, tuple[str, ...]]
    ballot: BallotKind
    threshold: Threshold | None
    announced: bool
    fills_quota: bool
    rule_set: RuleSet = field(init=False, repr=False, compare=False)

    def composition_for(self, tier: str) -> tuple[str, ...]:
        """The roster's groups for posts of `tier` (KH 331 adds district heads for the province)."""
        return self.composition + self.extra_composition.get(tier, ())


@dataclass(frozen=True)
class Procedure:
    """A sequence of steps: 'next_term' (5 steps) or 'annual_review' (4) in KH 331."""

    key: str
    title: str
    title_en: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Tier:
    """Who approves a set of positions, and how many months of work each category needs."""

    key: str
    title: str
    approval_body: str
    current_term_months: Mapping[int, int]


@dataclass(frozen=True)
class Post:
    """A post a person currently holds (Giám đốc … Chuyên viên), ranked from the top (0)."""

    key: str
    title: str
    rank: int


@dataclass(frozen=True)
class PositionKind:
    """A planned leadership post and which current posts are its source categories 1 and 2."""

    key: str
    title: str
    tier: str
    per_unit: bool
    key_leader: bool
    categories: Mapping[str, int]
    political_theory: str | None


@dataclass(frozen=True)
class RetirementSchedule:
    """Nghị định 135/2020: required age in months for a year, rising by steps to a ceiling."""

    before_months: int
    from_year: int
    start_months: int
    step_months: int
    until_months: int

    def required_months(self, year: int) -> int:
        """Age in months required to retire in `year`."""
        if year < self.from_year:
            return self.before_months
        return min(
            self.start_months + (year - self.from_year) * self.step_months, self.until_months
        )


@dataclass(frozen=True)
class Adjustment:
    """A lawful reason to retire earlier (negative months) or later, with its bounds."""

    key: str
    title: str
    min_months: int
    max_months: int


@dataclass(frozen=True)
class StructureTargets:
    """KH 331 B.III.2: shares of young cadres and women, and a woman among key leaders."""

    young_under_years: int
    young_min: Fraction
    women_min: Fraction
    woman_key_leader: bool


@dataclass(frozen=True)
class RuleSet:
    """A complete, hashable set of planning rules."""

    name: str
    title: str
    source: str
    quorum: Fraction
    max_cadres_per_position: int
    max_positions_per_cadre: int
    # The fewest ballots an electronic ballot box may be opened with: its totals would tell
    # how each of very few voters voted; below it the step is counted on paper.
    min_ballots_to_open: int
    groups: Mapping[str, str]
    conferences: Mapping[str, str]
    tiers: Mapping[str, Tier]
    posts: Mapping[str, Post]
    positions: Mapping[str, PositionKind]
    procedures: Mapping[str, Procedure]
    retirement: Mapping[str, RetirementSchedule]
    adjustments: Mapping[str, Adjustment]
    next_term_months: int
    transitional_months: int
    transitional_before: date
    removal_discipline_levels: tuple[str, ...]
    political_theory_levels: tuple[str, ...]
    structure: StructureTargets
    content: Mapping[str, Any]
    hash: str

    def step(self, procedure: str, number: int) -> Step:
        """The step `number` (1-based) of `procedure`."""
        if procedure not in self.procedures:
            known = ", ".join(self.procedures)
            raise RuleSetError(f"{self.name}: no procedure {procedure!r} (known: {known})")
        steps = self.procedures[procedure].steps
        for step in steps:
            if step.number == number:
                return step
        raise RuleSetError(f"{self.name}: procedure {procedure!r} has no step {number}")

    def final_step(self, procedure: str) -> Step:
        """The last step of `procedure`, the one that ranks and is announced."""
        return self.step(procedure, self.procedures[procedure].steps[-1].number)

    def post_for(self, title: str) -> Post | None:
        """The post named `title` (or its key), ignoring case and extra spaces."""
        wanted = " ".join(title.split()).casefold()
        for post in self.posts.values():
            if wanted in (post.title.casefold(), post.key):
                return post
        return None

    def position_for(self, title: str) -> PositionKind | None:
        """The position of a planned title: exact ("Giám đốc Sở", or its key) or a unit's post
        ("Trưởng phòng Quản lý Thương mại" is a Trưởng phòng position)."""
        wanted = " ".join(title.split()).casefold()
        for kind in self.positions.values():
            if wanted in (kind.title.casefold(), kind.key):
                return kind
        for kind in self.positions.values():
            prefix = kind.title.casefold().removesuffix(" và tương đương")
            if kind.per_unit and wanted.startswith(prefix + " "):
                return kind
        return None

    def provenance(self) -> dict[str, str]:
        """What every result carries to say which rules produced it."""
        return {"rule_set": self.name, "rule_set_hash": self.hash}


def load_rule_set(path: str | Path) -> RuleSet:
    """Read a rule set from a `.toml` or `.json` file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleSetError(f"{path}: cannot read rule set: {exc.strerror}") from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleSetError(f"{path}: not valid {path.suffix.lstrip('.') or 'TOML'}: {exc}") from exc
    return rule_set_from_mapping(data, origin=str(path))


def rule_set_from_mapping(data: Any, origin: str = "<rule set>") -> RuleSet:
    """Build and validate a rule set from plain data (what a TOML or JSON file holds)."""
    return _Parser(origin).rule_set(data)


class _Parser:
    """Reads plain data into a RuleSet, naming the file and key path of any fault."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, what: str) -> RuleSetError:
        return RuleSetError(f"{self.origin}: {where}: {what}")

    def table(self, data: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(where, "expected a table")
        return data

    def get(self, data: Mapping[str, Any], key: str, where: str) -> Any:
        if key not in data:
            raise self.fail(f"{where}.{key}" if where else key, "missing")
        return data[key]

    def text(
        self, data: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        if default is not None and key not in data:
            return default
        value = self.get(data, key, where)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "expected a non-empty string")
        return value

    def integer(self, data: Mapping[str, Any], key: str, where: str, minimum: int = 0) -> int:
        value = self.get(data, key, where)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.fail(f"{where}.{key}", f"expected an integer ≥ {minimum}")
        return value

    def signed(self, data: Mapping[str, Any], key: str, where: str) -> int:
        value = self.get(data, key, where)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "expected an integer")
        return value

    def flag(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = self.get(data, key, where)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "expected true or false")
        return value

    def ratio(self, data: Mapping[str, Any], key: str, where: str) -> Fraction:
        value = self.get(data, key, where)
        parts = value.split("/") if isinstance(value, str) else []
        if len(parts) != 2 or not all(p.strip().isdigit() for p in parts) or int(parts[1]) == 0:
            raise self.fail(f"{where}.{key}", f'expected a fraction like "1/2", got {value!r}')
        result = Fraction(int(parts[0]), int(parts[1]))
        if not 0 < result <= 1:
            raise self.fail(f"{where}.{key}", f"ratio {value} must be in (0, 1]")
        return result

    def choice(
        self, data: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...]
    ) -> str:
        value = self.get(data, key, where)
        if value not in allowed:
            raise self.fail(
                f"{where}.{key}", f"expected one of {', '.join(allowed)}; got {value!r}"
            )
        return str(value)

    def keys(
        self, data: Mapping[str, Any], key: str, where: str, known: Mapping[str, Any]
    ) -> tuple[str, ...]:
        value = self.get(data, key, where)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{key}", "expected a list of strings")
        for item in value:
            if item not in known:
                raise self.fail(f"{where}.{key}", f"unknown key {item!r}")
        return tuple(value)

    def texts(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = self.get(data, key, where)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{where}.{key}", "expected a list of strings")
        return tuple(value)

    def rule_set(self, data: Any) -> RuleSet:
        top = self.table(data, "(top)")
        groups = self.text_table(top, "groups")
        conferences = self.text_table(top, "conferences")
        tiers = {
            k: self.tier(k, v) for k, v in self.table(self.get(top, "tiers", ""), "tiers").items()
        }
        posts_list = self.get(top, "posts", "")
        if not isinstance(posts_list, list) or not posts_list:
            raise self.fail("posts", "expected a non-empty list, highest post first")
        posts: dict[str, Post] = {}
        for rank, item in enumerate(posts_list):
            where = f"posts[{rank}]"
            entry = self.table(item, where)
            post = Post(self.text(entry, "key", where), self.text(entry, "title", where), rank)
            if post.key in posts:
                raise self.fail(where, f"duplicate post {post.key!r}")
            posts[post.key] = post
        positions = {
            k: self.position(k, v, tiers, posts)
            for k, v in self.table(self.get(top, "positions", ""), "positions").items()
        }
        procedures = {}
        for index, item in enumerate(self.get(top, "procedures", "")):
            procedure = self.procedure(f"procedures[{index}]", item, groups, conferences, tiers)
            if procedure.key in procedures:
                raise self.fail(f"procedures[{index}]", f"duplicate procedure {procedure.key!r}")
            procedures[procedure.key] = procedure
        if not procedures:
            raise self.fail("procedures", "a rule set needs at least one procedure")
        retirement_table = self.table(self.get(top, "retirement", ""), "retirement")
        retirement = {sex: self.schedule(sex, retirement_table) for sex in ("M", "F")}
        adjustments = {
            k: self.adjustment(k, v)
            for k, v in self.table(self.get(top, "adjustments", ""), "adjustments").items()
        }
        eligibility = self.table(self.get(top, "eligibility", ""), "eligibility")
        before = self.text(eligibility, "transitional_before", "eligibility")
        try:
            transitional_before = date.fromisoformat(before)
        except ValueError as exc:
            raise self.fail(
                "eligibility.transitional_before", "expected a date YYYY-MM-DD"
            ) from exc
        structure_table = self.table(self.get(top, "structure", ""), "structure")
        structure = StructureTargets(
            young_under_years=self.integer(structure_table, "young_under_years", "structure", 1),
            young_min=self.ratio(structure_table, "young_min", "structure"),
            women_min=self.ratio(structure_table, "women_min", "structure"),
            woman_key_leader=self.flag(structure_table, "woman_key_leader", "structure"),
        )
        levels = self.texts(eligibility, "political_theory_levels", "eligibility")
        for key, position in positions.items():
            if position.political_theory is not None and position.political_theory not in levels:
                raise self.fail(
                    f"positions.{key}.political_theory", "not in political_theory_levels"
                )
        rule_set = RuleSet(
            name=self.text(top, "name", ""),
            title=self.text(top, "title", ""),
            source=self.text(top, "source", ""),
            quorum=self.ratio(top, "quorum", ""),
            max_cadres_per_position=self.integer(top, "max_cadres_per_position", "", 1),
            max_positions_per_cadre=self.integer(top, "max_positions_per_cadre", "", 1),
            min_ballots_to_open=(
                self.integer(top, "min_ballots_to_open", "", 1)
                if "min_ballots_to_open" in top
                else MIN_BALLOTS_TO_OPEN_BEFORE_THE_KEY
            ),
            groups=groups,
            conferences=conferences,
            tiers=tiers,
            posts=posts,
            positions=positions,
            procedures=procedures,
            retirement=retirement,
            adjustments=adjustments,
            next_term_months=self.integer(eligibility, "next_term_months", "eligibility"),
            transitional_months=self.integer(eligibility, "transitional_months", "eligibility"),
            transitional_before=transitional_before,
            removal_discipline_levels=self.texts(
                eligibility, "removal_discipline_levels", "eligibility"
            ),
            political_theory_levels=levels,
            structure=structure,
            content={},
            hash="",
        )
        content = _normalised(top)
        object.__setattr__(rule_set, "content", content)
        object.__setattr__(rule_set, "hash", canonical.sha256_hex(content))
        for procedure in procedures.values():
            for step in procedure.steps:
                object.__setattr__(step, "rule_set", rule_set)
        return rule_set

    def text_table(self, top: Mapping[str, Any], key: str) -> dict[str, str]:
        table = self.table(self.get(top, key, ""), key)
        for name, value in table.items():
            if not isinstance(value, str) or not value:
                raise self.fail(f"{key}.{name}", "expected a non-empty string")
        return dict(table)

    def tier(self, key: str, data: Any) -> Tier:
        where = f"tiers.{key}"
        entry = self.table(data, where)
        months = self.table(
            self.get(entry, "current_term_months", where), f"{where}.current_term_months"
        )
        by_category: dict[int, int] = {}
        for category, value in months.items():
            if str(category) not in ("1", "2") or not isinstance(value, int) or value < 0:
                raise self.fail(
                    f"{where}.current_term_months", 'expected categories "1", "2" → months'
                )
            by_category[int(category)] = value
        return Tier(
            key,
            self.text(entry, "title", where),
            self.text(entry, "approval_body", where),
            by_category,
        )

    def position(
        self, key: str, data: Any, tiers: Mapping[str, Tier], posts: Mapping[str, Post]
    ) -> PositionKind:
        where = f"positions.{key}"
        entry = self.table(data, where)
        tier = self.choice(entry, "tier", where, tuple(tiers))
        categories: dict[str, int] = {}
        for number in (1, 2):
            for post in self.keys(entry, f"category_{number}", where, posts):
                if post in categories:
                    raise self.fail(where, f"post {post!r} is in both categories")
                categories[post] = number
        theory = entry.get("political_theory")
        if theory is not None and not isinstance(theory, str):
            raise self.fail(f"{where}.political_theory", "expected a level name")
        return PositionKind(
            key=key,
            title=self.text(entry, "title", where),
            tier=tier,
            per_unit=self.flag(entry, "per_unit", where),
            key_leader=self.flag(entry, "key_leader", where),
            categories=categories,
            political_theory=theory,
        )

    def procedure(
        self,
        where: str,
        data: Any,
        groups: Mapping[str, str],
        conferences: Mapping[str, str],
        tiers: Mapping[str, Tier],
    ) -> Procedure:
        entry = self.table(data, where)
        key = self.text(entry, "key", where)
        raw_steps = self.get(entry, "steps", where)
        if not isinstance(raw_steps, list) or not raw_steps:
            raise self.fail(f"{where}.steps", "expected a non-empty list of steps")
        steps = []
        for index, item in enumerate(raw_steps):
            steps.append(
                self.step(key, f"{where}.steps[{index}]", item, groups, conferences, tiers)
            )
            if steps[-1].number != index + 1:
                raise self.fail(f"{where}.steps[{index}].number", f"expected {index + 1}")
        final = steps[-1]
        if final.threshold is None or not final.fills_quota or final.ballot != "candidates":
            raise self.fail(
                f"{where}.steps[{len(steps) - 1}]",
                "the final step must be a ranked candidate ballot",
            )
        return Procedure(
            key, self.text(entry, "title", where), self.text(entry, "title_en", where), tuple(steps)
        )

    def step(
        self,
        procedure: str,
        where: str,
        data: Any,
        groups: Mapping[str, str],
        conferences: Mapping[str, str],
        tiers: Mapping[str, Tier],
    ) -> Step:
        entry = self.table(data, where)
        ballot = self.choice(entry, "ballot", where, ("candidates", "removal", "none"))
        threshold = None
        if "threshold" in entry:
            t = self.table(entry["threshold"], f"{where}.threshold")
            threshold = Threshold(
                base=self.choice(t, "base", f"{where}.threshold", ("present", "convened")),  # type: ignore[arg-type]
                comparison=self.choice(
                    t, "comparison", f"{where}.threshold", ("at_least", "more_than")
                ),  # type: ignore[arg-type]
                ratio=self.ratio(t, "ratio", f"{where}.threshold"),
            )
        if threshold and threshold.comparison == "more_than" and threshold.ratio == 1:
            raise self.fail(f"{where}.threshold", "more than all of the base: nobody could pass")
        if (ballot == "none") != (threshold is None):
            raise self.fail(where, "a step has a threshold exactly when it holds a ballot")
        extra = self.table(entry.get("extra_composition", {}), f"{where}.extra_composition")
        for tier in extra:
            if tier not in tiers:
                raise self.fail(f"{where}.extra_composition", f"unknown tier {tier!r}")
        fills_quota = self.flag(entry, "fills_quota", where)
        if fills_quota and ballot != "candidates":
            raise self.fail(where, "only a candidate ballot can fill quotas")
        return Step(
            procedure=procedure,
            number=self.integer(entry, "number", where, 1),
            conference=self.choice(entry, "conference", where, tuple(conferences)),
            title=self.text(entry, "title", where),
            title_en=self.text(entry, "title_en", where),
            composition=self.keys(entry, "composition", where, groups),
            extra_composition={
                t: self.keys(extra, t, f"{where}.extra_composition", groups) for t in extra
            },
            ballot=ballot,  # type: ignore[arg-type]
            threshold=threshold,
            announced=self.flag(entry, "announced", where),
            fills_quota=fills_quota,
        )

    def schedule(self, sex: str, table: Mapping[str, Any]) -> RetirementSchedule:
        where = f"retirement.{sex}"
        entry = self.table(self.get(table, sex, "retirement"), where)
        return RetirementSchedule(
            before_months=self.integer(entry, "before_months", where, 1),
            from_year=self.integer(entry, "from_year", where, 1900),
            start_months=self.integer(entry, "start_months", where, 1),
            step_months=self.integer(entry, "step_months", where),
            until_months=self.integer(entry, "until_months", where, 1),
        )

    def adjustment(self, key: str, data: Any) -> Adjustment:
        where = f"adjustments.{key}"
        entry = self.table(data, where)
        low, high = self.signed(entry, "min_months", where), self.signed(entry, "max_months", where)
        if low > high:
            raise self.fail(where, "min_months is above max_months")
        return Adjustment(key, self.text(entry, "title", where), low, high)


def _normalised(data: Any) -> Any:
    """Plain data in canonical-JSON types (TOML dates become ISO strings), for hashing."""
    if isinstance(data, Mapping):
        return {str(k): _normalised(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_normalised(v) for v in data]
    if isinstance(data, date):
        return data.isoformat()
    if isinstance(data, float):
        raise RuleSetError(f'floating-point value {data} in a rule set: write ratios as "n/d"')
    return data
