#!/usr/bin/env bash
# THE test command: installs what is missing, then runs every check in order and stops at the
# first failure.
#
#   bash scripts/test.sh
#
# Steps: setup, rustfmt, clippy (server + all targets), clippy (wasm), cargo test (debug, SQLite),
# the integration tests again on PostgreSQL,
# release site build (what scripts/run.sh serves), Playwright browser tests against the release
# build (system Chromium), first-load size budget (scripts/size-check.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

if [ -n "${CI:-}" ]; then
  export CARGO_TERM_COLOR=never
  # Cold builds on CI: incremental artefacts only cost time and disk.
  export CARGO_INCREMENTAL=0
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TEST_START=$(date +%s)
CURRENT=""
SUMMARY=()

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

on_exit() {
  local rc=$?
  local total=$(($(date +%s) - TEST_START))
  echo
  echo "================================================================"
  for line in "${SUMMARY[@]}"; do
    echo "  $line"
  done
  if [ "$rc" -eq 0 ]; then
    echo "RESULT: all checks passed in $(fmt_secs "$total")"
  else
    echo "RESULT: FAILED at step '${CURRENT}' (exit $rc) after $(fmt_secs "$total")"
  fi
  echo "================================================================"
}
trap on_exit EXIT

# section NAME CMD... : header, run, duration.
section() {
  local name="$1" start dur
  shift
  CURRENT="$name"
  echo
  echo "================================================================"
  echo "== $name"
  echo "== \$ $*"
  echo "================================================================"
  start=$(date +%s)
  "$@"
  dur=$(($(date +%s) - start))
  SUMMARY+=("ok   $(fmt_secs "$dur")  $name")
  echo "-- $name: ok in $(fmt_secs "$dur")"
}

section "setup" bash scripts/setup.sh test
section "rustfmt" cargo fmt --all -- --check
section "clippy (ssr, all targets)" cargo clippy --features ssr --all-targets -- -D warnings
section "clippy (hydrate, wasm32)" \
  cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings
section "cargo test (ssr, SQLite)" cargo test --features ssr
# The same integration suite on PostgreSQL: the harness starts a server of its own
# (tests/integration/common/postgres.rs) with initdb and pg_ctl from Debian's package.
section "integration tests (PostgreSQL)" \
  env KRB_TEST_DATABASE=postgres cargo test --features ssr --test integration
section "site build (release)" bash scripts/build-site.sh release
# playwright.config.ts defaults to target/release/klantenrijbewijs and target/site.
section "browser tests (playwright, release build)" \
  bash -c 'cd end2end && npx --no-install playwright test'
# Last, so a page over budget does not hide what the browser tests say.
section "size budget (150 KB gzipped per page)" bash scripts/size-check.sh
CURRENT=""
