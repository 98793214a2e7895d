"""`isohold serve` as a user starts it: bad ports and hosts, IPv6 loopback, the access token."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from isohold.web.access import human_users, token_by_default
from tests.support.commands import Run
from tests.support.servers import free_port


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]"])
@pytest.mark.parametrize("port", ["0", "65536", "99999", "-1"])
def test_a_port_out_of_range_is_refused_for_every_host_form(
    isohold: Run, host: str, port: str, tmp_path: Path
) -> None:
    out = isohold("serve", "--host", host, "--port", port, "--db", f"sqlite:///{tmp_path}/s.db")
    assert out.returncode == 2, out.stderr
    assert "port" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "[::]", "example.org", "[127.0.0.1"])
def test_a_non_loopback_host_is_refused_with_exit_code_2(
    isohold: Run, host: str, tmp_path: Path
) -> None:
    out = isohold("serve", "--host", host, "--db", f"sqlite:///{tmp_path}/s.db")
    assert out.returncode == 2, out.stderr
    assert "--host" in out.stderr and "Traceback" not in out.stderr


def test_a_bad_time_scale_is_a_named_error(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "isohold", "serve", "--db", f"sqlite:///{tmp_path}/s.db"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ISOHOLD_TIME_SCALE": "abc"},
    )  # fmt: skip
    assert out.returncode == 2, out.stderr
    assert "ISOHOLD_TIME_SCALE" in out.stderr and "Traceback" not in out.stderr


@contextmanager
def serving(tmp_path: Path, *args: str) -> Iterator[tuple[subprocess.Popen[str], str, int]]:
    """`isohold serve` in a subprocess; yields it, its first line of output and its port once it
    accepts connections."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "isohold", "serve", "--port", str(port),
         "--db", f"sqlite:///{tmp_path}/served.db", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        family = socket.AF_INET6 if "[::1]" in first else socket.AF_INET
        address = "::1" if family == socket.AF_INET6 else "127.0.0.1"
        deadline = time.monotonic() + 30  # a safety net: the loop ends when the server listens
        while True:
            assert proc.poll() is None, proc.communicate()[1]
            try:
                socket.create_connection((address, port), timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start listening"
                time.sleep(0.05)
        yield proc, first, port
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def _get(address: str, port: int, path: str, host: str, cookie: str = "") -> tuple[int, str, str]:
    conn = http.client.HTTPConnection(address, port, timeout=10)
    headers = {"Host": host, **({"Cookie": cookie} if cookie else {})}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, body, response.headers.get("set-cookie", "")


def test_ipv6_loopback_in_brackets_is_served(tmp_path: Path) -> None:
    with serving(tmp_path, "--host", "[::1]", "--no-token") as (_proc, first, port):
        assert f"http://[::1]:{port}/" in first
        status, body, _ = _get("::1", port, "/api/v1/health", f"[::1]:{port}")
    assert (status, json.loads(body)) == (200, {"status": "ok"})


def test_the_access_token_lets_in_only_the_browser_with_the_link(tmp_path: Path) -> None:
    with serving(tmp_path, "--token") as (_proc, first, port):
        host = f"127.0.0.1:{port}"
        link = first.split()[first.split().index("at") + 1]
        assert link.startswith(f"http://{host}/login?code=")
        path = link.removeprefix(f"http://{host}")
        assert _get("127.0.0.1", port, "/api/v1/stats", host)[0] == 401
        assert _get("127.0.0.1", port, "/", host)[0] == 401
        assert _get("127.0.0.1", port, "/api/v1/health", host)[0] == 200  # contract 5
        assert _get("127.0.0.1", port, "/api/v1/exercises/side-plank", host)[0] == 200
        assert _get("127.0.0.1", port, "/login?code=guess", host)[0] == 403
        status, _, cookie = _get("127.0.0.1", port, path, host)
        assert status == 303 and "HttpOnly" in cookie and "SameSite=strict" in cookie
        jar = cookie.split(";", 1)[0]
        assert _get("127.0.0.1", port, "/api/v1/today", host, jar)[0] == 404  # in, no profile
        assert _get("127.0.0.1", port, path, host)[0] == 403  # the link works once
        assert _get("127.0.0.1", port, "/api/v1/stats", host, "isohold_access=forged")[0] == 401


def test_without_the_token_the_printed_address_is_the_plain_one(tmp_path: Path) -> None:
    with serving(tmp_path, "--no-token") as (_proc, first, port):
        assert f"http://127.0.0.1:{port}/ " in first
        assert _get("127.0.0.1", port, "/api/v1/health", f"127.0.0.1:{port}")[0] == 200


def _passwd(tmp_path: Path, *users: tuple[int, str]) -> Path:
    lines = ["root:x:0:0:root:/root:/bin/bash", "nobody:x:65534:65534::/nonexistent:/bin/sh"]
    lines += [f"u{uid}:x:{uid}:{uid}::/home/u{uid}:{shell}" for uid, shell in users]
    path = tmp_path / "passwd"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_token_is_on_by_default_with_more_than_one_person(tmp_path: Path) -> None:
    one = _passwd(tmp_path, (1000, "/bin/bash"), (1001, "/usr/sbin/nologin"), (999, "/bin/sh"))
    assert human_users(one) == 1 and token_by_default(one) is False
    two = _passwd(tmp_path, (1000, "/bin/bash"), (1001, "/bin/zsh"))
    assert human_users(two) == 2 and token_by_default(two) is True
    assert human_users(tmp_path / "missing") == 0
    odd = tmp_path / "odd"
    odd.write_text("x:x:²:1::/home/x:/bin/sh\nbroken line\ny:x:1002:1::/home/y:/bin/bash\n")
    assert human_users(odd) == 1


def test_this_machine_decides_the_default(tmp_path: Path) -> None:
    """Without --token/--no-token, `isohold serve` follows /etc/passwd."""
    expected = token_by_default()
    with serving(tmp_path) as (_proc, first, port):
        assert ("/login?code=" in first) is expected
        status = _get("127.0.0.1", port, "/api/v1/stats", f"127.0.0.1:{port}")[0]
    assert (status == 401) is expected


def test_serve_reports_a_database_it_cannot_use_without_a_traceback(tmp_path: Path) -> None:
    """A full disk at start: the database file cannot grow (file-size limit of 0 bytes)."""
    import resource

    def no_room() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    out = subprocess.run(
        [sys.executable, "-m", "isohold", "serve", "--port", str(free_port()),
         "--db", f"sqlite:///{tmp_path}/full.db"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60, preexec_fn=no_room,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert out.returncode == 4, out.stderr
    assert "Traceback" not in out.stderr and "database" in out.stderr


def test_a_taken_port_is_a_clear_message_and_the_data_is_named(tmp_path: Path) -> None:
    """Issue 18, finding 12: no 'running at' followed by an error; where the data lives."""
    with serving(tmp_path, "--no-token") as (proc, _first, port):
        out = subprocess.run(
            [sys.executable, "-m", "isohold", "serve", "--port", str(port), "--no-token",
             "--db", f"sqlite:///{tmp_path}/other.db"],
            capture_output=True, text=True, cwd=tmp_path, timeout=60,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )  # fmt: skip
        assert proc.stdout is not None
        data_line = proc.stdout.readline()
    assert out.returncode == 2, out.stderr
    assert f"{port} is already in use" in out.stderr and "running at" not in out.stdout
    assert "Traceback" not in out.stderr
    assert data_line.strip() == f"Your data: {tmp_path}/served.db"
