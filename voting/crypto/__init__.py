"""Ballot cryptography: pure Python over libsodium (no Flask, no SQLAlchemy).

`group` is the ristretto255 layer everything else is written in; `installation` is the server's
record-signing key.
"""
