#!/usr/bin/env bash
# Serve the suite on the database `gov`: created (with demo data and Chinese) on the first run,
# reused afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source .odoo/env
exists=$(psql -h "$GOV_DB_HOST" -p "$GOV_DB_PORT" -U "$GOV_DB_USER" -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'gov'")
init=()
if [ "$exists" != 1 ]; then
  echo "Creating the database gov (first run: a minute or two)…"
  init=(-i gov_rules,gov_meetings,gov_supervision)
fi
echo "Odoo at http://localhost:8069 (admin / admin); Ctrl-C stops it."
# shellcheck disable=SC2086
exec .venv/bin/python -m odoo -c odoo.conf $GOV_DB_ARGS -d gov --db-filter='^gov$' "${init[@]}"
