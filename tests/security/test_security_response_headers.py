"""Response headers say what they must once and nothing a prober can use (issue 15, item 19).

The CSV download said ``charset=utf-8`` twice in its ``Content-Type``; the served process
announced ``Server: waitress`` on every response.
"""

from __future__ import annotations

import http.client
import threading

import pytest

from claims_app.server import make_server


@pytest.mark.parametrize(("fmt", "expected"), [
    ("csv", "text/csv; charset=utf-8"),
    ("json", "application/json"),
    ("jsonl", "application/x-ndjson"),
    ("claimreview", "application/ld+json"),
])
def test_each_export_download_names_its_type_and_charset_once(
        client, auth, fmt: str, expected: str) -> None:
    auth.login("viewer")
    response = client.get(f"/export/?format={fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == expected
    assert response.headers["Content-Type"].count("charset") <= 1


def test_the_served_process_sends_no_server_header(app) -> None:
    server = make_server(app, host="127.0.0.1", port=0, threads=1)
    port = server.effective_port
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for path in ("/login", "/static/app.css", "/no-such-page"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            conn.close()
            assert response.getheader("Server") is None, path
            assert response.getheader("Via") is None, path
    finally:
        # Closed inside the serving thread (waitress runs thunks handed to its trigger
        # there): closed from this thread, the loop could be in select() on the sockets
        # being closed and fail with EBADF. The clients closed their connections, so the
        # loop's map empties and the thread ends.
        server.trigger.pull_trigger(server.close)
        thread.join(timeout=10)
        assert not thread.is_alive(), "the server's loop did not stop"
