"""Web commands, registered on `voting` by voting/cli.py: `serve` and `admin` (create, list,
passwd, disable)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from voting.conference import accounts
from voting.conference.errors import ConferenceError
from voting.store import Role
from voting.web import create_app
from voting.web.extensions import db
from voting.web.server import Server, options


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Use 0.0.0.0 in the room.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=100, show_default=True, type=int, help="Open connections.")
def serve(host: str, port: int, threads: int) -> None:
    """Run the web server under gunicorn (gthread, WebSockets through simple-websocket).
    Configuration: VOTING_DATABASE_URL, VOTING_SECRET_KEY, VOTING_INSTANCE, VOTING_PUBLIC_URL."""
    Server(create_app, options(host, port, threads)).run()


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
    """Run `work` on the configured database; print what it says, or the refusal."""
    with create_app().app_context():
        try:
            click.echo(work())
        except ConferenceError as error:
            raise click.ClickException(f"{error.message} ({error.message_en})") from error


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
        accounts.set_password(db(), username, password)
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
