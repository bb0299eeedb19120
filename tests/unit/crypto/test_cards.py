"""Voting cards: the typed code, its check character, the URL, keys and pools."""

import hashlib

import pysodium
import pytest

from voting import canonical
from voting.crypto.cards import (
    ALPHABET,
    Card,
    CardError,
    card_list_hash,
    card_url,
    check_character,
    code,
    display_code,
    make_pool,
    new_secret,
    parse_code,
    secret_from_url,
    signing_seed,
)

CONFERENCE = "2026-next-term-step-3"
ONE = bytes(15) + b"\x01"


def test_code_is_26_base32_digits_then_a_check_character() -> None:
    """1 is …0001, and its check character doubles that 1: 32 - 2 = 30 = 'Y'."""
    assert code(ONE) == "0" * 25 + "1" + "Y"
    assert code(bytes(16)) == "0" * 27
    assert code(bytes([255] * 16)) == "7" + "Z" * 25 + check_character("7" + "Z" * 25)


def test_display_groups_by_four() -> None:
    assert display_code(ONE) == "0000-0000-0000-0000-0000-0000-01Y"


def test_parsing_forgives_case_separators_and_look_alikes() -> None:
    secret = new_secret()
    text = display_code(secret)
    assert parse_code(text) == secret
    assert parse_code(" " + text.lower().replace("-", " ") + "\n") == secret
    assert parse_code("OOOO OOOO-oooo oooo oooo oooo ol y") == ONE
    assert parse_code("0" * 25 + "IY") == ONE


def test_a_wrong_check_character_is_refused_clearly() -> None:
    with pytest.raises(CardError, match="mistyped"):
        parse_code("0" * 25 + "1" + "X")
    with pytest.raises(CardError, match="mistyped"):
        parse_code("0" * 25 + "2" + "Y")


def test_swapping_two_neighbours_is_caught() -> None:
    with pytest.raises(CardError, match="mistyped"):
        parse_code("0" * 24 + "10" + "Y")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0" * 25 + "1", "27 characters"),
        ("0" * 28, "27 characters"),
        ("0" * 25 + "UY", "'U' does not occur"),
        ("0" * 25 + "1*", "'\\*' does not occur"),
    ],
)
def test_malformed_codes_are_refused(text: str, message: str) -> None:
    with pytest.raises(CardError, match=message):
        parse_code(text)


def test_a_number_above_128_bits_is_not_a_card() -> None:
    digits = "8" + "0" * 25
    with pytest.raises(CardError, match="not a voting card"):
        parse_code(digits + check_character(digits))


def test_the_alphabet_is_crockford_base32() -> None:
    assert len(set(ALPHABET)) == 32 and not set("ILOU") & set(ALPHABET)


def test_card_url_carries_the_code_in_the_fragment() -> None:
    secret = new_secret()
    url = card_url("http://10.0.0.2:8000/vote", secret)
    assert url == "http://10.0.0.2:8000/vote#" + code(secret)
    assert secret_from_url(url) == secret
    with pytest.raises(CardError, match="fragment"):
        card_url("http://x/vote#already", secret)
    with pytest.raises(CardError, match="no '#'"):
        secret_from_url("http://x/vote")


def test_signing_seed_is_blake2b_of_the_secret_keyed_by_the_conference() -> None:
    secret = new_secret()
    expected = hashlib.blake2b(secret, key=CONFERENCE.encode(), digest_size=32).digest()
    assert signing_seed(CONFERENCE, secret) == expected
    card = Card.from_secret(CONFERENCE, secret)
    assert card.public_key == pysodium.crypto_sign_seed_keypair(expected)[0]


def test_the_same_secret_gives_another_key_in_another_conference() -> None:
    secret = new_secret()
    assert (
        Card.from_secret(CONFERENCE, secret).public_key
        != Card.from_secret(CONFERENCE + "-b", secret).public_key
    )


def test_conference_ids_must_fit_a_blake2b_key() -> None:
    for bad in ("", "x" * 65):
        with pytest.raises(CardError, match="1 to 64 bytes"):
            signing_seed(bad, new_secret())
    with pytest.raises(CardError, match="16 bytes"):
        signing_seed(CONFERENCE, bytes(15))


def test_a_card_signs_with_its_key() -> None:
    card = Card.from_code(CONFERENCE, display_code(new_secret()))
    signature = card.sign(b"ballot")
    pysodium.crypto_sign_verify_detached(signature, b"ballot", card.public_key)
    assert repr(card.secret_key) not in repr(card)


def test_a_pool_gives_secrets_and_apart_their_sorted_public_keys() -> None:
    pool = make_pool(CONFERENCE, 20)
    assert len(set(pool.secrets)) == 20
    derived = {Card.from_secret(CONFERENCE, secret).public_hex for secret in pool.secrets}
    assert list(pool.public_keys) == sorted(derived)
    assert make_pool(CONFERENCE, 0).public_keys == ()
    assert repr(pool.secrets[0]) not in repr(pool)
    with pytest.raises(CardError):
        make_pool(CONFERENCE, -1)


def test_card_list_hash_is_the_sha256_of_the_sorted_canonical_list() -> None:
    keys = list(make_pool(CONFERENCE, 3).public_keys)
    expected = hashlib.sha256(canonical.dumps(sorted(keys))).hexdigest()
    assert card_list_hash(reversed(keys)) == card_list_hash(keys) == expected
