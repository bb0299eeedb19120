"""Running the app under gunicorn from code, with gevent workers (docs/server.md "Running it").

An open connection costs a greenlet, not a thread: the room's followers (every voter page,
desk, kiosk, committee phone and projector keeps a WebSocket open) and slow or half-sent
requests cannot take the threads that casts need. Flask-SocketIO's deployment notes give
gunicorn's gevent worker for this; WebSockets go through simple-websocket on gevent's loop.
Ballot verification stays in a pool of processes (voting.conference.verifier), whose answers a
request's greenlet waits for without holding the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

# Seconds a client has to send a request's headers (and an idle keep-alive connection lasts):
# gunicorn's gevent worker reads each request's headers under a timeout of `keepalive`.
HEADER_SECONDS = 10
# Open connections one process holds (gevent's pool); past it, new ones wait in the backlog.
CONNECTIONS = 4000


class Server(BaseApplication):  # type: ignore[misc]
    """gunicorn's application, loading our Flask app in each worker."""

    def __init__(self, factory: Callable[[], Flask], options: Mapping[str, Any]) -> None:
        self.factory = factory
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.factory()


def options(
    host: str, port: int, workers: int = 1, connections: int = CONNECTIONS
) -> dict[str, Any]:
    """gunicorn settings: `workers` gevent processes on one socket. Several workers need a
    message queue (VOTING_MESSAGE_QUEUE) and WebSocket-only clients (the pages are): a
    WebSocket stays in the process that accepted it, so no sticky load balancing is needed."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gevent",
        "worker_connections": connections,
        "keepalive": HEADER_SECONDS,
        # On stop, requests in flight finish; open WebSockets (which never do) are then closed
        # and their pages reconnect to the next start.
        "graceful_timeout": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        # No runtime-management socket in the user's home: the service is stopped and started.
        "control_socket_disable": True,
    }
