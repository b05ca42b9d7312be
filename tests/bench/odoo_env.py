"""Open an Odoo environment on the benchmark database (GOV_DB), configured like `make test`."""
import contextlib
import os
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def odoo_env():
    import odoo  # noqa: PLC0415 - imported once the path is set by the caller's environment
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", str(REPO / "odoo.conf"), *shlex.split(os.environ.get("GOV_DB_ARGS", "")),
                         "--log-level=warn"])
    registry = Registry(os.environ["GOV_DB"])
    with registry.cursor() as cr:
        yield api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()
