"""One Settings object (issue 19): every setting documented in the README, bad values named,
and nothing else in isohold reads the environment for them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from isohold.domain.errors import InputError, SettingError
from isohold.services.settings import Settings, env_name

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name, field in Settings.model_fields.items():
        assert env_name(name) in readme, f"{env_name(name)} is not in the README"
        assert field.description, name


@pytest.mark.parametrize(
    ("env", "value", "reason"),
    [("ISOHOLD_TIME_SCALE", "abc", "must be a number"),
     ("ISOHOLD_TIME_SCALE", "0", "must be above 0"),
     ("ISOHOLD_TIME_SCALE", "2", "must be at most 1"),
     ("ISOHOLD_PORT", "70000", "must be at most 65535"),
     ("ISOHOLD_TZ", "Mars/Base", "unknown time zone")],
)  # fmt: skip
def test_a_bad_value_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(InputError) as caught:
        Settings.load()
    assert caught.value.field == env and reason in str(caught.value)


def test_options_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISOHOLD_DB", "sqlite:///from-env.db")
    assert Settings.load().db_url == "sqlite:///from-env.db"
    assert Settings.load(db_url="sqlite:///given.db").db_url == "sqlite:///given.db"
    with pytest.raises(SettingError) as caught:
        Settings.load(port=0)
    assert (caught.value.setting, caught.value.given) == ("port", "option")
    settings = Settings.load()
    assert settings.with_options(db_url=None) is settings
    assert settings.with_options(port=8123).port == 8123
    with pytest.raises(SettingError, match="at most 65535"):
        settings.with_options(port=70000)


def test_only_the_settings_read_isohold_variables() -> None:
    readers = [
        path.relative_to(ROOT)
        for path in (ROOT / "src" / "isohold").rglob("*.py")
        if re.search(r"environ[^\n]*ISOHOLD_|getenv\([^)]*ISOHOLD_", path.read_text())
        and path.name not in ("settings.py", "settings_env.py")
    ]
    assert readers == []


def test_the_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    import isohold

    assert isohold.__version__ == version("isohold")
