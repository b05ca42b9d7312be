#!/usr/bin/env bash
# Provision everything `make run` and `make test` need, idempotently.
# Writes .odoo/env (sourced by the Makefile's commands) and prints nothing when all is in place.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
mkdir -p .odoo
fail() { echo "setup: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  command -v apt-get >/dev/null || return 1
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq "$@" >/dev/null 2>&1 || { as_root apt-get update -qq >/dev/null 2>&1 && as_root apt-get install -y -qq "$@" >/dev/null 2>&1; }
}

# 1. Python 3.11 virtual environment from the pinned requirements (Debian's packages if missing)
if [ ! -x .venv/bin/python ]; then
  has_venv() { "$1" -c 'import ensurepip, venv' >/dev/null 2>&1; }
  py=$(command -v python3.11 || true)
  if [ -z "$py" ] || ! has_venv "$py"; then
    apt_install python3.11 python3.11-venv || true
    py=$(command -v python3.11 || true)
  fi
  [ -n "$py" ] || fail "Python 3.11 is missing and could not be installed; install python3.11 and python3.11-venv and run again."
  "$py" -m venv .venv || fail "cannot create .venv; install the python3.11-venv package and run again."
fi
req_sum=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat .venv/.requirements 2>/dev/null)" != "$req_sum" ]; then
  .venv/bin/pip install -q -r requirements.txt || fail "pip could not install requirements.txt; check access to the Python package index."
  echo "$req_sum" > .venv/.requirements
fi

# 2. Odoo 19: ODOO_HOME, an importable Odoo 19, or Debian's odoo-19 unpacked into .odoo/root
is_odoo19() { PYTHONPATH="$1" .venv/bin/python -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 19)' 2>/dev/null; }
if [ -n "${ODOO_HOME:-}" ]; then
  is_odoo19 "$ODOO_HOME" || fail "ODOO_HOME=$ODOO_HOME is not an Odoo 19 source tree; point it at one or unset it."
  odoo_path=$ODOO_HOME
elif is_odoo19 ""; then
  odoo_path=""
else
  bash tools/fetch_odoo.sh
  odoo_path="$repo/.odoo/root/usr/lib/python3/dist-packages"
  is_odoo19 "$odoo_path" || fail "the unpacked odoo-19 package does not import; delete .odoo and run again."
fi

# 3. PostgreSQL: PGHOST/PGPORT/PGUSER if reachable, else the local server (started or installed)
pg_ok() { PGCONNECT_TIMEOUT=3 psql -h "$1" -p "$2" -U "$3" -d postgres -Atqc 'select 1' >/dev/null 2>&1; }
if ! command -v psql >/dev/null; then
  apt_install postgresql-client || fail "psql is missing; install postgresql-client and run again."
fi
db_host=${PGHOST:-127.0.0.1}; db_port=${PGPORT:-5432}; db_user=${PGUSER:-$(id -un)}
if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ] && ! pg_ok "$db_host" "$db_port" "$db_user"; then
  echo "setup: PostgreSQL at $db_host:$db_port does not accept user $db_user; using the local server instead." >&2
  db_host=127.0.0.1; db_port=5432; db_user=$(id -un)
fi
if ! pg_ok "$db_host" "$db_port" "$db_user"; then
  if ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql || fail "PostgreSQL is not installed and could not be installed; install postgresql or set PGHOST/PGPORT/PGUSER."
  fi
  for v in $(ls /etc/postgresql 2>/dev/null); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start >/dev/null 2>&1 || true
  done
  db_host=/var/run/postgresql
  if ! pg_ok "$db_host" "$db_port" "$db_user"; then
    # a fresh cluster knows only 'postgres': give the current user a superuser role (peer auth on the socket)
    as_root su postgres -c "createuser -s $db_user" >/dev/null 2>&1 || true
  fi
  pg_ok "$db_host" "$db_port" "$db_user" || fail "cannot connect to the local PostgreSQL as $db_user; start it or set PGHOST/PGPORT/PGUSER."
fi

# 4. Chromium and CJK fonts for the browser tours and the printed sheets
command -v chromium >/dev/null || command -v google-chrome >/dev/null || apt_install chromium \
  || fail "Chromium is missing; install Debian's chromium package."
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || apt_install fonts-noto-cjk \
  || fail "Chinese fonts are missing; install Debian's fonts-noto-cjk package."

# 5. wkhtmltopdf, the renderer Odoo 19 makes PDF reports with (the sign-off sheet)
command -v wkhtmltopdf >/dev/null || apt_install wkhtmltopdf \
  || fail "wkhtmltopdf is missing; install Debian's wkhtmltopdf package."

cat > .odoo/env <<ENV
export PYTHONPATH="$odoo_path"
export GOV_DB_HOST="$db_host" GOV_DB_PORT="$db_port" GOV_DB_USER="$db_user"
export GOV_DB_ARGS="--db_host=$db_host --db_port=$db_port --db_user=$db_user"
ENV
