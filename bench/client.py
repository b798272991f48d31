"""A small keep-alive HTTP client on http.client, and logging in as a browser would.

One connection is reused for every request, as a browser does, so the figures measure the app
and not TCP set-up. Timing runs from sending the request to the last byte of the body.
"""

import http.client
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.server import HOST

CHUNK = 64 * 1024
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]
    seconds: float


class Client:
    def __init__(self, port: int, cookies: dict[str, str] | None = None, timeout: float = 60):
        self.port, self.timeout = port, timeout
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection(HOST, port, timeout=timeout)

    def close(self) -> None:
        self.connection.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        sink: Callable[[bytes], None] | None = None,
    ) -> Response:
        """Send a request and read the whole response; `sink` receives a streamed body instead."""
        headers = {"Host": f"{HOST}:{self.port}", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection; one fresh try is fair.
                self.connection.close()
                if attempt == 2:
                    raise
        content = self._read(response, sink)
        seconds = time.perf_counter() - started
        self._keep_cookies(response)
        return Response(response.status, content, dict(response.getheaders()), seconds)

    def get(self, path: str, headers: dict[str, str] | None = None, **kwargs) -> Response:
        return self.request("GET", path, headers=headers, **kwargs)

    @staticmethod
    def _read(response: http.client.HTTPResponse, sink) -> bytes:
        if sink is None:
            return response.read()
        while chunk := response.read(CHUNK):
            sink(chunk)
        return b""

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value


def login(port: int, username: str, password: str) -> dict[str, str]:
    """Log in through the login form (CSRF cookie and token included); returns the cookies."""
    client = Client(port)
    try:
        page = client.get("/login/")
        token = _CSRF_INPUT.search(page.body.decode())
        if page.status != 200 or token is None:
            raise RuntimeError(f"GET /login/ gave {page.status} without a CSRF token")
        form = {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        done = client.request("POST", "/login/", headers=headers, body=urlencode(form).encode())
        if done.status != 302 or "sessionid" not in client.cookies:
            raise RuntimeError(f"POST /login/ gave {done.status}; the bench user could not log in")
        return client.cookies
    finally:
        client.close()
