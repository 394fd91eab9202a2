#!/usr/bin/env bash
# Idempotent installer for everything the build, the tests and the app need.
#
#   scripts/setup.sh [test|run|dev]     (default: test)
#
# Every mode: wasm32-unknown-unknown target, rustfmt + clippy, wasm-bindgen CLI at the exact
#             Cargo.lock version.
# "run" and "test" (the release site, scripts/build-site.sh release): wasm-opt (npm `binaryen`
#             132), esbuild (npm, 0.28.2) and lightningcss (npm `lightningcss-cli` 1.33.0) in
#             .tools/, brotli and zopfli (apt).
# "test":     additionally Chromium + fonts + the sqlite3 shell (apt), the Playwright deps in
#             end2end/ (npm ci) and
#             Python's aiosmtpd (the local SMTP server tests/integration/reminders.rs mails to),
#             PostgreSQL (apt; the integration tests start a server of their own with it).
# "dev":      additionally cargo-leptos 0.3.11, only for `cargo leptos watch` (20-35 min from
#             source on 2 cores; nothing else needs it).
#
# Every step is skipped when its result is already present at the right version. Expects a
# Debian machine with rustup, Node.js (>= 18) and npm; apt-get runs as root or through sudo.
set -euo pipefail

MODE="${1:-test}"
case "$MODE" in
  test | run | dev) ;;
  *)
    echo "usage: $0 [test|run|dev]" >&2
    exit 2
    ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_LEPTOS_VERSION="0.3.11"
BINARYEN_VERSION="132"
LIGHTNINGCSS_CLI_VERSION="1.33.0"
ESBUILD_VERSION="0.28.2"
TOOLS_DIR="$ROOT/.tools"

# Binaries installed by `cargo install` land here; a non-login CI shell may not have it on PATH.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

SETUP_START=$(date +%s)
log() { printf '[setup] %s\n' "$*"; }
die() {
  printf '[setup] ERROR: %s\n' "$*" >&2
  exit 1
}
skip() { log "skip    $1 ($2)"; }
# timed NAME CMD... : run CMD, report its duration.
timed() {
  local name="$1" start
  shift
  log "install $name ..."
  start=$(date +%s)
  "$@"
  log "done    $name in $(($(date +%s) - start))s"
}

# Wait while someone else's `cargo install <crate>` is running (e.g. a background install on a
# developer machine), so that we do not build the same tool twice at once. Max 90 minutes.
wait_for_other_install() {
  local crate="$1" waited=0
  while pgrep -f "cargo( \+[^ ]+)? install .*${crate}" >/dev/null 2>&1; do
    if [ "$waited" -eq 0 ]; then
      log "wait    another 'cargo install ${crate}' is running; waiting for it to finish ..."
    fi
    if [ "$waited" -ge 5400 ]; then
      log "wait    gave up waiting after ${waited}s"
      return 0
    fi
    sleep 15
    waited=$((waited + 15))
  done
  if [ "$waited" -gt 0 ]; then
    log "wait    the other install finished after ~${waited}s"
  fi
}

