"""A socketserver-based HTTP server bound at once and served from a daemon thread: the shape
the dev gateway and the moto server share."""
from __future__ import annotations

import socketserver
import threading
from typing import Any


class ServedInThread:
    server: socketserver.BaseServer  # bound by the subclass's __init__, so a taken port fails there
    thread_name = "server"

    @property
    def url(self) -> str:
        address: Any = self.server.server_address  # (host, port) for the TCP servers here
        host, port = address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self._thread = threading.Thread(target=self.server.serve_forever, name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def wait(self) -> None:
        """Until the server stops (Ctrl-C reaches the caller)."""
        while getattr(self, "_thread", None) and self._thread.is_alive():
            self._thread.join(timeout=0.5)

    def stop(self) -> None:
        if getattr(self, "_thread", None):
            self.server.shutdown()
            self._thread.join(timeout=5)
        self.server.server_close()
