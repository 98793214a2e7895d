"""The blood-pressure program through the JSON API, on a real SQLite file and a clock on Monday
30 November 2026: recorded readings imported (JSON and CSV), the home week's averages and the
day's gate using them, the change since the start and the responder view, bad readings refused
naming the field with nothing saved, and the wall-squat test's result setting the plan's angle."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.support import home_bp
from tests.support.profiles import profile_dict

HYPERTENSION = profile_dict(**home_bp.HYPERTENSION)


def _week(start: datetime, first: tuple[int, int], rest: tuple[int, int]) -> list[dict[str, Any]]:
    """A guided home week: two readings morning and evening for 7 days."""
    out = []
    for d in range(7):
        systolic, diastolic = first if d == 0 else rest
        for hour, minute in ((7, 0), (7, 2), (19, 0), (19, 2)):
            at = (start + timedelta(days=d)).replace(hour=hour, minute=minute)
            out.append({"measured_at": at.isoformat(), "systolic": systolic,
                        "diastolic": diastolic, "position": "seated"})  # fmt: skip
    return out


def _onboard(client: TestClient, **changes: Any) -> None:
    body = {"profile": {**HYPERTENSION, **changes}}
    assert client.post("/api/v1/onboard", json=body).status_code == 200


def _wall_sit_angle(client: TestClient) -> float | None:
    blocks = client.get("/api/v1/today").json()["plan"]["program"]["blocks"]
    return next(b["joint_angle_deg"] for b in blocks if b["exercise"] == "wall-sit")


def test_a_home_week_gives_its_average_and_the_gate_uses_it(workday_client: TestClient) -> None:
    client = workday_client
    _onboard(client)
    readings = _week(datetime(2026, 11, 23), (168, 99), (147, 88))
    out = client.post("/api/v1/bp/readings", json={"readings": readings}).json()
    assert (out["saved"], out["repeated"]) == (28, 0)
    again = client.post("/api/v1/bp/readings", json=readings).json()  # a bare list too
    assert (again["saved"], again["repeated"]) == (0, 28)
    summary = client.get("/api/v1/bp/summary").json()
    latest = summary["latest"]
    assert (latest["systolic"], latest["diastolic"]) == (147, 88)
    assert latest["first_day_left_out"] == 4 and latest["averaged"] == 24
    assert summary["home_gate"] == {"systolic": 145, "diastolic": 90, "at_or_above": True}
    error = summary["measurement_error"]
    assert error["systolic_mmhg"] == 15 and "doi:10.1097/HJH.0000000000003026" in error["text"]
    # today's own reading is fine, but the home average holds blood-pressure training back
    verdict = client.post("/api/v1/bp", json={"systolic": 134, "diastolic": 84}).json()
    assert verdict["verdict"]["code"] == "no_bp_training"
    gate = client.get("/api/v1/gate").json()
    assert gate["code"] == "no_bp_training" and "147/88" in gate["text"]
    # and the wall-squat test waits with it
    setup = client.get("/api/v1/bp/test").json()["setup"]
    assert setup["allowed"] is False and "147/88" in setup["reason"]
    stages = [{"hr": 80}, {"hr": 90}]
    refused = client.post("/api/v1/bp/test", json={"stages": stages})
    assert refused.status_code == 409 and "147/88" in refused.json()["detail"]
    assert _wall_sit_angle(client) is None


def test_a_crisis_reading_stops_the_day_even_with_a_fine_home_average(
    workday_client: TestClient,
) -> None:
    client = workday_client
    _onboard(client)
    client.post("/api/v1/bp/readings", json=_week(datetime(2026, 11, 23), (150, 90), (131, 82)))
    week = client.get("/api/v1/bp/week").json()
    assert week["home_gate"]["at_or_above"] is False and week["latest"]["systolic"] == 131
    assert client.post("/api/v1/bp", json={"systolic": 132, "diastolic": 82}).status_code == 200
    assert client.get("/api/v1/gate").json()["code"] == "go"
    client.post("/api/v1/bp", json={"systolic": 186, "diastolic": 96})
    assert client.get("/api/v1/gate").json()["code"] == "no_exercise"
    assert client.get("/api/v1/bp/test").json()["setup"]["allowed"] is False
    refused = client.post("/api/v1/bp/test", json={"stages": [{"hr": 80}, {"hr": 90}]})
    assert refused.status_code == 409


def test_csv_readings_and_the_week_in_progress(workday_client: TestClient) -> None:
    client = workday_client
    _onboard(client)
    csv = (
        "measured_at,systolic,diastolic,pulse,position\n"
        "2026-11-29T07:00,138,86,64,seated\n"
        "2026-11-29T07:02,136,85,,seated\n"
        "2026-11-30T07:00,134,84,62,\n"
    )
    out = client.post("/api/v1/bp/readings", json={"csv": csv}).json()
    assert out["saved"] == 3
    week = client.get("/api/v1/bp/week").json()
    assert week["current"]["readings"] == 3 and week["latest"] is None
    assert week["days"][0] == {"day": 1, "morning": 2, "evening": 0}
    assert week["days"][1] == {"day": 2, "morning": 1, "evening": 0}
    assert week["guide"]


def test_bad_readings_are_refused_naming_the_field_and_nothing_is_saved(
    workday_client: TestClient,
) -> None:
    client = workday_client
    _onboard(client)
    good = {"measured_at": "2026-11-29T07:00", "systolic": 138, "diastolic": 86}
    cases: list[tuple[Any, str]] = [
        ([good, {**good, "systolic": 30}], "readings[1].systolic"),
        ([good, {**good, "measured_at": "yesterday"}], "readings[1].measured_at"),
        ([good, {**good, "measured_at": "2026-11-29T07:00+01:00"}], "readings[1].measured_at"),
        ([good, {**good, "pulse": "66"}], "readings[1].pulse"),
        ([{**good, "cuff": "x"}], "readings[0]"),
        ([], "readings"),
        ({"readings": "many"}, "readings"),
    ]
    for body, field in cases:
        out = client.post("/api/v1/bp/readings", json=body)
        assert out.status_code == 422, body
        assert out.json()["field"] == field, out.json()
    bad_csv = "measured_at,systolic,diastolic\n2026-11-29T07:00,138,86\n2026-11-29T07:02,1e3,86\n"
    out = client.post("/api/v1/bp/readings", json={"csv": bad_csv})
    assert out.status_code == 422 and out.json()["field"] == "row 3: systolic"
    out = client.post("/api/v1/bp/readings", json={"csv": 12})
    assert out.status_code == 422 and out.json()["field"] == "csv"
    assert client.post("/api/v1/bp/readings", content=b"{", headers={
        "content-type": "application/json"}).json()["field"] == "body"  # fmt: skip
    assert client.get("/api/v1/bp/summary").json()["weeks"] == []


def test_the_change_since_the_start_and_the_responder_view(workday_client: TestClient) -> None:
    client = workday_client
    _onboard(client)
    readings = _week(datetime(2026, 9, 21), (150, 92), (146, 89))
    readings += _week(datetime(2026, 10, 19), (140, 88), (140, 87))
    readings += _week(datetime(2026, 11, 23), (140, 88), (128, 81))
    assert client.post("/api/v1/bp/readings", json=readings).json()["saved"] == 84
    summary = client.get("/api/v1/bp/summary").json()
    assert [w["systolic"] for w in summary["weeks"]] == [146, 140, 128]
    change = summary["change"]
    assert change["systolic"] == -18 and change["beyond_measurement_error"] is True
    assert change["measurement_error_systolic"] == 15
    responder = summary["responder"]
    assert responder["ready"] is True and responder["trial_fall_systolic"] == [5, 9]
    assert "18" in responder["text"] and len(responder["caveats"]) == 3
    assert any("medicine" in c for c in responder["caveats"])


def test_not_yet_a_responder_before_8_weeks(workday_client: TestClient) -> None:
    client = workday_client
    _onboard(client)
    readings = _week(datetime(2026, 11, 9), (150, 92), (146, 89))
    readings += _week(datetime(2026, 11, 23), (140, 88), (141, 87))
    client.post("/api/v1/bp/readings", json=readings)
    summary = client.get("/api/v1/bp/summary").json()
    assert summary["change"]["systolic"] == -5
    assert summary["change"]["beyond_measurement_error"] is False
    assert summary["responder"]["ready"] is False and "8 weeks" in summary["responder"]["text"]


def test_the_wall_squat_test_result_sets_the_angle(workday_client: TestClient) -> None:
    client = workday_client
    _onboard(client)
    client.post("/api/v1/bp", json={"systolic": 132, "diastolic": 82})
    found = client.get("/api/v1/bp/test").json()
    assert found["setup"]["allowed"] is True and found["setup"]["mode"] == "heart_rate"
    assert found["status"]["state"] == "not_done"
    assert client.get("/api/v1/bp/band").json() == {"band": None}
    bad = client.post("/api/v1/bp/test", json={"stages": [{"hr": 80}, {"hr": 900}]})
    assert bad.status_code == 422 and bad.json()["field"] == "stages[1].hr"
    bad = client.post("/api/v1/bp/test", json={"stages": [{"hr": 80}], "stop": "tired"})
    assert bad.status_code == 422 and bad.json()["field"] == "stop"
    assert _wall_sit_angle(client) is None
    stages = [
        {"angle_deg": a, "held_s": 120, "hr": hr}
        for a, hr in zip((135, 125, 115, 105, 95), (80, 90, 100, 110, 120), strict=True)
    ]
    result = client.post("/api/v1/bp/test", json={"stages": stages}).json()
    assert result["saved"] is True and result["angle_deg"] == 101
    assert result["band_bpm"] == [108, 114, 120]
    assert _wall_sit_angle(client) == 101
    assert client.get("/api/v1/bp/test").json()["status"]["state"] == "done"
    band = client.get("/api/v1/bp/band").json()["band"]
    assert (band["low"], band["target"], band["high"]) == (108, 114, 120)


def test_a_test_stopped_for_a_warning_sign_sets_no_angle(workday_client: TestClient) -> None:
    client = workday_client
    _onboard(client)
    client.post("/api/v1/bp", json={"systolic": 132, "diastolic": 82})
    stages = [{"hr": 80}, {"hr": 90}, {"held_s": 50, "hr": 98}]
    body = {"stages": stages, "stop": "symptom", "symptom": "chest_pain"}
    result = client.post("/api/v1/bp/test", json=body).json()
    assert result["saved"] is False and result["angle_deg"] is None
    assert "clinician" in result["advice"]
    assert _wall_sit_angle(client) is None


def test_the_simulated_cuff_through_the_api(workday_client: TestClient) -> None:
    client = workday_client
    _onboard(client)
    first = client.post("/api/v1/bp/cuff", json={"device": "simulated"}).json()
    assert (first["device"], first["saved"]) == ("simulated cuff", 1)
    assert abs(first["readings"][0]["systolic"] - 142) <= 3
    bad = client.post("/api/v1/bp/cuff", json={"device": "phone"})
    assert bad.status_code == 422 and bad.json()["field"] == "device"
