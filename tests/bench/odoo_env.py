"""Open an Odoo environment on the benchmark database (GOV_DB), configured like `make test`."""
import contextlib
import os
import shlex
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def odoo_env(scratch_copy=False):
    """The superuser's environment on GOV_DB, in a transaction rolled back at the end.

    With ``scratch_copy``, on a copy of GOV_DB dropped at the end instead: a benchmark may then commit
    what it adds and vacuum it, as autovacuum does on a running server (a rolled-back transaction never
    reaches the state of a table that lives on: PostgreSQL reads its rows' visibility from the table
    until it is vacuumed, never from an index alone).
    """
    import odoo  # noqa: PLC0415 - imported once the path is set by the caller's environment
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import SQL, config  # noqa: PLC0415

    config.parse_config(["-c", str(REPO / "odoo.conf"), *shlex.split(os.environ.get("GOV_DB_ARGS", "")),
                         "--log-level=warn"])
    db = os.environ["GOV_DB"]
    if scratch_copy:
        db = f"{db}_scratch"
        drop = SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(db))
        outside_transaction("postgres", drop)  # left by an interrupted run
        outside_transaction("postgres", SQL("CREATE DATABASE %s TEMPLATE %s", SQL.identifier(db),
                                            SQL.identifier(os.environ["GOV_DB"])))
    try:
        with Registry(db).cursor() as cr:
            yield api.Environment(cr, odoo.SUPERUSER_ID, {})
            cr.rollback()
    finally:
        if scratch_copy:
            Registry.delete(db)
            odoo.sql_db.close_db(db)
            outside_transaction("postgres", drop)
            shutil.rmtree(config.filestore(db), ignore_errors=True)


def outside_transaction(db, *statements):
    """Run ``statements`` on ``db`` outside a transaction, as statements on databases and VACUUM must run
    (Odoo's own database service does the same)."""
    import odoo  # noqa: PLC0415

    with contextlib.closing(odoo.sql_db.db_connect(db).cursor()) as cr:
        cr._cnx.autocommit = True  # noqa: SLF001
        try:
            for statement in statements:
                cr.execute(statement)
        finally:
            cr._cnx.autocommit = False  # noqa: SLF001 - the connection goes back to the pool as it came


def vacuum_analyze(env, *tables):
    """Commit, then vacuum and analyse ``tables`` as autovacuum does after many rows were added: only for
    an environment of ``odoo_env(scratch_copy=True)``."""
    from odoo.tools import SQL  # noqa: PLC0415

    env.cr.commit()
    outside_transaction(env.cr.dbname, *(SQL("VACUUM ANALYZE %s", SQL.identifier(table)) for table in tables))
