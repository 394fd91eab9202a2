#!/usr/bin/env bash
# THE run command: installs what is missing, builds the optimised release site (plain cargo +
# wasm-bindgen + wasm-opt + Lightning CSS, hashed and precompressed: scripts/build-site.sh release)
# and starts the server with the demo organisation loaded. No cargo-leptos needed.
#
#   bash scripts/run.sh
#
# Overridable: APP_ADDR (127.0.0.1:3000), DATABASE_URL (sqlite://data/klantenrijbewijs.db),
# DEMO_DATA (true), COOKIE_SECURE, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, PUBLIC_URL, RUST_LOG. See .env.example; values set
# here or in the environment win over a .env file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

bash scripts/setup.sh run

echo "[run] bash scripts/build-site.sh release ..."
start=$(date +%s)
bash scripts/build-site.sh release
echo "[run] release build done in $(($(date +%s) - start))s"

BIN="$ROOT/target/release/klantenrijbewijs"
[ -x "$BIN" ] || {
  echo "[run] ERROR: $BIN not found after the build" >&2
  exit 1
}

export DEMO_DATA="${DEMO_DATA:-true}"
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export APP_ADDR="${APP_ADDR:-127.0.0.1:3000}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/klantenrijbewijs.db}"
# The server creates the SQLite file; make sure its directory exists.
case "$DATABASE_URL" in
  sqlite://*)
    db_path="${DATABASE_URL#sqlite://}"
    db_path="${db_path%%\?*}"
    mkdir -p "$(dirname "$db_path")"
    ;;
esac

echo
echo "[run] Klantenrijbewijs is starting on http://$APP_ADDR/"
echo "[run]   database: $DATABASE_URL   demo data: $DEMO_DATA"
echo "[run]   log in with a demo account (see README for demo accounts); Ctrl-C stops the server"
echo
exec "$BIN"
