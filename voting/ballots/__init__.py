"""Ballots outside the cryptography: card lists and printed voting cards."""
