"""Web commands, registered on `voting` by voting/cli.py: `serve` and `admin` (create, list,
passwd, disable)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable

import click

from voting.conference import accounts
from voting.conference.errors import ConferenceError
from voting.rules import RulesError
from voting.store import Role, unit
from voting.web import create_app, https
from voting.web.config import configured_rule_set
from voting.web.extensions import db
from voting.web.instance import InstanceError, prepare
from voting.web.server import CONNECTIONS, Server, options
from voting.web.startup import StartError, check_queue, settings, upgrade_database


def data_folder() -> None:
    """The checks of a real start (voting.web.instance, then VOTING_RULES), as one clear
    message each; the rule set new conferences will take is shown before anything starts."""
    try:
        prepare()
        rules = configured_rule_set(os.environ.get("VOTING_RULES", ""))
        https.proxies(os.environ.get("VOTING_PROXY"))
        https.enabled(os.environ.get("VOTING_HTTPS"))
    except RulesError as error:
        raise click.ClickException(f"VOTING_RULES: {error}") from error
    except (InstanceError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Bộ quy định / rule set: {rules.name} — {rules.title} (hash {rules.hash})")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Use 0.0.0.0 in the room.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--connections",
    default=CONNECTIONS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open connections a process holds (each room page keeps one).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes; more than one needs PostgreSQL and VOTING_MESSAGE_QUEUE.",
)
@click.option(
    "--certfile",
    type=click.Path(dir_okay=False, exists=True, readable=True),
    help="HTTPS: the certificate chain (PEM) of the name phones use.",
)
@click.option(
    "--keyfile",
    type=click.Path(dir_okay=False, exists=True, readable=True),
    help="HTTPS: the certificate's private key (PEM).",
)
def serve(
    host: str,
    port: int,
    connections: int,
    workers: int,
    certfile: str | None,
    keyfile: str | None,
) -> None:
    """Run the web server under gunicorn (gevent workers, WebSockets through simple-websocket).
    Configuration: VOTING_DATABASE_URL, VOTING_SECRET_KEY, VOTING_INSTANCE, VOTING_PUBLIC_URL,
    VOTING_MESSAGE_QUEUE, VOTING_RULES. The data folder is VOTING_INSTANCE, or /var/lib/voting
    when this user may write it."""
    if (certfile is None) != (keyfile is None):
        raise click.UsageError("HTTPS needs both --certfile and --keyfile")
    data_folder()
    if certfile and keyfile:
        os.environ["VOTING_HTTPS"] = "1"  # Secure cookies and HSTS in the app (voting.web.https)
    app = settings()
    try:
        upgrade_database(app)  # once, before any worker starts
        check_queue(app)
    except StartError as error:
        raise click.ClickException(str(error)) from error
    if workers > 1 and not app.config["MESSAGE_QUEUE"]:
        raise click.ClickException(
            "--workers above 1 needs VOTING_MESSAGE_QUEUE (redis://…): without it a page "
            "follows only the changes made in its own process"
        )
    server_settings = options(host, port, workers, connections)
    if certfile and keyfile:
        server_settings |= {"certfile": certfile, "keyfile": keyfile}
    factory = functools.partial(create_app, {"WORKERS": workers})
    Server(factory, server_settings).run()


@click.group("db")
def database() -> None:
    """The database's schema."""


@database.command("upgrade")
def upgrade() -> None:
    """Apply the migrations not yet applied (also done by `voting serve` before its workers
    start). Configuration: VOTING_DATABASE_URL or VOTING_INSTANCE."""
    try:
        shown = upgrade_database(settings())
    except StartError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Cơ sở dữ liệu đã cập nhật / database schema up to date: {shown}")


@click.group("admin")
def admin() -> None:
    """Accounts of the organiser, leadership and head."""


def _password(from_stdin: bool) -> str:
    """The password from standard input, or asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt("Mật khẩu / password", hide_input=True, confirmation_prompt=True)
    return password


def _run(work: Callable[[], str]) -> None:
    """Run `work` on the configured database (after the checks of a real start) as one unit
    of work: committed if it ends, rolled back on a refusal; print what it says, or the
    refusal."""
    data_folder()
    with create_app().app_context():
        try:
            with unit.unit_of_work(db()):
                said = work()
        except ConferenceError as error:
            raise click.ClickException(f"{error.message} ({error.message_en})") from error
        click.echo(said)


@admin.command("create")
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--username", required=True)
@click.option("--display-name", default="", help="How documents name the person.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def admin_create(role: str, username: str, display_name: str, password_stdin: bool) -> None:
    """Create an account (asks for the password twice unless --password-stdin)."""
    password = _password(password_stdin)

    def work() -> str:
        user = accounts.create(db(), username, role, password, display_name)
        return f"Đã tạo tài khoản / created: {user.username} ({user.role})"

    _run(work)


@admin.command("list")
def admin_list() -> None:
    """Every account: username, role, display name, whether disabled."""

    def work() -> str:
        return (
            "\n".join(
                "\t".join(
                    (
                        user.username,
                        user.role,
                        user.display_name or "-",
                        "đã khóa / disabled" if user.disabled else "hoạt động / active",
                    )
                )
                for user in accounts.every(db())
            )
            or "Chưa có tài khoản nào / no account"
        )

    _run(work)


@admin.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def admin_passwd(username: str, password_stdin: bool) -> None:
    """Set a new password for USERNAME (asks twice unless --password-stdin)."""
    password = _password(password_stdin)

    def work() -> str:
        accounts.set_password(db(), accounts.get(db(), username), password)
        return f"Đã đổi mật khẩu / password changed: {username}"

    _run(work)


@admin.command("disable")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Enable the account again.")
def admin_disable(username: str, enable: bool) -> None:
    """Disable USERNAME: it can no longer log in and its sessions end (--enable: undo)."""

    def work() -> str:
        user = accounts.set_disabled(db(), username, not enable)
        state = "đã khóa / disabled" if user.disabled else "đã mở lại / enabled"
        return f"{user.username}: {state}"

    _run(work)
