"""`isohold serve --tls-cert F --tls-key F --workers 3`: HTTPS on every worker, with HSTS and
the security headers on every answer, the Origin check on the https origin and the body limit;
TLS files that cannot work are one clear error before the server starts."""

from __future__ import annotations

import http.client
import json
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from tests.serving.server import serving
from tests.support.commands import Run

pytestmark = pytest.mark.skipif(
    shutil.which("openssl") is None, reason="openssl (Debian's package) makes test certificates"
)
REQUESTS = 30


def _certificate(folder: Path, name: str = "server") -> tuple[Path, Path]:
    cert, key = folder / f"{name}.pem", folder / f"{name}-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    return cert, key


def _https(port: int, cert: Path, method: str, path: str, headers: dict[str, str],
           body: object = None) -> tuple[int, http.client.HTTPMessage]:  # fmt: skip
    context = ssl.create_default_context(cafile=str(cert))
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    data = None if body is None else json.dumps(body).encode()
    conn.request(method, path, body=data, headers={**headers, "Host": f"127.0.0.1:{port}",
                                                   "Content-Type": "application/json"})  # fmt: skip
    answer = conn.getresponse()
    answer.read()
    conn.close()
    return answer.status, answer.headers


def test_every_worker_answers_over_https_with_hsts(tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path)
    url = f"sqlite:///{tmp_path / 'tls.db'}"
    with serving(url, "--no-token", "--tls-cert", str(cert), "--tls-key", str(key),
                 home=tmp_path, workers=3) as served:  # fmt: skip
        assert f"https://127.0.0.1:{served.port}/" in served.banner
        # a new connection each time: any of the workers answers
        answers = [_https(served.port, cert, "GET", "/api/v1/health", {})
                   for _ in range(REQUESTS)]  # fmt: skip
        own = {"Origin": f"https://127.0.0.1:{served.port}", "Sec-Fetch-Site": "same-origin"}
        plan = {
            "age": 40,
            "conditions": ["low_back_pain"],
            "goals": ["pain_relief"],
            "irritability": "low",
            "pain_now": 2,
            "red_flags": [],
            "equipment": ["none"],
        }
        onboard = _https(served.port, cert, "POST", "/api/v1/onboard", own, {"profile": plan})
        too_big = {**own, "Content-Length": str(2 * 1024 * 1024)}
        oversized = [_https(served.port, cert, "POST", "/api/v1/onboard", too_big)[0]
                     for _ in range(REQUESTS // 3)]  # fmt: skip
        plain_origin = {"Origin": f"http://127.0.0.1:{served.port}"}
        refused = _https(served.port, cert, "POST", "/api/v1/onboard", plain_origin,
                         {"profile": plan})  # fmt: skip
    assert {status for status, _ in answers} == {200}
    for _, headers in answers:
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert onboard[0] == 200
    assert refused[0] == 403
    assert set(oversized) == {413}


def test_tls_files_that_cannot_work_are_named_before_serving(isohold: Run, tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path)
    _other_cert, other_key = _certificate(tmp_path, "other")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    cases = [
        (["--tls-cert", str(cert)], "--tls-key"),
        (["--tls-cert", str(cert), "--tls-key", str(tmp_path / "missing.pem")], "--tls-key"),
        (["--tls-cert", str(cert), "--tls-key", str(other_key)], "--tls-cert"),
        (["--tls-cert", str(key), "--tls-key", str(key)], "--tls-cert"),
        (["--tls-cert", str(cert), "--tls-key", str(key), "--behind-proxy"], "--behind-proxy"),
    ]
    for args, field in cases:
        out = isohold("serve", "--no-token", "--db", db, *args)
        assert out.returncode == 2, (args, out.stderr)
        assert field in out.stderr and "Traceback" not in out.stderr, (args, out.stderr)