# ---------------------------------------------------------------------------------------------
# apt helpers (root or sudo)
# ---------------------------------------------------------------------------------------------
APT_UPDATED=0
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root or sudo to run: $*"
  fi
}
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install manually: $*"
  if [ "$APT_UPDATED" = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

log "mode: $MODE (repo $ROOT)"

# ---------------------------------------------------------------------------------------------
# Rust toolchain
# ---------------------------------------------------------------------------------------------
command -v rustup >/dev/null 2>&1 || die "rustup not found (install from https://rustup.rs)"
command -v cargo >/dev/null 2>&1 || die "cargo not found on PATH"

if ! command -v cc >/dev/null 2>&1; then
  # Needed by crates with C parts (bundled SQLite, ring).
  timed "C compiler (gcc, libc6-dev)" apt_install gcc libc6-dev
else
  skip "C compiler" "$(command -v cc)"
fi

if rustup target list --installed | grep -qx "wasm32-unknown-unknown"; then
  skip "rust target wasm32-unknown-unknown" "installed"
else
  timed "rust target wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown
fi

installed_components="$(rustup component list --installed)"
for comp in rustfmt clippy; do
  if grep -q "^${comp}" <<<"$installed_components"; then
    skip "rust component $comp" "installed"
  else
    timed "rust component $comp" rustup component add "$comp"
  fi
done

# ---------------------------------------------------------------------------------------------
# wasm-bindgen CLI: must equal the wasm-bindgen crate version in Cargo.lock
# ---------------------------------------------------------------------------------------------
[ -f Cargo.lock ] || die "Cargo.lock missing"
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_VERSION" ] || die "could not find the wasm-bindgen version in Cargo.lock"

wasm_bindgen_ok() {
  command -v wasm-bindgen >/dev/null 2>&1 &&
    [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WB_VERSION" ]
}
if ! wasm_bindgen_ok; then
  wait_for_other_install wasm-bindgen-cli
fi
if wasm_bindgen_ok; then
  skip "wasm-bindgen-cli $WB_VERSION" "$(command -v wasm-bindgen)"
else
  if command -v wasm-bindgen >/dev/null 2>&1; then
    log "found $(wasm-bindgen --version 2>/dev/null || echo 'unknown wasm-bindgen'), need $WB_VERSION"
  fi
  # No --locked: a locked dependency of wasm-bindgen-cli (webpki-roots) is not served by the
  # registry mirror here; the unlocked resolution builds fine. --force replaces a wrong version.
  timed "wasm-bindgen-cli $WB_VERSION (cargo install, ~5 min)" \
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
  wasm_bindgen_ok || die "wasm-bindgen $WB_VERSION still not on PATH after install (PATH=$PATH)"
fi

# ---------------------------------------------------------------------------------------------
# Modes "run" and "test": what scripts/build-site.sh release needs (wasm-opt, esbuild,
# lightningcss, brotli, zopfli; sha256sum is part of every Debian)
# ---------------------------------------------------------------------------------------------
if [ "$MODE" = run ] || [ "$MODE" = test ]; then
  WASM_OPT="$TOOLS_DIR/node_modules/.bin/wasm-opt"
  LIGHTNINGCSS="$TOOLS_DIR/node_modules/.bin/lightningcss"
  ESBUILD="$TOOLS_DIR/node_modules/.bin/esbuild"
  npm_tools=()
  if [ -x "$WASM_OPT" ] && "$WASM_OPT" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b"; then
    skip "wasm-opt (binaryen $BINARYEN_VERSION)" "$WASM_OPT"
  else
    npm_tools+=("binaryen@$BINARYEN_VERSION")
  fi
  if [ -x "$ESBUILD" ] && [ "$("$ESBUILD" --version 2>/dev/null)" = "$ESBUILD_VERSION" ]; then
    skip "esbuild $ESBUILD_VERSION" "$ESBUILD"
  else
    npm_tools+=("esbuild@$ESBUILD_VERSION")
  fi
  lightningcss_version() {
    node -p "require('$TOOLS_DIR/node_modules/lightningcss-cli/package.json').version" 2>/dev/null || true
  }
  if [ -x "$LIGHTNINGCSS" ] && [ "$(lightningcss_version)" = "$LIGHTNINGCSS_CLI_VERSION" ] &&
    "$LIGHTNINGCSS" --version >/dev/null 2>&1; then
    skip "lightningcss (lightningcss-cli $LIGHTNINGCSS_CLI_VERSION)" "$LIGHTNINGCSS"
  else
    npm_tools+=("lightningcss-cli@$LIGHTNINGCSS_CLI_VERSION")
  fi
  if [ "${#npm_tools[@]}" -gt 0 ]; then
    command -v npm >/dev/null 2>&1 || die "npm not found (install Node.js >= 18)"
    mkdir -p "$TOOLS_DIR"
    [ -f "$TOOLS_DIR/package.json" ] ||
      printf '{\n  "name": "klantenrijbewijs-tools",\n  "private": true\n}\n' >"$TOOLS_DIR/package.json"
    timed "${npm_tools[*]} (npm, into .tools/)" \
      npm install --prefix "$TOOLS_DIR" --save-exact --no-audit --no-fund --loglevel=error "${npm_tools[@]}"
    "$WASM_OPT" --version >/dev/null 2>&1 || die "wasm-opt not working after install: $WASM_OPT"
    "$LIGHTNINGCSS" --version >/dev/null 2>&1 || die "lightningcss not working after install: $LIGHTNINGCSS"
    "$ESBUILD" --version >/dev/null 2>&1 || die "esbuild not working after install: $ESBUILD"
  fi
  apt_pkgs=()
  for tool in brotli zopfli; do
    if command -v "$tool" >/dev/null 2>&1; then
      skip "$tool" "$(command -v "$tool")"
    else
      apt_pkgs+=("$tool")
    fi
  done
  if [ "${#apt_pkgs[@]}" -gt 0 ]; then
    timed "apt: ${apt_pkgs[*]}" apt_install "${apt_pkgs[@]}"
  fi
fi

# ---------------------------------------------------------------------------------------------
# Mode "test": Chromium + fonts for the browser tests (Debian packages; never
# `npx playwright install`) and Playwright in end2end/
# ---------------------------------------------------------------------------------------------
if [ "$MODE" = test ]; then
  apt_pkgs=()
  if [ -x /usr/bin/chromium ]; then
    skip "chromium" "/usr/bin/chromium"
  else
    apt_pkgs+=(chromium)
  fi
  if have_deb fonts-dejavu-core; then
    skip "fonts-dejavu-core" "installed"
  else
    apt_pkgs+=(fonts-dejavu-core)
  fi
  # The sqlite3 shell: a browser spec prepares its own database with it (improvement-life).
  if command -v sqlite3 >/dev/null 2>&1; then
    skip "sqlite3" "$(command -v sqlite3)"
  else
    apt_pkgs+=(sqlite3)
  fi
  if [ "${#apt_pkgs[@]}" -gt 0 ]; then
    timed "apt: ${apt_pkgs[*]}" apt_install "${apt_pkgs[@]}"
    [ -x /usr/bin/chromium ] || die "/usr/bin/chromium still missing after apt-get install"
  fi

  # Node.js + Playwright (end2end/)
  command -v node >/dev/null 2>&1 || die "node not found (install Node.js >= 18)"
  command -v npm >/dev/null 2>&1 || die "npm not found"
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$node_major" -ge 18 ] || die "Node.js >= 18 needed for Playwright, found $(node --version)"

  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  # npm ci writes node_modules/.package-lock.json; a newer package-lock.json means deps changed.
  if [ -d end2end/node_modules ] && [ -f end2end/node_modules/.package-lock.json ] &&
    [ ! end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ] &&
    [ -x end2end/node_modules/.bin/playwright ]; then
    skip "end2end npm dependencies" "node_modules up to date"
  else
    timed "end2end npm dependencies (npm ci)" \
      npm ci --prefix end2end --no-audit --no-fund --loglevel=error
    # npm ci keeps the lock file's mtime; touch the marker so the check above holds next time.
    touch end2end/node_modules/.package-lock.json
  fi

  # aiosmtpd: the SMTP server the reminder tests start (tests/integration/smtp_sink.py). pip for the python3
  # on PATH; where that python is Debian's own (pip refuses, PEP 668) the Debian package.
  command -v python3 >/dev/null 2>&1 || die "python3 not found (the reminder tests need it)"
  if python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    skip "python aiosmtpd" "$(python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)')"
  else
    if python3 -m pip --version >/dev/null 2>&1; then
      timed "python aiosmtpd (pip)" python3 -m pip install --quiet --user aiosmtpd || true
    fi
    if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
      timed "python aiosmtpd (apt)" apt_install python3-aiosmtpd
    fi
  fi
  python3 -c 'import aiosmtpd' >/dev/null 2>&1 || die "python aiosmtpd still missing"

  # PostgreSQL: the integration tests start their own server in a temporary directory
  # (tests/integration/common/postgres.rs) with initdb and pg_ctl from Debian's package.
  pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
  if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; then
    skip "postgresql" "$("$(pg_bin)/postgres" --version)"
  else
    timed "postgresql (apt)" apt_install postgresql
  fi
  [ -x "$(pg_bin)/initdb" ] || die "PostgreSQL's initdb still missing"
fi

# ---------------------------------------------------------------------------------------------
# Mode "dev": cargo-leptos for `cargo leptos watch` (the release build does not use it)
# ---------------------------------------------------------------------------------------------
if [ "$MODE" = dev ]; then
  cargo_leptos_ok() { cargo leptos --version >/dev/null 2>&1; }
  if ! cargo_leptos_ok; then
    wait_for_other_install cargo-leptos
  fi
  if cargo_leptos_ok; then
    skip "cargo-leptos" "$(cargo leptos --version 2>/dev/null | head -n1)"
  else
    # cargo-leptos 0.3.11 with --locked needs rustc >= 1.96 (cargo-util-schemas 0.14.2).
    rustc_minor="$(rustc --version | awk '{print $2}' | cut -d. -f2)"
    if [ "${rustc_minor:-0}" -ge 96 ]; then
      install_leptos() { cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked; }
      how="stable, --locked"
    elif rustup toolchain list | grep -q '^nightly'; then
      install_leptos() { cargo +nightly install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked; }
      how="nightly, --locked"
    else
      install_leptos() { cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION"; }
      how="stable, unlocked"
    fi
    install_leptos_any() {
      install_leptos || {
        log "locked install failed; retrying without --locked"
        cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION"
      }
    }
    timed "cargo-leptos $CARGO_LEPTOS_VERSION ($how; 20-35 min from source)" install_leptos_any
    cargo_leptos_ok || die "cargo leptos still not working after install"
  fi
fi

log "all set for '$MODE' in $(($(date +%s) - SETUP_START))s"
