"""Helpers for the web tests: the app over a store, and a live server for the browser."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

# A hostile article written for the tests: markup in the title, the text and the outlet must come
# out escaped on every page.
HOSTILE_TITLE = 'Quarterly note <script>window.pwned=1</script>'
HOSTILE_TEXT = (
    "Garmin said on Monday that its quarterly shipments rose to 480,000 devices, "
    "<img src=x onerror=\"window.pwned=2\"> beating what analysts had pencilled in for the period. "
    "The device maker declined to comment on a report that it would cut prices again in the spring, "
    "and a spokesperson said the company <b>does not</b> discuss pricing plans in advance. "
    "Shares of the company rose 2% in early trading after the figures were published by the firm."
)
HOSTILE_OUTLET = "<i onmouseover=alert(3)>Wire</i>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(app):
    """The app served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
