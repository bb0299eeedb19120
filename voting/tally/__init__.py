"""Counting: the checked ballot list, opening the box, the signed conference record and its
offline verifier. Pure Python over `voting.crypto` and `voting.rules` (no Flask, no SQLAlchemy).
"""
