"""Property test of the committee: encrypted ballots summed and opened by any t members give the
plain count of each candidate."""

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from voting.crypto.decryption import Aggregate, combine, partial_decrypt
from voting.crypto.dkg import Ceremony, KeyShare, Transcript, simulate_ceremony
from voting.crypto.group import Point, Scalar

SIZES = [(1, 1), (2, 3), (3, 5)]


@cache
def committee(threshold: int, members: int) -> tuple[Transcript, list[KeyShare]]:
    """One ceremony per size, shared by every example (a ceremony is the slow part)."""
    return simulate_ceremony(Ceremony("conf-property", threshold, members))


def encrypt(mark: int, joint_key: Point) -> Aggregate:
    r = Scalar.random()
    return Point.base(r), Point.base(Scalar.of(mark)) + joint_key * r


def add(left: Aggregate, right: Aggregate) -> Aggregate:
    return left[0] + right[0], left[1] + right[1]


Opening = tuple[tuple[int, int], int, list[list[int]], list[int]]


@st.composite
def openings(draw: st.DrawFn) -> Opening:
    """A committee size, the number of candidates, ballots as 0/1 marks per candidate (perhaps
    none at all), and which t members open."""
    threshold, members = draw(st.sampled_from(SIZES))
    candidates = draw(st.integers(1, 4))
    ballots = draw(st.lists(st.lists(st.integers(0, 1), min_size=candidates, max_size=candidates)))
    openers = draw(st.permutations(range(members)))[:threshold]
    return (threshold, members), candidates, ballots, openers


@settings(max_examples=40, deadline=None)
@given(openings())
def test_opened_sums_equal_the_plain_counts(case: Opening) -> None:
    """Σ of encrypted marks, decrypted by a random t-subset, is the plain per-candidate sum."""
    size, candidates, ballots, openers = case
    transcript, keys = committee(*size)
    box = [(Point.identity(), Point.identity())] * candidates
    for ballot in ballots:
        encrypted = [encrypt(mark, transcript.joint_key) for mark in ballot]
        box = [add(total, item) for total, item in zip(box, encrypted, strict=True)]
    partials = [partial_decrypt(keys[index], box) for index in openers]
    expected = [sum(ballot[column] for ballot in ballots) for column in range(candidates)]
    assert combine(transcript, box, partials, len(ballots)) == expected
