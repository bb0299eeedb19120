"""deploy/: what can be checked on this machine — the nginx sites with `nginx -t` (Debian's
nginx, a temporary prefix), the systemd unit with `systemd-analyze verify`, the compose file
parsed and its services, volumes and settings checked."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
VOTING = Path(shutil.which("voting") or Path(__file__).resolve().parents[2] / ".venv/bin/voting")


def self_signed(folder: Path) -> None:
    """A throwaway certificate for the TLS site's syntax check."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "voting.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (folder / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def nginx_test(prefix: Path, sites: list[str]) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on `sites` as installed under /etc/nginx, moved into `prefix`."""
    (prefix / "snippets").mkdir()
    (prefix / "conf.d").mkdir()
    for name in sites:
        text = (DEPLOY / "nginx" / name).read_text("utf-8")
        text = text.replace("/etc/nginx/snippets/", f"{prefix}/snippets/")
        text = text.replace("/etc/voting/tls/", f"{prefix}/")
        (prefix / "conf.d" / name).write_text(text, "utf-8")
    shutil.copy(DEPLOY / "nginx" / "voting-locations.conf", prefix / "snippets")
    temp = " ".join(
        f"{kind}_temp_path {prefix}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\n"
        f"http {{ {temp} include {prefix}/conf.d/*.conf; }}\n",
        "utf-8",
    )
    return subprocess.run(
        ["nginx", "-t", "-p", str(prefix), "-e", f"{prefix}/error.log", "-c", "nginx.conf"],
        capture_output=True,
        text=True,
    )


needs_nginx = pytest.mark.skipif(shutil.which("nginx") is None, reason="scripts/setup installs it")


@needs_nginx
def test_the_nginx_sites_pass_nginx_t(tmp_path: Path) -> None:
    self_signed(tmp_path)
    checked = nginx_test(tmp_path, ["upstream.conf", "voting.conf", "voting-tls.conf"])
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


@needs_nginx
def test_nginx_t_is_a_real_check(tmp_path: Path) -> None:
    """Without the upstream the site names, the same check fails."""
    checked = nginx_test(tmp_path, ["voting.conf"])
    assert checked.returncode != 0 and "host not found in upstream" in checked.stderr


def test_the_site_proxies_websockets_with_ip_hash() -> None:
    upstream = (DEPLOY / "nginx" / "upstream.conf").read_text("utf-8")
    locations = (DEPLOY / "nginx" / "voting-locations.conf").read_text("utf-8")
    assert "ip_hash;" in upstream and "server 127.0.0.1:8000" in upstream
    assert "proxy_set_header Upgrade $http_upgrade;" in locations
    assert "proxy_set_header Connection $connection_upgrade;" in locations
    assert "proxy_read_timeout 1h;" in locations and "access_log off;" in locations
    compose = (DEPLOY / "nginx" / "upstream-compose.conf").read_text("utf-8")
    assert (
        compose.replace("voting:8000", "127.0.0.1:8000").splitlines()[1:]
        == (upstream.splitlines()[1:])
    )


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd here")
def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    unit = (DEPLOY / "systemd" / "voting.service").read_text("utf-8")
    assert "/opt/voting/bin/voting serve" in unit
    assert "Environment=VOTING_INSTANCE=/var/lib/voting" in unit and "User=voting" in unit
    (tmp_path / "voting.service").write_text(unit.replace("/opt/voting/bin/voting", str(VOTING)))
    checked = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "voting.service")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    (tmp_path / "broken.service").write_text(unit.replace("Type=simple", "Type=simpel"))
    broken = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "broken.service")],
        capture_output=True,
        text=True,
    )
    assert "simpel" in broken.stderr


def test_the_environment_template_names_only_known_variables() -> None:
    from voting.web.config import ENVIRONMENT

    known = {*ENVIRONMENT, "VOTING_INSTANCE", "VOTING_MESSAGE_QUEUE", "VOTING_PROXY"}
    for name in ("voting.env",):
        for line in (DEPLOY / "systemd" / name).read_text("utf-8").splitlines():
            setting = line.lstrip("#").split("=", 1)[0]
            if setting.startswith("VOTING_"):
                assert setting in known, setting


def test_the_compose_file_has_the_four_services() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text("utf-8"))
    services = compose["services"]
    assert set(services) == {"voting", "postgres", "redis", "nginx"}
    voting = services["voting"]
    assert voting["build"] == {"context": "..", "dockerfile": "deploy/Containerfile"}
    assert (DEPLOY / voting["build"]["dockerfile"].removeprefix("deploy/")).is_file()
    environment = voting["environment"]
    assert environment["VOTING_INSTANCE"] == "/var/lib/voting"
    assert environment["VOTING_DATABASE_URL"].startswith("postgresql+psycopg://voting:")
    assert "@postgres/voting" in environment["VOTING_DATABASE_URL"]
    assert environment["VOTING_MESSAGE_QUEUE"] == "redis://redis:6379/0"
    assert "voting-data:/var/lib/voting" in voting["volumes"]
    assert voting["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert set(compose["volumes"]) == {"voting-data", "postgres-data"}
    for mount in services["nginx"]["volumes"]:
        source = mount.split(":", 1)[0]
        assert (DEPLOY / source).is_file(), source
    assert services["nginx"]["ports"] == ["80:80"]
    containerfile = (DEPLOY / "Containerfile").read_text("utf-8")
    assert "npm run --silent build" in containerfile and "USER voting" in containerfile


def test_the_environment_file_reads_in_a_shell_as_in_systemd(tmp_path: Path) -> None:
    """voting-cli sources the file in sh; the quoted agency name keeps its spaces."""
    env = DEPLOY / "systemd" / "voting.env"
    shown = subprocess.run(
        ["sh", "-c", f'set -a; . "{env}"; printf "%s|%s" "$VOTING_AGENCY" "$VOTING_PUBLIC_URL"'],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == "Sở Công Thương tỉnh ...|http://192.168.1.10"


def test_voting_cli_runs_voting_as_the_service_user() -> None:
    script = DEPLOY / "systemd" / "voting-cli"
    assert subprocess.run(["sh", "-n", str(script)]).returncode == 0
    text = script.read_text("utf-8")
    assert "runuser -u voting" in text and "VOTING_INSTANCE=/var/lib/voting" in text
    assert ". /etc/voting/voting.env" in text and "/opt/voting/bin/voting" in text
    laptop = (DEPLOY / "systemd" / "laptop.conf").read_text("utf-8")
    assert "ExecStart=\nExecStart=/opt/voting/bin/voting serve --host 0.0.0.0" in laptop
