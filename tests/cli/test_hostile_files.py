"""Files that could hang, crash or poison isohold, through the real command: every one is a
named input error (exit code 2), quickly, without a traceback."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.commands import Run
from tests.support.profiles import EXAMPLES

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
irritability: *i
"""


def _profile(**changes: object) -> dict[str, object]:
    profile = json.loads((EXAMPLES / "low-back-pain.json").read_text())
    profile.update(changes)
    return profile


def _refused(out: subprocess.CompletedProcess[str], *words: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr[-500:])
    assert "Traceback" not in out.stderr
    assert len(out.stderr) < 2000, "an error echoes a long value"
    for word in words:
        assert word in out.stderr, out.stderr


def test_a_yaml_alias_bomb_is_refused(isohold: Run, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BILLION_LAUGHS)
    assert len(bomb.read_bytes()) < 600
    _refused(isohold("plan", "--profile", str(bomb)), "aliases")


def test_a_long_value_is_not_echoed_in_full(isohold: Run, tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps(_profile(irritability="x" * 100_000)))
    out = isohold("plan", "--profile", str(path))
    _refused(out, "irritability", "low, moderate, high")


def test_a_long_unknown_field_name_is_shortened(isohold: Run, tmp_path: Path) -> None:
    path = tmp_path / "field.json"
    path.write_text(json.dumps(_profile(**{"y" * 50_000: 1})))
    _refused(isohold("plan", "--profile", str(path)), "unknown field")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep.yaml", "[" * 100_000 + "]" * 100_000),
        ("deep.toml", "a = " + "[" * 5_000 + "]" * 5_000),
        ("digits.json", '{"age": ' + "9" * 5000 + "}"),
        ("digits.yaml", "age: " + "9" * 5000 + "\n"),
        ("digits.toml", "age = " + "9" * 5000 + "\n"),
        ("nan.json", '{"age": NaN}'),
        ("inf.yaml", "age: .inf\n"),
        ("nan.toml", "age = nan\n"),
        ("syntax.json", '{"age": 40,'),
        ("binary.json", "\udcff"),
    ],
)
def test_hostile_profile_files(isohold: Run, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    _refused(isohold("plan", "--profile", str(path)), "profile")


@pytest.mark.parametrize(("suffix", "number"), [(".json", "NaN"), (".json", "-Infinity"),
                                                (".json", "1e308"), (".yaml", ".nan")])  # fmt: skip
def test_a_plan_with_a_number_that_is_not_finite_is_refused(
    isohold: Run, tmp_path: Path, suffix: str, number: str
) -> None:
    plan = isohold("plan", "--profile", str(EXAMPLES / "low-back-pain.json"), "-f", "json")
    document = json.loads(plan.stdout)
    document["program"]["blocks"][0]["hold_s"] = "@@"
    raw = json.dumps(document, indent=1).replace('"@@"', number)
    path = tmp_path / f"plan{suffix}"
    path.write_text(raw)
    out = isohold("review", "--plan", str(path), "--responses",
                  str(EXAMPLES / "week1-responses.json"))  # fmt: skip
    _refused(out, "hold_s")


def test_json_syntax_errors_name_the_document_not_an_offset(isohold: Run, tmp_path: Path) -> None:
    path = tmp_path / "syntax.json"
    path.write_text('{"age": 40,\n "pain_now": }')
    out = isohold("plan", "--profile", str(path))
    _refused(out, "field 'profile'", "line 2")


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "folder", "fifo"])
@pytest.mark.parametrize("command", [("plan", "--profile"), ("import",), ("init", "--profile"),
                                     ("review", "--responses", "{ex}", "--plan")])  # fmt: skip
def test_a_device_or_folder_is_not_an_input_file(
    isohold: Run, tmp_path: Path, target: str, command: tuple[str, ...]
) -> None:
    if target == "folder":
        target = str(tmp_path)
    elif target == "fifo":
        target = str(tmp_path / "pipe")
        os.mkfifo(target)  # nothing ever writes to it: reading it would wait for ever
    args = [a.replace("{ex}", str(EXAMPLES / "week1-responses.json")) for a in command]
    db = ["--db", f"sqlite:///{tmp_path / 'x.db'}"] if command[0] in ("import", "init") else []
    _refused(isohold(*args, target, *db))


def _umask0() -> None:
    os.umask(0)


