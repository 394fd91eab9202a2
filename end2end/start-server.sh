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
#   E2E_SMTP_PORT      port of the SMTP sink every mail goes to (default E2E_PORT + 1)
#   E2E_MAIL_DIR       where the sink writes each message (NNNNN.eml), emptied at start; the
#                      specs read the invitation mails there (playwright.config.ts sets it)
#   E2E_DEMO_DATA      load the demo organisation (default true; false = a new company's empty database)
#   E2E_DATABASE_URL   the database (default: a fresh SQLite file in the temp dir); a spec that
#                      prepares its own database first (create-admin) passes it here
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
sink=""
cleanup() {
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  if [ -n "$sink" ]; then
    kill -TERM "$sink" 2>/dev/null || true
    wait "$sink" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

export DATABASE_URL="${E2E_DATABASE_URL:-sqlite://$tmp/e2e.db}"
export DEMO_DATA="${E2E_DEMO_DATA:-true}"
export APP_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT="$site_root"
export COOKIE_SECURE=false
export SESSION_IDLE_MINUTES=720
export EVIDENCE_DIR="$tmp/evidence"
export RUST_LOG="${RUST_LOG:-info}"
# No licence reminders: a start-up run would add notifications for the demo licences that the
# browser tests do not expect (tests/reminders.rs tests the scheduler).
export REMINDER_INTERVAL_SECS=0

# Every mail (invitations, resets, nudges) goes to a local SMTP sink (the one the integration
# tests use, tests/integration/smtp_sink.py; scripts/setup.sh test installs aiosmtpd), which
# writes each message into E2E_MAIL_DIR for the specs to read and follow its links. The sink
# stops when its standard input closes: a fifo held open by this shell keeps it running.
smtp_port="${E2E_SMTP_PORT:-$((port + 1))}"
mail_dir="${E2E_MAIL_DIR:-$tmp_base/krb-e2e-mail-$port}"
rm -rf "$mail_dir"
mkdir -p "$mail_dir"
mkfifo "$tmp/sink-stdin"
python3 "$repo/tests/integration/smtp_sink.py" --port "$smtp_port" --dir "$mail_dir" \
  <"$tmp/sink-stdin" >"$tmp/sink.out" &
sink=$!
exec 3>"$tmp/sink-stdin"
for _ in $(seq 1 100); do
  grep -q "^READY" "$tmp/sink.out" 2>/dev/null && break
  kill -0 "$sink" 2>/dev/null || { echo "start-server.sh: the SMTP sink did not start" >&2; exit 1; }
  sleep 0.1
done
grep -q "^READY" "$tmp/sink.out" || { echo "start-server.sh: the SMTP sink is not ready" >&2; exit 1; }
export SMTP_URL="smtp://127.0.0.1:$smtp_port"
export MAIL_FROM="Klantenrijbewijs <noreply@krb-e2e.example>"
export PUBLIC_URL="http://127.0.0.1:$port"

echo "start-server.sh: $bin on http://$APP_ADDR, database $DATABASE_URL, site root $site_root, mail to $mail_dir"

# Not `exec`: this shell stays to remove the temp dir when the server stops.
"$bin" &
child=$!
wait "$child"
