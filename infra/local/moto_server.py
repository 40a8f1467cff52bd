"""moto's server on 127.0.0.1, bound in the caller's thread, one request at a time.

moto's ThreadedMotoServer binds inside its thread: when the port is taken, werkzeug prints an
error and exits that thread, and `start()` waits forever. Here the socket is bound first, so a
taken port is an OSError at once, and werkzeug serves moto's own WSGI app on it.

AWS applies each request atomically; moto's backends do not when requests run in parallel
threads: a DynamoDB transaction checks and writes its items without a lock and, when a condition
fails, puts back the items as it found them, erasing what other requests wrote to them in
between. So the app runs one request at a time. moto runs under the GIL anyway, so
little is lost, and the functions' own work (validation, signing) still runs in parallel.
"""
from __future__ import annotations

import logging
import socket
import threading

from werkzeug.serving import make_server

from infra.local.serving import ServedInThread


class _OneAtATime:
    """A WSGI app that runs the wrapped one for one request at a time, body included."""

    def __init__(self, app):
        self.app = app
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            result = self.app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()


class MotoServer(ServedInThread):
    thread_name = "moto-server"

    def __init__(self, port: int = 0, host: str = "127.0.0.1"):
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

        from infra.local import moto_fixes

        moto_fixes.apply()

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto logs every request otherwise
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen(128)
            app = _OneAtATime(DomainDispatcherApplication(create_backend_app))
            self.server = make_server(host, port, app, threaded=True, request_handler=MotoRequestHandler,
                                      fd=listener.fileno())
        finally:
            listener.close()  # the server holds its own duplicate of the socket
