#!/usr/bin/env bash
# Builds the server binary and the browser bundle with plain cargo + the wasm-bindgen CLI (no
# cargo-leptos). Used by scripts/run.sh (release) and scripts/test.sh (release).
#
#   scripts/build-site.sh [debug|release]     (default: debug)
#
# debug produces plain names, for development and `cargo test`-style runs:
#   target/debug/klantenrijbewijs                server (features ssr)
#   target/site/pkg/klantenrijbewijs.js          wasm-bindgen glue (features hydrate)
#   target/site/pkg/klantenrijbewijs_bg.wasm
#   target/site/pkg/klantenrijbewijs.css         copy of style/main.css
#   target/site/*                                copy of public/
#
# release produces what users get:
#   target/release/klantenrijbewijs              server (features ssr, profile release)
#   target/release/hash.txt                      "js: <hash>", "wasm: <hash>", "css: <hash>": Leptos
#                                                and server::SiteAssets link the hashed names
#   target/site/pkg/klantenrijbewijs.<hash>.wasm wasm (profile wasm-release, then wasm-opt -Oz)
#   target/site/pkg/klantenrijbewijs.<hash>.js   wasm-bindgen glue, minified by esbuild
#   target/site/pkg/klantenrijbewijs.<hash>.css  style/main.css minified by Lightning CSS
#   ... each with .br (brotli -q 11) and .gz (zopfli: gzip format, ~5% smaller than gzip -9)
#   beside it, served by the app's ServeDir; <hash> = first 16 hex digits of the file's SHA-256
#   target/site-build/release/                   unhashed intermediate files (the wasm before
#                                                wasm-opt keeps its names section for twiggy)
# Release needs wasm-opt (npm binaryen 132), esbuild and lightningcss (npm lightningcss-cli) in
# .tools/, and brotli + zopfli (Debian): `bash scripts/setup.sh run` installs them. Older hashed
# files are removed.
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
# Cargo's output; a shared CARGO_TARGET_DIR (several work trees of this repo) is honoured: the
# server binary is then copied into this tree's target/ right after it is built, so another
# tree's build cannot swap it before this tree's tests start it.
CARGO_OUT="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$CARGO_OUT" in /*) ;; *) CARGO_OUT="$ROOT/$CARGO_OUT" ;; esac
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

if [ "$PROFILE" = release ]; then
  for tool in wasm-opt esbuild lightningcss brotli zopfli sha256sum; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found; run: bash scripts/setup.sh run"
  done
fi

# Sequential on purpose: both builds share target/ (cargo's lock would serialise them anyway).
step "server: cargo build --bin $NAME --features ssr${server_args[*]:+ ${server_args[*]}}" \
  cargo build --bin "$NAME" --features ssr "${server_args[@]}"
server_dir="$( [ "$PROFILE" = release ] && echo release || echo debug )"
if [ "$CARGO_OUT" != "$ROOT/target" ]; then
  mkdir -p "$ROOT/target/$server_dir"
  cp "$CARGO_OUT/$server_dir/$NAME" "$ROOT/target/$server_dir/$NAME.tmp"
  mv "$ROOT/target/$server_dir/$NAME.tmp" "$ROOT/target/$server_dir/$NAME"
fi

wasm_build() {
  if [ "$PROFILE" = release ]; then
    # Panic locations in the shipped wasm name crates.io/…/src/x.rs, not this machine's paths
    # (shorter, and nothing about the build machine leaks). Applies to the wasm target only.
    local registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
    RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$registry=/crates --remap-path-prefix=$ROOT=/krb" \
      cargo build --lib --target wasm32-unknown-unknown --features hydrate "${wasm_args[@]}"
  else
    cargo build --lib --target wasm32-unknown-unknown --features hydrate "${wasm_args[@]}"
  fi
}
step "wasm: cargo build --lib --target wasm32-unknown-unknown --features hydrate${wasm_args[*]:+ ${wasm_args[*]}}" \
  wasm_build

WASM_IN="$CARGO_OUT/wasm32-unknown-unknown/$wasm_dir/$NAME.wasm"
[ -f "$WASM_IN" ] || die "wasm output not found: $WASM_IN"

mkdir -p "$PKG_DIR"

if [ "$PROFILE" = debug ]; then
  step "wasm-bindgen --target web -> target/site/pkg" \
    wasm-bindgen --target web --no-typescript --out-dir "$PKG_DIR" --out-name "$NAME" "$WASM_IN"
  [ -f style/main.css ] || die "style/main.css missing"
  cp style/main.css "$PKG_DIR/$NAME.css"
else
  STAGE="$ROOT/target/site-build/release"
  rm -rf "$STAGE"
  mkdir -p "$STAGE"
  step "wasm-bindgen --target web -> target/site-build/release" \
    wasm-bindgen --target web --no-typescript --out-dir "$STAGE" --out-name "$NAME" "$WASM_IN"
  # Same flags as cargo-leptos 0.3. Binaryen from npm (132): Debian's 108 breaks the module.
  step "wasm-opt -Oz ($(wasm-opt --version | head -n1))" \
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$STAGE/${NAME}_bg.wasm" -o "$STAGE/$NAME.opt.wasm"
  step "esbuild --minify (glue JS, $(esbuild --version))" \
    esbuild --minify --format=esm --log-level=warning "$STAGE/$NAME.js" --outfile="$STAGE/$NAME.min.js"
  [ -f style/main.css ] || die "style/main.css missing"
  step "lightningcss --minify ($(lightningcss --version | head -n1))" \
    lightningcss --minify --targets 'defaults' style/main.css -o "$STAGE/$NAME.css"

  hash_of() { sha256sum "$1" | cut -c1-16; }
  js_hash="$(hash_of "$STAGE/$NAME.min.js")"
  wasm_hash="$(hash_of "$STAGE/$NAME.opt.wasm")"
  css_hash="$(hash_of "$STAGE/$NAME.css")"

  # Earlier release builds' files go; plain debug names may stay (the debug binary links them).
  find "$PKG_DIR" -maxdepth 1 -type f -regextype posix-extended \
    -regex ".*/$NAME\.[0-9a-f]{16}\.(js|wasm|css)(\.br|\.gz)?" -delete
  cp "$STAGE/$NAME.min.js" "$PKG_DIR/$NAME.$js_hash.js"
  cp "$STAGE/$NAME.opt.wasm" "$PKG_DIR/$NAME.$wasm_hash.wasm"
  cp "$STAGE/$NAME.css" "$PKG_DIR/$NAME.$css_hash.css"
  if [ -d "$STAGE/snippets" ]; then
    rm -rf "$PKG_DIR/snippets"
    cp -R "$STAGE/snippets" "$PKG_DIR/snippets"
  fi

  precompress() {
    local f
    for f in "$@"; do
      zopfli -c "$f" >"$f.gz"
      brotli -q 11 -f -o "$f.br" "$f"
    done
  }
  step "precompress (brotli -q 11, zopfli)" precompress \
    "$PKG_DIR/$NAME.$js_hash.js" "$PKG_DIR/$NAME.$wasm_hash.wasm" "$PKG_DIR/$NAME.$css_hash.css"

  # Last, so a server started meanwhile never links files that are not there yet.
  printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" \
    >"$ROOT/target/release/hash.txt.tmp"
  mv "$ROOT/target/release/hash.txt.tmp" "$ROOT/target/release/hash.txt"
fi

if [ -d public ]; then
  # Contents of public/ (not the directory itself) into the site root.
  cp -R public/. "$SITE_ROOT/"
fi

log "site ready in $SITE_ROOT ($PROFILE) in $(($(date +%s) - BUILD_START))s:"
if [ "$PROFILE" = release ]; then
  log "  target/release/hash.txt: $(tr '\n' ' ' <"$ROOT/target/release/hash.txt")"
  find "$PKG_DIR" -maxdepth 1 -type f -name "$NAME.*" \
    \( -name "*.$js_hash.*" -o -name "*.$wasm_hash.*" -o -name "*.$css_hash.*" \) \
    -printf '[build-site]   %10s bytes  %f\n' | sort -k4
else
  find "$PKG_DIR" -maxdepth 1 -type f -printf '[build-site]   %10s bytes  %f\n' | sort -k4
fi
