"""Alerts worked out ahead (services/alerts_ahead.py): every linked patient's alerts are kept
once a clinic server starts, so a clinician's first list of the day computes none of them;
the next round comes just after midnight; only `isohold serve` in clinic mode runs it."""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from isohold.services import alerts as alerts_service
from isohold.services import alerts_ahead
from isohold.services.settings import Settings
from isohold.web.app import _alerts_ahead
from tests.support.workspace import Clinic, clinic, start, train


def _stopped_sessions(c: Clinic) -> None:
    for who in ("ana", "ben", "zoe"):
        start(c, who, pain_now=3)
    assert train(c, "ana", pain=6) == "stopped"


def test_the_first_list_finds_every_linked_patients_alerts_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with clinic(tmp_path) as c:
        _stopped_sessions(c)
        assert alerts_ahead.compute_ahead(c.ctx) == 3  # ana and ben (doc's), zoe (other-doc's)
        computed: list[object] = []
        real = alerts_service.alerts_of

        def counted(*args: Any, **kwargs: Any) -> Any:
            computed.append(args[1])
            return real(*args, **kwargs)

        monkeypatch.setattr("isohold.services.alert_acks.alerts_of", counted)
        c.sign_in("doc")
        listed = c.client.get("/api/v1/patients").json()
        assert [a["code"] for a in listed[0]["alerts"]] == ["stop_rule"]
        assert computed == []  # none computed while the clinician waited
        assert train(c, "ben", pain=2) == "complete"  # ben's data changes: only ben again
        c.client.get("/api/v1/patients")
        assert computed == [[c.person("ben")]]


def test_the_server_task_works_them_out_at_start(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        _stopped_sessions(c)
        person = c.person("ana")

        async def run_a_while() -> None:
            task = asyncio.create_task(alerts_ahead.keep_ahead(c.ctx))
            deadline = time.monotonic() + 120  # a hang guard, not a time budget
            try:
                while ("alerts", person) not in c.ctx.computed:
                    assert time.monotonic() < deadline and not task.done()
                    await asyncio.sleep(0.01)
            finally:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task

        asyncio.run(run_a_while())
        assert [a.code for a in c.ctx.computed[("alerts", person)].value] == ["stop_rule"]


@pytest.mark.parametrize(
    ("now", "seconds"),
    [(datetime(2026, 11, 30, 23, 59, 30), 30 + alerts_ahead.AFTER_MIDNIGHT_S),
     (datetime(2026, 11, 30, 0, 0, 0), 86_400 + alerts_ahead.AFTER_MIDNIGHT_S),
     (datetime(2026, 12, 31, 12, 0, 0), 43_200 + alerts_ahead.AFTER_MIDNIGHT_S)],
)  # fmt: skip
def test_the_next_round_comes_just_after_midnight(now: datetime, seconds: float) -> None:
    assert alerts_ahead.seconds_to_tomorrow(now) == seconds


@pytest.mark.parametrize(
    ("clinic_mode", "server", "runs"),
    [(True, True, True), (True, False, False), (False, True, False)],
)
def test_only_a_clinic_server_runs_it(
    tmp_path: Path, clinic_mode: bool, server: bool, runs: bool
) -> None:
    settings = Settings.load(clinic=clinic_mode or None, access_token=False)
    with clinic(tmp_path) as c:

        async def started() -> bool:
            task = _alerts_ahead(c.ctx, settings, server)
            if task is None:
                return False
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
            return True

        assert asyncio.run(started()) is runs
