#!/usr/bin/env bash
# Builds the server binary and the browser bundle without cargo-leptos (used by the tests).
#
#   scripts/build-site.sh [debug|release]     (default: debug)
#
# Produces
#   target/<debug|release>/klantenrijbewijs      server (features ssr)
#   target/site/pkg/klantenrijbewijs.js          wasm-bindgen glue (features hydrate)
#   target/site/pkg/klantenrijbewijs_bg.wasm
#   target/site/pkg/klantenrijbewijs.css         copy of style/main.css
#   target/site/*                                copy of public/
# Release additionally runs wasm-opt -Oz when wasm-opt is found (.tools/ or PATH).
set -euo pipefail

PROFILE="${1:-debug}"
case "$PROFILE" in
  debug)
    server_args=()
    wasm_args=()
    wasm_dir="debug"
    ;;
  release)
    server_args=(--release)
    wasm_args=(--profile wasm-release)
    wasm_dir="wasm-release"
    ;;
  *)
    echo "usage: $0 [debug|release]" >&2
    exit 2
    ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac
if [ -d "$ROOT/.tools/node_modules/.bin" ]; then
  export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
fi

SITE_ROOT="$ROOT/target/site"
PKG_DIR="$SITE_ROOT/pkg"
NAME="klantenrijbewijs"

log() { printf '[build-site] %s\n' "$*"; }
die() {
  printf '[build-site] ERROR: %s\n' "$*" >&2
  exit 1
}
# step NAME CMD... : run CMD, report its duration.
step() {
  local name="$1" start
  shift
  log "$name ..."
  start=$(date +%s)
  "$@"
  log "$name done in $(($(date +%s) - start))s"
}

BUILD_START=$(date +%s)

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
command -v wasm-bindgen >/dev/null 2>&1 || die "wasm-bindgen not found; run scripts/setup.sh"
WB_FOUND="$(wasm-bindgen --version | awk '{print $2}')"
[ "$WB_FOUND" = "$WB_VERSION" ] ||
  die "wasm-bindgen CLI is $WB_FOUND but Cargo.lock has $WB_VERSION; run scripts/setup.sh"

# Sequential on purpose: both builds share target/ (cargo's lock would serialise them anyway).
step "server: cargo build --bin $NAME --features ssr${server_args[*]:+ ${server_args[*]}}" \
  cargo build --bin "$NAME" --features ssr "${server_args[@]}"

step "wasm: cargo build --lib --target wasm32-unknown-unknown --features hydrate${wasm_args[*]:+ ${wasm_args[*]}}" \
  cargo build --lib --target wasm32-unknown-unknown --features hydrate "${wasm_args[@]}"

WASM_IN="$ROOT/target/wasm32-unknown-unknown/$wasm_dir/$NAME.wasm"
[ -f "$WASM_IN" ] || die "wasm output not found: $WASM_IN"

mkdir -p "$PKG_DIR"
step "wasm-bindgen --target web -> target/site/pkg" \
  wasm-bindgen --target web --no-typescript --out-dir "$PKG_DIR" --out-name "$NAME" "$WASM_IN"

if [ "$PROFILE" = release ]; then
  if command -v wasm-opt >/dev/null 2>&1; then
    # Same flags as cargo-leptos 0.3.
    step "wasm-opt -Oz ($(wasm-opt --version | head -n1))" \
      wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$PKG_DIR/${NAME}_bg.wasm" -o "$PKG_DIR/${NAME}_bg.wasm"
  else
    log "wasm-opt not found: release wasm left unoptimised (scripts/setup.sh run installs it)"
  fi
fi

[ -f style/main.css ] || die "style/main.css missing"
cp style/main.css "$PKG_DIR/$NAME.css"

if [ -d public ]; then
  # Contents of public/ (not the directory itself) into the site root.
  cp -R public/. "$SITE_ROOT/"
fi

log "site ready in $SITE_ROOT ($PROFILE) in $(($(date +%s) - BUILD_START))s:"
find "$PKG_DIR" -maxdepth 1 -type f -printf '[build-site]   %10s bytes  %f\n' | sort -k4
