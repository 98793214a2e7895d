"""A calendar file through the real server: read off the event loop (the server keeps
answering while it is read), a hostile one refused before it is saved, and a saved one that
breaks later blocks neither the desk page nor other settings."""

from __future__ import annotations

import http.client
import json
import os
import re
import threading
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import pytest

from isohold.services.calendar import BusyCalendar
from tests.services.test_calendar import REFUSED, SECONDLY, ics
from tests.support.clocks import ZONE
from tests.support.profiles import profile_dict
from tests.support.servers import LiveServer


def _call(server: LiveServer, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    data = None if body is None else json.dumps(body)
    conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    text = response.read().decode()
    conn.close()
    return response.status, json.loads(text) if text.startswith(("{", "[")) else text


@pytest.fixture
def desk_worker(workday_live: LiveServer) -> LiveServer:
    """A desk worker at midday on a Monday, in office hours (the default schedule)."""
    live = workday_live
    profile = profile_dict(conditions=["neck_pain", "desk_worker"], goals=["desk_breaks"])
    assert _call(live, "POST", "/api/v1/onboard", {"profile": profile})[0] == 200
    assert _call(live, "POST", "/api/v1/desk/settings", {"tz": ZONE})[0] == 200
    return live


def test_a_calendar_is_read_off_the_event_loop(
    desk_worker: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading, release = threading.Event(), threading.Event()
    real = BusyCalendar.busy

    def slow(self: BusyCalendar, start: datetime, end: datetime, home: tzinfo) -> Any:
        reading.set()
        release.wait(60)  # a calendar that takes long to read
        return real(self, start, end, home)

    monkeypatch.setattr(BusyCalendar, "busy", slow)
    path = ics(tmp_path, "DTSTART:20261019T100000Z\r\nDTEND:20261019T110000Z")
    answer: list[Any] = []
    saving = threading.Thread(target=lambda: answer.append(
        _call(desk_worker, "POST", "/api/v1/desk/settings", {"calendar": str(path)})))  # fmt: skip
    saving.start()
    try:
        assert reading.wait(30)
        # while the calendar is being read, the server still answers
        assert _call(desk_worker, "GET", "/api/v1/health") == (200, {"status": "ok"})
    finally:
        release.set()
        saving.join(60)
    assert answer[0][0] == 200 and answer[0][1]["calendar"] == str(path)


def test_a_hostile_calendar_is_refused_and_the_server_goes_on(
    desk_worker: LiveServer, tmp_path: Path
) -> None:
    bomb = ics(tmp_path, SECONDLY, name="bomb.ics")
    status, body = _call(desk_worker, "POST", "/api/v1/desk/settings", {"calendar": str(bomb)})
    assert status == 422 and body["field"] == "calendar"
    assert _call(desk_worker, "GET", "/api/v1/desk")[1]["status"]["settings"]["calendar"] is None
    assert _call(desk_worker, "GET", "/api/v1/health")[0] == 200


def test_a_saved_calendar_that_breaks_later_blocks_nothing(
    desk_worker: LiveServer, tmp_path: Path
) -> None:
    path = ics(tmp_path, "DTSTART:20261019T100000Z\r\nDTEND:20261019T110000Z")
    assert _call(desk_worker, "POST", "/api/v1/desk/settings",
                 {"calendar": str(path)})[0] == 200  # fmt: skip
    path.write_text(ics(tmp_path, SECONDLY, name="later.ics").read_text())
    os.utime(path, (1_900_000_000, 1_900_000_000))
    status, doc = _call(desk_worker, "GET", "/api/v1/desk")
    assert status == 200 and re.search(REFUSED, doc["status"]["warning"])
    conn = http.client.HTTPConnection("127.0.0.1", desk_worker.port, timeout=30)
    conn.request("GET", "/desk")
    assert conn.getresponse().status == 200
    conn.close()
    status, settings = _call(desk_worker, "POST", "/api/v1/desk/settings", {"interval_min": 30})
    assert status == 200 and settings["interval_min"] == 30
