"""Whether the database user can do what a start needs: use the tables there, create the ones
missing, add the columns a newer version brings. Looked at before anything is changed, so that
tables made by another role (run once as the database's owner, a dump restored as postgres)
stop start-up with the GRANT to run instead of a traceback from the first query, and so that
check-config, which changes nothing, can say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from mentiondesk.schema_catalogue import read_catalogue

_TABLE_RIGHTS = ("SELECT", "INSERT", "UPDATE", "DELETE")
_SHOWN = 4  # table names listed in a message before "and N more"
_TABLES = sa.text(
    "SELECT c.relname, pg_get_userbyid(c.relowner), pg_has_role(c.relowner, 'USAGE'), "
    + ", ".join(f"has_table_privilege(c.oid, '{right}')" for right in _TABLE_RIGHTS)
    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
    " AND c.relname = ANY(:names)"
)
# The sequences behind serial ids: an INSERT calls nextval, which needs USAGE (or UPDATE).
_SEQUENCES = sa.text(
    "SELECT s.relname FROM pg_depend d"
    " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
    " JOIN pg_class t ON t.oid = d.refobjid"
    " JOIN pg_namespace n ON n.oid = t.relnamespace"
    " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
    " AND d.deptype = 'a' AND n.nspname = current_schema() AND t.relname = ANY(:names)"
    # CASE: the planner may test the privilege before the relkind, and on a non-sequence
    # has_sequence_privilege raises
    " AND CASE WHEN s.relkind = 'S' THEN NOT (has_sequence_privilege(s.oid, 'USAGE')"
    " OR has_sequence_privilege(s.oid, 'UPDATE')) END"
)
_SCHEMA = sa.text(
    "SELECT current_user, current_schema(), has_schema_privilege(current_schema(), 'USAGE'), "
    "has_schema_privilege(current_schema(), 'CREATE')"
)


@dataclass
class Survey:
    """What a start would do to the store, and what would stop it."""

    denied: list[str] = field(default_factory=list)  # the user may not: the fix is a GRANT
    lacking: list[str] = field(default_factory=list)  # columns no start can add safely
    notes: list[str] = field(default_factory=list)  # what the next start will make


@dataclass(frozen=True)
class _Role:
    user: str
    schema: str
    usage: bool
    create: bool


def survey(conn: Connection) -> Survey:
    """Compare the database with this version's tables and the user's rights; change nothing."""
    inspector = sa.inspect(conn)
    ours = {table.name: table for table in SQLModel.metadata.sorted_tables}
    there = set(inspector.get_table_names()) & set(ours)
    found = Survey()
    changes: dict[str, list[str]] = {}  # table → what a start would add to it
    addable: list[str] = []
    catalogue = read_catalogue(conn, there)
    for name in sorted(there):
        table = ours[name]
        have = catalogue.columns[name]
        for column in table.columns:
            if column.name in have:
                continue
            where = addable if can_add(column) else found.lacking
            where.append(f"{name}.{column.name}")
            changes.setdefault(name, []).append(f"column {name}.{column.name}")
        indexes = catalogue.indexes[name]
        new = [f"index {i.name}" for i in table.indexes if i.name not in indexes]
        if new:
            changes.setdefault(name, []).extend(new)
    missing = sorted(set(ours) - there)
    if conn.dialect.name == "postgresql":
        _rights(conn, found, missing=missing, there=sorted(there), changes=changes)
    if missing:
        what = "its tables" if not there else f"tables {_names(missing)}"
        found.notes.append(f"{what} will be created at the next start")
    if addable:
        found.notes.append(f"columns {', '.join(addable)} will be added at the next start")
    return found


def can_add(column: sa.Column[object]) -> bool:
    """Whether `ALTER TABLE … ADD COLUMN` suits older rows as they are (no constraint to
    check on them, and NULL or a constant default for them)."""
    if column.primary_key or column.foreign_keys or column.unique:
        return False
    default = column.default
    return column.nullable or (default is not None and default.is_scalar)


def _rights(
    conn: Connection,
    found: Survey,
    *,
    missing: list[str],
    there: list[str],
    changes: dict[str, list[str]],
) -> None:
    row = conn.execute(_SCHEMA).one()
    quote = conn.dialect.identifier_preparer.quote  # names as the fix's SQL needs them
    role = _Role(quote(str(row[0])), quote(str(row[1] or "public")), bool(row[2]), bool(row[3]))
    if missing and not role.create:
        found.denied.append(cannot_create(role.user, role.schema))
    if not there:
        return
    if not role.usage:
        found.denied.append(
            f"store.url: the database user {role.user} may not use schema {role.schema}, "
            f"where the tables are: GRANT USAGE ON SCHEMA {role.schema} TO {role.user};"
        )
    tables = conn.execute(_TABLES, {"names": there}).all()
    sequences = conn.execute(_SEQUENCES, {"names": there}).scalars().all()
    closed = [r for r in tables if not all(r[3:])]
    owners = sorted({str(r[1]) for r in tables if not r[2]})
    if closed or sequences:
        found.denied.append(_cannot_use(role, closed, list(sequences), owners))
    foreign = [str(r[0]) for r in tables if not r[2] and str(r[0]) in changes]
    if foreign:
        adds = [change for name in foreign for change in changes[name]]
        found.denied.append(_cannot_alter(role, foreign, adds, quote(foreign[0])))


def cannot_create(user: str, schema: str = "public") -> str:
    """The message for a user who may not create the tables a first start makes."""
    return (
        f"store.url: the database user {user} cannot create tables in schema {schema}: "
        f"GRANT CREATE ON SCHEMA {schema} TO {user}; or run mentiondesk once as the "
        "database's owner, which makes the tables (then grant them: docs/operations.md, 'Scale')"
    )


def _cannot_use(
    role: _Role, closed: list[sa.Row[tuple[object, ...]]], sequences: list[str], owners: list[str]
) -> str:
    user, schema = role.user, role.schema
    lacks = [right for i, right in enumerate(_TABLE_RIGHTS) if any(not r[3 + i] for r in closed)]
    said = f"tables {_names(sorted(str(r[0]) for r in closed))} ({', '.join(lacks)} denied)"
    if not closed:
        said = f"the id sequences {_names(sequences)} (USAGE denied)"
    elif sequences:
        said += " and their id sequences"
    by = " or ".join(owners) if owners else "their owner"
    # postgres owns the system catalogues too: REASSIGN OWNED BY postgres is refused
    reassign = "" if "postgres" in owners or not owners else f"REASSIGN OWNED BY {by} TO {user}; "
    return (
        f"store.url: the database user {user} may not read and write {said}; they belong "
        f"to {by}. As {by}, run: GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN "
        f"SCHEMA {schema} TO {user}; GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA "
        f"{schema} TO {user}; or give them to {user} ({reassign}ALTER TABLE … OWNER TO {user}; "
        "for each), which upgrades that add columns need too"
    )


def _cannot_alter(role: _Role, foreign: list[str], adds: list[str], first: str) -> str:
    return (
        f"store.url: this version adds {_names(adds)}, but the database user {role.user} does "
        f"not own {_names(foreign)}, so it cannot: as their owner, run ALTER TABLE {first} "
        f"OWNER TO {role.user}; (for each), or run mentiondesk once as their owner, which "
        "adds them"
    )


def _names(names: list[str]) -> str:
    """Names for a message: all of a few, the first few of many."""
    if len(names) <= _SHOWN + 1:
        return ", ".join(names)
    return f"{', '.join(names[:_SHOWN])} and {len(names) - _SHOWN} more"
