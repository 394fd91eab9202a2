#!/usr/bin/env bash
# Autosave load test (a benchmark run by hand, not part of CI): builds the release server and the
# load generator, fills a fresh temporary SQLite database with the demo organisation grown to
# LOAD_PEOPLE employees, serves it on a free 127.0.0.1 port, lets LOAD_USERS of them sign in, start
# walkthroughs and autosave all steps at once (examples/load_save.rs), checks every acknowledged
# save against the database, then stops the server and removes the temp dir.
#
#   bash scripts/load-test.sh [extra load_save options, e.g. --saves-per-step 5 --max-pause-ms 100]
#
# Env: LOAD_PEOPLE (default 10000), LOAD_USERS (default 200), KEEP_TMP=1 keeps the temp dir
# (database and server log) for a closer look. Exit status is the load generator's: non-zero on
# any failed request or missing save.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
people="${LOAD_PEOPLE:-10000}"
users="${LOAD_USERS:-200}"
export PATH="$HOME/.cargo/bin:$PATH"

echo "== build (release; no wasm needed: only the API is loaded)"
cargo build --release --features ssr --bin klantenrijbewijs --example load_save
bin="$repo/target/release/klantenrijbewijs"
gen="$repo/target/release/examples/load_save"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/krb-load-XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "${KEEP_TMP:-0}" = 1 ]; then
    echo "kept $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Only what this run needs; run from the temp dir so a developer's .env is not picked up.
export DATABASE_URL="sqlite://$tmp/load.db"
export DEMO_DATA=true
export COOKIE_SECURE=false
export LEPTOS_SITE_ROOT="$tmp/site"
export EVIDENCE_DIR="$tmp/evidence"
export RUST_LOG="${RUST_LOG:-warn}"
export NO_COLOR=1

echo "== seed: demo organisation grown to $people employees"
(cd "$tmp" && "$bin" seed-scale --people "$people")

# A free port: bind port 0 on loopback and let the kernel choose.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export APP_ADDR="127.0.0.1:$port"

echo "== serve on http://$APP_ADDR ($(git log -1 --format='%h %s' 2>/dev/null || echo 'no git'))"
(cd "$tmp" && exec "$bin" serve) >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if curl -fsS --noproxy '*' "http://$APP_ADDR/healthz" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "server stopped at start-up:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.2
done

echo "== load: $users users"
status=0
"$gen" --base "http://$APP_ADDR" --database "$DATABASE_URL" --users "$users" "$@" || status=$?

locked="$(grep -c 'database is locked' "$tmp/server.log" || true)"
errors="$(grep -c 'ERROR' "$tmp/server.log" || true)"
echo "server log: $errors error lines, $locked mention 'database is locked'"
if [ "$errors" != 0 ]; then
  grep 'ERROR' "$tmp/server.log" | head -n 3 || true
fi
exit "$status"