def _run_umask0(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "isohold", *args], capture_output=True, text=True, cwd=home,
        timeout=120, preexec_fn=_umask0, env={"PATH": "/usr/bin:/bin", "HOME": str(home)},
    )  # fmt: skip


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_exports_and_the_data_folder_are_private_whatever_the_umask(tmp_path: Path) -> None:
    """umask 0000: files would be 0666 and folders 0777 if isohold followed it."""
    steps = [("init", "--profile", str(EXAMPLES / "neck-pain-desk-worker.yaml")),
             ("checkin", "--pain", "3", "--stiffness", "2"),
             ("export", "--out", "backup.json"),
             ("export", "--format", "csv", "--out", "tables"),
             ("desk", "export", "--out", "breaks.ics")]  # fmt: skip
    for step in steps:
        out = _run_umask0(tmp_path, *step)
        assert out.returncode == 0, (step, out.stderr)
    data = tmp_path / ".local" / "share" / "isohold"
    assert mode(data) == 0o700
    assert mode(data / "isohold.db") == 0o600
    assert mode(tmp_path / "backup.json") == 0o600
    assert mode(tmp_path / "breaks.ics") == 0o600
    assert mode(tmp_path / "tables") == 0o700
    for table in (tmp_path / "tables").iterdir():
        assert mode(table) == 0o600, table
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("out", ["missing/backup.json", "folder", "fifo"])
def test_an_export_to_a_place_that_is_not_a_file_is_refused(
    isohold: Run, tmp_path: Path, out: str
) -> None:
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db",
                   db).returncode == 0  # fmt: skip
    _refused(isohold("export", "--out", out, "--db", db), "--out")


def test_a_backup_is_strict_json_on_the_way_out(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    out = isohold("export", "--db", db)
    json.loads(out.stdout, parse_constant=lambda name: pytest.fail(f"{name} in a backup"))


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    isohold: Run, tmp_path: Path
) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", source)
    isohold("log", "bird-dog", "--hold-s", "10", "--db", source)
    backup = json.loads(isohold("export", "--db", source).stdout)
    notes = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "plain"]
    backup["tables"]["sessions"][0]["note"] = notes[0]
    for i, note in enumerate(notes[1:], 2):
        session = dict(backup["tables"]["sessions"][0], id=i, note=note,
                       uuid=f"00000000-0000-4000-8000-{i:012d}")  # fmt: skip
        backup["tables"]["sessions"].append(session)
    (tmp_path / "b.json").write_text(json.dumps(backup))
    db = f"sqlite:///{tmp_path / 'notes.db'}"
    assert isohold("import", "b.json", "--db", db).returncode == 0
    assert isohold("export", "--format", "csv", "--out", "csv", "--db", db).returncode == 0
    with (tmp_path / "csv" / "sessions.csv").open(newline="") as fh:
        cells = [row["note"] for row in csv.DictReader(fh)]
    assert cells == ["'" + n for n in notes[:4]] + ["plain"]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--hold-s", "nan"), ("--hold-s", "inf"), ("--hold-s", "1e308"), ("--load", "nan"),
     ("--load", "-inf"), ("--load", "1e308")],
)  # fmt: skip
def test_a_set_with_a_number_that_is_not_finite_is_refused(
    isohold: Run, tmp_path: Path, option: str, value: str
) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    args = {"--hold-s": "10", "--load": "5", option: value}
    out = isohold("log", "bird-dog", *[x for kv in args.items() for x in kv], "--db", db)
    _refused(out, option)
    history = json.loads(isohold("history", "--db", db, "-f", "json").stdout)
    assert history["sessions"] == []


def test_an_infinite_number_an_older_isohold_saved_is_named_on_export(
    isohold: Run, tmp_path: Path
) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    db = f"sqlite:///{path}"
    isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    assert isohold("log", "bird-dog", "--hold-s", "10", "--db", db).returncode == 0
    with sqlite3.connect(path) as conn:  # as `log --hold-s inf` could save it before
        conn.execute("UPDATE sets SET hold_s = 9e999")
    conn.close()
    out = isohold("export", "--db", db)
    assert out.returncode == 4 and "tables.sets[0].hold_s" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


@pytest.mark.parametrize("reading", ["²/82", "١٢٨/٨٢", "9" * 5000 + "/82", "128/" + "٣" * 3])
def test_odd_digits_in_a_blood_pressure_reading(isohold: Run, tmp_path: Path, reading: str) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    _refused(isohold("bp", "add", reading, "--db", db), "reading")


def test_odd_digits_typed_at_the_questions_are_asked_again(isohold: Run, tmp_path: Path) -> None:
    """The first answer (age) is typed as ², then as 5000 digits, then right."""
    stdin = "\n" * 7 + "\n".join(["²", "9" * 5000, "45", "1", "1,2", "2", "4", "2", ""])
    out = isohold("screen", "--out", "me.json", stdin=stdin + "\n" + "\n\n1\n\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert json.loads((tmp_path / "me.json").read_text())["age"] == 45
    assert out.stdout.count("Please type a whole number") == 2 and "Exceeds" not in out.stdout
