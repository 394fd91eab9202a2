#!/usr/bin/env bash
# Starts the Klantenrijbewijs server for a Playwright run (the `webServer` command in
# playwright.config.ts). Every run gets a fresh, empty SQLite database in a new temp dir,
# filled with the demo organisation (DEMO_DATA=true), so tests never see leftovers of an
# earlier run. The temp dir is removed when the server stops.
#
# Env overrides:
#   KRB_BIN            server binary (default: <repo>/target/release/klantenrijbewijs, the build
#                      scripts/run.sh serves; a hash.txt beside it names the hashed assets)
#   LEPTOS_SITE_ROOT   site dir containing pkg/ (default: <repo>/target/site)
#   E2E_PORT           port (default 3100; must match baseURL in playwright.config.ts)
#   RUST_LOG           server log filter (default info)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

bin="${KRB_BIN:-$repo/target/release/klantenrijbewijs}"
site_root="${LEPTOS_SITE_ROOT:-$repo/target/site}"
port="${E2E_PORT:-3100}"

if [ ! -x "$bin" ]; then
  echo "start-server.sh: server binary not found: $bin (run scripts/build-site.sh release first)" >&2
  exit 1
fi
# A release binary links the content-hashed glue named in the hash.txt beside it.
js="klantenrijbewijs.js"
hash_file="$(dirname "$bin")/hash.txt"
if [ -f "$hash_file" ]; then
  js="klantenrijbewijs.$(awk -F': *' '$1 == "js" { print $2 }' "$hash_file").js"
fi
if [ ! -f "$site_root/pkg/$js" ]; then
  echo "start-server.sh: $site_root/pkg/$js missing (run scripts/build-site.sh release first)" >&2
  exit 1
fi

tmp_base="${TMPDIR:-/tmp}"
# Leftovers of runs that were killed hard (SIGKILL skips the cleanup below).
find "$tmp_base" -maxdepth 1 -type d -name 'krb-e2e-*' -mmin +720 -exec rm -rf {} + 2>/dev/null || true
tmp="$(mktemp -d "$tmp_base/krb-e2e-XXXXXX")"

child=""
cleanup() {
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

export DATABASE_URL="sqlite://$tmp/e2e.db"
export DEMO_DATA=true
export APP_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT="$site_root"
export COOKIE_SECURE=false
export SESSION_IDLE_MINUTES=720
export EVIDENCE_DIR="$tmp/evidence"
export RUST_LOG="${RUST_LOG:-info}"
# No licence reminders: a start-up run would add notifications for the demo licences that the
# browser tests do not expect (tests/reminders.rs tests the scheduler). No SMTP_URL: no mail.
export REMINDER_INTERVAL_SECS=0
unset SMTP_URL

echo "start-server.sh: $bin on http://$APP_ADDR, database $DATABASE_URL, site root $site_root"

# Not `exec`: this shell stays to remove the temp dir when the server stops.
"$bin" &
child=$!
wait "$child"
