#!/usr/bin/env bash
# Unpack Debian's odoo-19 (and the JS/font packages it links to) into .odoo/root.
# The mirror is read from this machine's own apt configuration; no host name is stored here.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dest="$repo/.odoo"
root="$dest/root"
marker="$dest/.unpacked"
[ -f "$marker" ] && exit 0

fail() { echo "setup: $*" >&2; exit 1; }
command -v apt-get >/dev/null || fail "Odoo 19 is missing and apt-get is not available to download Debian's odoo-19; set ODOO_HOME to an Odoo 19 source tree."
command -v dpkg-deb >/dev/null || fail "dpkg-deb is needed to unpack Debian's odoo-19; install dpkg or set ODOO_HOME."

mirror=$( { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}';
           cat /etc/apt/sources.list 2>/dev/null | awk '/^deb[ \t]/ {print ($2 ~ /^\[/) ? $3 : $2}'; } \
         | grep -v -- '-security' | grep -i debian | head -n 1 || true)
[ -n "$mirror" ] || fail "no Debian mirror is configured in /etc/apt; add one to the apt sources or set ODOO_HOME."

apt_dir="$dest/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$dest/debs"
cat > "$apt_dir/sources.list" <<SRC
deb [trusted=yes] $mirror sid main
SRC
cat > "$apt_dir/sources-bookworm.list" <<SRC
deb [trusted=yes] $mirror bookworm main
SRC

apt_opts() {
  echo -o Dir::Etc::sourcelist="$apt_dir/$1" -o Dir::Etc::sourceparts=- \
       -o Dir::State::lists="$apt_dir/lists-$1" -o Dir::Cache="$apt_dir/cache-$1" \
       -o Dir::State::status=/dev/null -o Debug::NoLocking=1 -o APT::Get::List-Cleanup=0 \
       -o APT::Sandbox::User=root
}
download() {  # list-file package...
  local list=$1; shift
  mkdir -p "$apt_dir/lists-$list/partial" "$apt_dir/cache-$list/archives/partial"
  # shellcheck disable=SC2046
  apt-get $(apt_opts "$list") -qq update >/dev/null || fail "cannot read the Debian package index ($list); check the network or set ODOO_HOME."
  # shellcheck disable=SC2046
  (cd "$dest/debs" && apt-get $(apt_opts "$list") -qq download "$@") || fail "cannot download $*; check the network or set ODOO_HOME."
}
download sources.list odoo-19 libjs-jquery libjs-jquery-form libjs-underscore fonts-roboto-unhinted fonts-inconsolata fonts-montserrat
download sources-bookworm.list fonts-font-awesome

mkdir -p "$root"
for deb in "$dest"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
addons=$(ls -d "$root"/usr/lib/python3/dist-packages/odoo/addons)
stub="$addons/mail/static/lib/selfie_segmentation/selfie_segmentation.js"
mkdir -p "$(dirname "$stub")"
# Debian strips this third-party file; the asset bundle needs it to exist.
[ -f "$stub" ] || echo "/* stripped by Debian: video background blur unavailable */" > "$stub"
touch "$marker"
