"""The bare libsodium baseline the verification benchmarks compare against: exactly the group
operations and signature checks any verifier of a ballot's proofs must make, as raw pysodium
calls on fixed inputs."""

from collections import Counter
from collections.abc import Callable

import pysodium

from voting.crypto.ballot import Ballot, BallotDefinition, signed_message


def necessary_operations(definition: BallotDefinition) -> Counter[str]:
    """What any verifier of these proofs must do with libsodium: per branch j of a 0..max
    proof, z·G, c·a, z·Y, c·(b − jG) and two subtractions (plus b − jG itself for j > 0);
    per section, 2(n − 1) additions for the sum; one signature check."""
    needed: Counter[str] = Counter()

    def proof(maximum: int) -> None:
        branches = maximum + 1
        needed.update(base=branches, multiply=3 * branches, add=2 * branches + maximum)

    for section in definition.sections:
        for _ in section.candidates:
            proof(1)
        needed["add"] += 2 * (len(section.candidates) - 1)
        proof(section.quota)
    needed["verify"] = 1
    return needed


def baseline(definition: BallotDefinition, ballot: Ballot) -> Callable[[], None]:
    """The necessary operations as raw pysodium calls on fixed inputs."""
    needed = necessary_operations(definition)
    scalar = pysodium.crypto_core_ristretto255_scalar_random()
    point = pysodium.crypto_scalarmult_ristretto255_base(scalar)
    other = pysodium.crypto_scalarmult_ristretto255_base(scalar[::-1][1:] + b"\0")
    message = signed_message(ballot)

    def run() -> None:
        for _ in range(needed["base"]):
            pysodium.crypto_scalarmult_ristretto255_base(scalar)
        for _ in range(needed["multiply"]):
            pysodium.crypto_scalarmult_ristretto255(scalar, point)
        for _ in range(needed["add"]):
            pysodium.crypto_core_ristretto255_sub(point, other)
        pysodium.crypto_sign_verify_detached(ballot.signature, message, ballot.card)

    return run
