"""A data version per person that every write to the person's data bumps, kept by triggers.

`data_versions` holds one row a person (made with the person); a trigger on every table of a
person's data adds one to it on each inserted, changed or deleted row, whoever writes (this
process, another worker, the command line or an import). A document computed from the data
stays valid while the version stays (services/today.py caches today's view on it).

SQLite drops a table's triggers with the table: a later migration that rebuilds a table
(`batch_alter_table` does on SQLite) must create its triggers again (TRIGGERS below);
tests/storage/test_data_versions.py checks every table has its three.

Revision ID: 2026_11_30_0005
Revises: 2026_11_22_0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_30_0005"
down_revision = "2026_11_22_0004"
branch_labels = None
depends_on = None

#: table -> how a row names its person: its own id (people), `person_id`, or through the
#: session or plan version it belongs to
TRIGGERS = {
    "people": "self",
    "profile_versions": "person",
    "plan_versions": "person",
    "plan_blocks": "plan",
    "sessions": "person",
    "sets": "session",
    "exercise_reports": "session",
    "checkins": "person",
    "bp_readings": "person",
    "outcome_scores": "person",
    "decisions": "person",
    "desk_settings": "person",
    "desk_breaks": "person",
    "force_recordings": "person",
}
OPS = ("insert", "update", "delete")

_PERSON = {
    "self": "{row}.id",
    "person": "{row}.person_id",
    "session": "(SELECT person_id FROM sessions WHERE id = {row}.session_id)",
    "plan": "(SELECT person_id FROM plan_versions WHERE id = {row}.plan_version_id)",
}
_PG_FUNCTION = """
CREATE FUNCTION isohold_bump_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pid integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    pid := {old};
  ELSE
    pid := {new};
  END IF;
  UPDATE data_versions SET version = version + 1 WHERE person_id = pid;
  RETURN NULL;
END $$
"""
_PG_NEW_PERSON = """
CREATE FUNCTION isohold_new_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions (person_id, version) VALUES (NEW.id, 1);
  RETURN NULL;
END $$
"""


def trigger_name(table: str, action: str) -> str:
    return f"isohold_bump_{table}_{action}"


def upgrade() -> None:
    op.create_table(
        "data_versions",
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.execute("INSERT INTO data_versions (person_id, version) SELECT id, 1 FROM people")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql()
    else:
        _sqlite()


def _sqlite() -> None:
    for table, kind in TRIGGERS.items():
        for action in OPS:
            if (table, action) == ("people", "insert"):
                body = "INSERT INTO data_versions (person_id, version) VALUES (NEW.id, 1);"
            else:
                row = "OLD" if action == "delete" else "NEW"
                person = _PERSON[kind].format(row=row)
                body = f"UPDATE data_versions SET version = version + 1 WHERE person_id = {person};"
            op.execute(
                f"CREATE TRIGGER {trigger_name(table, action)} AFTER {action.upper()} ON {table} "
                f"FOR EACH ROW BEGIN {body} END"
            )


def _postgresql() -> None:
    for kind, person in _PERSON.items():
        op.execute(
            _PG_FUNCTION.format(
                kind=kind, old=person.format(row="OLD"), new=person.format(row="NEW")
            )
        )
    op.execute(_PG_NEW_PERSON)
    for table, kind in TRIGGERS.items():
        for action in OPS:
            function = (
                "isohold_new_person"
                if (table, action) == ("people", "insert")
                else f"isohold_bump_{kind}"
            )
            op.execute(
                f"CREATE TRIGGER {trigger_name(table, action)} AFTER {action.upper()} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {function}()"
            )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in TRIGGERS:
        for action in OPS:
            on = f" ON {table}" if postgresql else ""
            op.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, action)}{on}")
    if postgresql:
        for kind in _PERSON:
            op.execute(f"DROP FUNCTION IF EXISTS isohold_bump_{kind}()")
        op.execute("DROP FUNCTION IF EXISTS isohold_new_person()")
    op.drop_table("data_versions")
