"""HTTPS when the agency has a certificate (voting.web.https): `voting serve --certfile
--keyfile` serves TLS; behind nginx VOTING_PROXY trusts X-Forwarded-Proto; then the session
cookie is Secure and HSTS is sent. Plain HTTP stays the default, with neither."""

from __future__ import annotations

import datetime
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from voting.web import create_app
from voting.web.commands import serve


def certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    certfile, keyfile = folder / "cert.pem", folder / "key.pem"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certfile, keyfile


def login_cookie(app: Any, base_url: str, headers: dict[str, str] | None = None) -> Any:
    client = app.test_client()
    return client.get("/api/session", base_url=base_url, headers=headers or {})


def test_plain_http_is_the_default(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": tmp_path, "TESTING": True})
    response = login_cookie(app, "http://voting.test")
    assert "Secure" not in response.headers.get("Set-Cookie", "")
    assert "Strict-Transport-Security" not in response.headers
    app.extensions["voting.database"].dispose()


def test_behind_a_proxy_with_https_cookies_are_secure_and_hsts_is_sent(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": tmp_path, "TESTING": True, "PROXY": "1", "HTTPS": "1"})
    secure = login_cookie(app, "http://voting.test", {"X-Forwarded-Proto": "https"})
    assert "; Secure" in secure.headers["Set-Cookie"]
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    # the same request without the proxy's word is plain HTTP: no HSTS on it
    plain = login_cookie(app, "http://voting.test")
    assert "Strict-Transport-Security" not in plain.headers
    app.extensions["voting.database"].dispose()


def test_forwarded_headers_are_ignored_without_voting_proxy(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": tmp_path, "TESTING": True, "HTTPS": "1"})
    forged = login_cookie(app, "http://voting.test", {"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in forged.headers
    app.extensions["voting.database"].dispose()


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        ({"VOTING_PROXY": "many"}, [], "VOTING_PROXY must be the number of proxies"),
        ({"VOTING_HTTPS": "perhaps"}, [], "VOTING_HTTPS must be 1 or 0"),
        ({}, ["--certfile", "cert.pem"], "needs both --certfile and --keyfile"),
        ({}, ["--certfile", "absent.pem", "--keyfile", "key.pem"], "does not exist"),
    ],
)
def test_wrong_https_settings_stop_the_start(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    args: list[str],
    message: str,
) -> None:
    certificate(tmp_path)
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    umask = os.umask(0o022)
    try:
        result = CliRunner().invoke(serve, args, env={"VOTING_INSTANCE": str(folder), **env})
    finally:
        os.umask(umask)
    assert result.exit_code != 0 and message in result.output, result.output
    assert list(folder.iterdir()) == []


def test_serve_with_a_certificate_speaks_https(tmp_path: Path) -> None:
    certfile, keyfile = certificate(tmp_path)
    folder = tmp_path / "data"
    folder.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            *(sys.executable, "-c", "from voting.web.commands import serve; serve()"),
            *("--port", str(port), "--threads", "4"),
            *("--certfile", str(certfile), "--keyfile", str(keyfile)),
        ],
        env=os.environ | {"VOTING_INSTANCE": str(folder)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        response = None
        for _ in range(100):
            try:
                response = requests.get(
                    f"https://localhost:{port}/api/session", verify=str(certfile), timeout=2
                )
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert response is not None and response.status_code == 200
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert "; Secure" in response.headers["Set-Cookie"]
        with pytest.raises(requests.ConnectionError):
            requests.get(f"http://localhost:{port}/api/session", timeout=2)
    finally:
        process.terminate()
        process.communicate(timeout=10)
