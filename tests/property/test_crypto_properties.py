"""Property tests: the aggregate decrypts to the plain count; card codes round-trip and catch
every single-character typo."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voting.crypto.ballot import (
    BallotDefinition,
    aggregate,
    build_ballot,
    verify_ballot,
)
from voting.crypto.cards import ALPHABET, Card, CardError, code, display_code, parse_code
from voting.crypto.elgamal import Ciphertext
from voting.crypto.group import Point, Scalar
from voting.tally.simulation import opened_context

CONFERENCE = "property-conference"
SECRET = Scalar.random()
KEY = Point.base(SECRET)
CARD = Card.from_secret(CONFERENCE, bytes(range(16)))


def decrypt(ciphertext: Ciphertext, maximum: int) -> int:
    target = ciphertext.b - ciphertext.a * SECRET
    return next(m for m in range(maximum + 1) if Point.base(Scalar.of(m)) == target)


@st.composite
def elections(draw: st.DrawFn) -> tuple[BallotDefinition, list[dict[str, list[str]]]]:
    """A small ballot definition and up to 4 voters' choices within each quota."""
    sections = []
    for s in range(draw(st.integers(1, 3))):
        size = draw(st.integers(1, 4))
        quota = draw(st.integers(1, size))
        sections.append(
            {"id": f"s{s}", "candidates": [f"c{c}" for c in range(size)], "quota": quota}
        )
    definition = BallotDefinition.from_dict({"sections": sections})
    voters = []
    for _ in range(draw(st.integers(0, 4))):
        choices = {}
        for section in definition.sections:
            chosen = draw(st.sets(st.sampled_from(section.candidates), max_size=section.quota))
            choices[section.id] = sorted(chosen)
        voters.append(choices)
    return definition, voters


@settings(max_examples=25, deadline=None)
@given(elections())
def test_the_decrypted_aggregate_is_the_plain_count(
    election: tuple[BallotDefinition, list[dict[str, list[str]]]],
) -> None:
    definition, voters = election
    context = opened_context(
        CONFERENCE, definition, [CARD.public_hex], KEY, len(voters), len(voters)
    )
    ballots = [build_ballot(context, CARD, choices) for choices in voters]
    for ballot in ballots:
        verify_ballot(context, ballot, {CARD.public_hex})
    expected = {
        section.id: Counter(c for choices in voters for c in choices[section.id])
        for section in definition.sections
    }
    for section_id, row in aggregate(definition, ballots).items():
        for candidate, ciphertext in row.items():
            assert decrypt(ciphertext, len(voters)) == expected[section_id][candidate]


@given(st.binary(min_size=16, max_size=16))
def test_card_codes_round_trip(secret: bytes) -> None:
    assert parse_code(code(secret)) == secret
    assert parse_code(display_code(secret).lower()) == secret


@given(st.binary(min_size=16, max_size=16), st.integers(0, 26), st.integers(1, 31))
def test_any_single_character_typo_is_caught(secret: bytes, position: int, shift: int) -> None:
    text = code(secret)
    wrong = ALPHABET[(ALPHABET.index(text[position]) + shift) % 32]
    with pytest.raises(CardError, match="mistyped"):
        parse_code(text[:position] + wrong + text[position + 1 :])
