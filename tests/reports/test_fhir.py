"""FHIR R4: the exported Bundle validates resource by resource with fhir.resources, carries
the codes and units it promises, and its blood-pressure readings survive a round trip into a
fresh database; a Bundle with a wrong code or unit is refused, naming resource and field."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class

from isohold.catalogue import load_catalogue
from isohold.domain.errors import InputError, NoProfileError
from isohold.services import checkins
from isohold.services.context import Context
from isohold.services.fhir import export_bundle, import_bp
from isohold.services.onboarding import onboard
from isohold.storage.database import open_database
from tests.reports.seed import PROFILE

LOINC, UCUM = "http://loinc.org", "http://unitsofmeasure.org"


@pytest.fixture(scope="module")
def bundle(history: Context) -> dict[str, Any]:
    return export_bundle(history)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Context]:
    db = open_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    ctx = Context(db=db, catalogue=load_catalogue())
    yield ctx
    ctx.close()


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _codes(concept: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for c in concept["coding"]}


def _bp(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in _resources(bundle, "Observation") if (LOINC, "85354-9") in _codes(o["code"])]


def test_every_resource_validates(bundle: dict[str, Any]) -> None:
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    get_fhir_model_class("Bundle").model_validate(bundle)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    assert kinds["Patient"] == 1 and kinds["CarePlan"] == 1 and kinds["Observation"] > 100
    assert "QuestionnaireResponse" not in kinds  # isohold does not record the PSFS


def test_the_patient_is_pseudonymous_unless_named(history: Context, bundle: dict[str, Any]):
    (patient,) = _resources(bundle, "Patient")
    assert "name" not in patient and "birthDate" not in patient and "telecom" not in patient
    named = export_bundle(history, name="Alex Example")
    assert _resources(named, "Patient")[0]["name"] == [{"text": "Alex Example"}]


def test_the_care_plan_has_an_activity_per_block(history: Context, bundle: dict[str, Any]):
    (plan,) = _resources(bundle, "CarePlan")
    from isohold.services import today

    blocks = today.today(history).plan.program.blocks  # type: ignore[union-attr]
    assert plan["status"] == "active" and plan["intent"] == "plan"
    assert len(plan["activity"]) == len(blocks)
    for activity, block in zip(plan["activity"], blocks, strict=True):
        detail = activity["detail"]
        assert ("http://snomed.info/sct", "229065009") in _codes(detail["code"])
        assert block.exercise in {c for _s, c in _codes(detail["code"])}
        repeat = detail["scheduledTiming"]["repeat"]
        assert repeat["periodUnit"] == "wk" and repeat["frequency"] >= 1
        dose = {e["url"]: e for e in detail["extension"][0]["extension"]}
        assert dose["sets"]["valueInteger"] == block.sets
        assert dose["repetitions"]["valueInteger"] == block.reps
        hold = dose["hold"]["valueQuantity"]
        assert (hold["value"], hold["system"], hold["code"]) == (block.hold_s, UCUM, "s")


def test_codes_and_units(bundle: dict[str, Any]) -> None:
    observations = _resources(bundle, "Observation")
    by_code: dict[str, list[dict[str, Any]]] = {}
    for o in observations:
        for system, code in _codes(o["code"]):
            if system == LOINC or code == "mvc-force":
                by_code.setdefault(code, []).append(o)
    pains = by_code["72514-3"]
    assert pains and all(p["valueQuantity"]["code"] == "{score}" for p in pains)
    assert all(p["valueQuantity"]["system"] == UCUM for p in pains)
    for o in by_code["85354-9"]:
        assert o["category"][0]["coding"][0]["code"] == "vital-signs"
        parts = {c["code"]["coding"][0]["code"]: c["valueQuantity"] for c in o["component"]}
        assert parts["8480-6"]["code"] == parts["8462-4"]["code"] == "mm[Hg]"
        assert parts["8480-6"]["system"] == UCUM and parts["8867-4"]["code"] == "/min"
    assert all(o["valueQuantity"]["code"] == "N" for o in by_code["mvc-force"])
    durations = by_code["55411-3"]
    assert durations and all(o["valueQuantity"]["code"] == "min" for o in durations)


def test_a_round_trip_keeps_every_reading(history: Context, bundle: dict, fresh: Context):
    onboard(fresh, PROFILE)
    done = import_bp(fresh, bundle)
    before = [(w, s, d) for w, s, d in checkins.bp_history(history, 100_000)]
    assert done.saved == len(before) == len(_bp(bundle)) and done.already == 0
    assert done.left_out == len(_resources(bundle, "Observation")) - len(before)
    fresh.now = history.now
    assert checkins.bp_history(fresh, 100_000) == before
    again = import_bp(fresh, bundle)
    assert (again.saved, again.already) == (0, len(before))


def test_the_import_needs_a_profile_first(bundle: dict[str, Any], fresh: Context) -> None:
    with pytest.raises(NoProfileError):
        import_bp(fresh, bundle)


def _one_reading(**changes: Any) -> dict[str, Any]:
    """A Bundle as another app writes it: one reading, no identifier, a UTC time."""
    obs: dict[str, Any] = {
        "resourceType": "Observation", "id": "bp-1", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/"
                                  "observation-category", "code": "vital-signs"}]}],
        "code": {"coding": [{"system": LOINC, "code": "85354-9"}]},
        "effectiveDateTime": "2026-03-02T07:30:00Z",
        "component": [
            {"code": {"coding": [{"system": LOINC, "code": "8480-6"}]},
             "valueQuantity": {"value": 131, "unit": "mmHg", "system": UCUM, "code": "mm[Hg]"}},
            {"code": {"coding": [{"system": LOINC, "code": "8462-4"}]},
             "valueQuantity": {"value": 84, "unit": "mmHg", "system": UCUM, "code": "mm[Hg]"}},
        ],
    }  # fmt: skip
    obs.update(changes)
    entry = {"fullUrl": "https://other.app/Observation/bp-1", "resource": obs}
    return {"resourceType": "Bundle", "type": "collection", "entry": [entry]}


def test_another_apps_reading_is_imported(fresh: Context) -> None:
    onboard(fresh, PROFILE)
    assert import_bp(fresh, _one_reading()).saved == 1
    assert import_bp(fresh, _one_reading()).already == 1  # the same resource, once


@pytest.mark.parametrize(("change", "field"), [
    ({"code": {"coding": [{"system": LOINC, "code": "85354-8"}]}}, "Observation/bp-1 code"),
    ({"code": {"coding": [{"system": "http://snomed.info/sct", "code": "85354-9"}]}},
     "Observation/bp-1 code"),
    ({"status": "preliminary"}, "Observation/bp-1 status"),
    ({"effectiveDateTime": "2026-03-02"}, "Observation/bp-1 effectiveDateTime"),
])  # fmt: skip
def test_a_wrong_code_is_refused(fresh: Context, change: dict[str, Any], field: str) -> None:
    onboard(fresh, PROFILE)
    with pytest.raises(InputError) as refused:
        import_bp(fresh, _one_reading(**change))
    assert field in str(refused.value)
    assert checkins.bp_history(fresh, 100_000) == []


@pytest.mark.parametrize(("path", "value", "field"), [
    (("code",), "kPa", "component[0].valueQuantity"),
    (("system",), "http://example.org/units", "component[0].valueQuantity"),
    (("value",), 13.1, "component"),
])  # fmt: skip
def test_a_wrong_unit_or_value_is_refused(fresh: Context, path: tuple, value: Any, field: str):
    onboard(fresh, PROFILE)
    document = _one_reading()
    quantity = document["entry"][0]["resource"]["component"][0]["valueQuantity"]
    quantity[path[0]] = value
    with pytest.raises(InputError) as refused:
        import_bp(fresh, document)
    assert "Observation/bp-1" in str(refused.value) and field in str(refused.value)


def test_one_bad_reading_refuses_the_whole_bundle(bundle: dict[str, Any], fresh: Context):
    onboard(fresh, PROFILE)
    broken = copy.deepcopy(bundle)
    last = _bp(broken)[-1]
    last["component"][1]["code"]["coding"][0]["code"] = "8462-5"
    with pytest.raises(InputError, match=rf"Observation/{last['id']} component\[1\].code"):
        import_bp(fresh, broken)
    assert checkins.bp_history(fresh, 100_000) == []


def test_something_that_is_not_fhir_is_refused(fresh: Context) -> None:
    onboard(fresh, PROFILE)
    with pytest.raises(InputError, match="Bundle"):
        import_bp(fresh, {"resourceType": "Bundle", "type": "collection", "entry": "nope"})
    with pytest.raises(InputError, match="resourceType"):
        import_bp(fresh, {"tables": {}})
