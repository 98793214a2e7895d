"""The API fuzzed from its own OpenAPI document (schemathesis): no input gives a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from isohold.catalogue import load_catalogue
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.storage.database import open_database
from isohold.web.app import create_app

_folder = Path(tempfile.mkdtemp(prefix="isohold-fuzz-"))
_context = Context(open_database(f"sqlite:///{_folder / 'fuzz.db'}"), load_catalogue())
# schemathesis's ASGI client names its host "testserver"
app = create_app(Settings(), context=_context, allowed_hosts={"testserver"})
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
