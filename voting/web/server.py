"""Running the app under gunicorn from code: one process, many threads (gthread), WebSockets
through simple-websocket (design.md "Real components")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]


class Server(BaseApplication):  # type: ignore[misc]
    """gunicorn's application, loading our Flask app in the worker."""

    def __init__(self, factory: Callable[[], Flask], options: Mapping[str, Any]) -> None:
        self.factory = factory
        self.options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.factory()


def options(host: str, port: int, threads: int) -> dict[str, Any]:
    """gunicorn settings. One worker: Socket.IO keeps each client's session in the process that
    serves it; more processes need nginx ip_hash and a message queue (later work)."""
    return {
        "bind": f"{host}:{port}",
        "workers": 1,
        "worker_class": "gthread",
        # A WebSocket (projector, desk) holds a thread for as long as it is open.
        "threads": threads,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        # No runtime-management socket in the user's home: the service is stopped and started.
        "control_socket_disable": True,
    }
