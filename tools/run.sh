#!/usr/bin/env bash
# Serve the suite on the database `gov`: created (with demo data and Chinese) on the first run,
# reused afterwards. A database where the three addons are not all installed (an earlier run
# stopped half-way) gets them installed before it is served, never served half-installed.
# WORKERS=N (make run WORKERS=4): as in production, N HTTP worker processes, a cron worker
# (CRON_THREADS, default 1) and the websocket process on GEVENT_PORT (default 8072).
set -euo pipefail
cd "$(dirname "$0")/.."
source .odoo/env
addons=gov_rules,gov_meetings,gov_supervision
sql() { psql -h "$GOV_DB_HOST" -p "$GOV_DB_PORT" -U "$GOV_DB_USER" -Atqc "$2" "$1"; }
exists=$(sql postgres "SELECT 1 FROM pg_database WHERE datname = 'gov'")
init=()
if [ "$exists" != 1 ]; then
  echo "Creating the database gov (first run: a minute or two)…"
  init=(-i "$addons")
else
  installed=$(sql gov "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
                       AND name IN ('${addons//,/\',\'}')" 2>/dev/null || echo 0)
  if [ "$installed" != 3 ]; then
    echo "The database gov lacks some of $addons: installing them (a minute or two)…"
    init=(-i "$addons")
  fi
fi
server=()
workers=${WORKERS:-0}
[[ "$workers" =~ ^[0-9]+$ ]] || { echo "WORKERS must be a number of processes, not '$workers'." >&2; exit 1; }
if [ "$workers" -gt 0 ]; then
  server=(--workers="$workers" --max-cron-threads="${CRON_THREADS:-1}" --gevent-port="${GEVENT_PORT:-8072}")
  echo "$workers HTTP workers, ${CRON_THREADS:-1} cron worker(s), websocket on port ${GEVENT_PORT:-8072}" \
       "(route /websocket there behind the proxy: README, \"Deploying with workers\")."
fi
echo "Odoo at http://localhost:8069 (admin / admin); Ctrl-C stops it."
# tools/odoo-bin, not `python -m odoo`: with workers, Odoo starts the websocket process by running
# its own script again, which `-m odoo` cannot be
# shellcheck disable=SC2086
exec .venv/bin/python tools/odoo-bin -c odoo.conf $GOV_DB_ARGS -d gov --db-filter='^gov$' "${init[@]}" "${server[@]}"
