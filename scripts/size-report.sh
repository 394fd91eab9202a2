#!/usr/bin/env bash
# First-load size of every page of the release build, and what makes the wasm big.
#
#   bash scripts/size-report.sh [options]
#
# Serves the release build (target/release/klantenrijbewijs + target/site, built first with
# scripts/build-site.sh release when missing) on a free 127.0.0.1 port with a fresh temporary
# SQLite database and the demo organisation, signs in with curl as a demo admin (who is also an
# employee), starts a walkthrough, and for each page measures
#   HTML      the page (raw, and gzip as served)
#   assets    the wasm, JS and CSS the page links under /pkg/: raw, gzip and brotli as served
#             (the release build's precompressed .gz and .br files)
#   wire      bytes actually transferred for HTML + assets when the browser sends
#             `Accept-Encoding: br, gzip`
# A server that sends something uncompressed (the pre-islands build did) gets gzip -9 / brotli
# -q 11 of it computed here instead (said under the table).
# then prints the 20 biggest items of the wasm (`twiggy top`, installed with `cargo install
# twiggy` when missing). 1 KB = 1024 bytes.
#
# Options:
#   --build          rebuild the release site first even when one exists
#   --no-build       never build; fail when the site is missing (scripts/size-check.sh)
#   --no-twiggy      skip the wasm breakdown
#   --budget KB      fail (exit 1) when a page's assets (wasm + JS + CSS) exceed KB gzipped
#   --bin PATH       another server binary (e.g. an older build, to compare)
#   --site DIR       its site root (default target/site)
#   --label TEXT     title of the table
set -euo pipefail

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

build=auto
twiggy=1
budget=""
bin="$ROOT/target/release/klantenrijbewijs"
site="$ROOT/target/site"
label=""
custom_bin=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=always ;;
    --no-build) build=never ;;
    --no-twiggy) twiggy=0 ;;
    --budget)
      budget="$2"
      shift
      ;;
    --bin)
      bin="$(realpath "$2")"
      custom_bin=1
      shift
      ;;
    --site)
      site="$(realpath "$2")"
      shift
      ;;
    --label)
      label="$2"
      shift
      ;;
    *)
      echo "usage: $0 [--build|--no-build] [--no-twiggy] [--budget KB] [--bin PATH] [--site DIR] [--label TEXT]" >&2
      exit 2
      ;;
  esac
  shift
done

log() { printf '[size] %s\n' "$*" >&2; }
die() {
  printf '[size] ERROR: %s\n' "$*" >&2
  exit 1
}
for tool in curl gzip brotli python3; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found (bash scripts/setup.sh test installs brotli)"
done

# ---------------------------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------------------------
site_ready() {
  local hash_file
  hash_file="$(dirname "$bin")/hash.txt"
  [ -x "$bin" ] || return 1
  if [ -f "$hash_file" ]; then
    local js
    js="$(awk -F': *' '$1 == "js" { print $2 }' "$hash_file")"
    [ -f "$site/pkg/klantenrijbewijs.$js.js" ]
  else
    [ -f "$site/pkg/klantenrijbewijs.js" ]
  fi
}
if [ "$custom_bin" = 0 ]; then
  if [ "$build" = always ] || { [ "$build" = auto ] && ! site_ready; }; then
    log "building the release site (scripts/build-site.sh release) ..."
    bash scripts/build-site.sh release >&2
  fi
  [ -f "$(dirname "$bin")/hash.txt" ] ||
    die "no release build (target/release/hash.txt missing): run bash scripts/build-site.sh release"
fi
site_ready || die "no site for $bin under $site: run bash scripts/build-site.sh release"

# ---------------------------------------------------------------------------------------------
# A server of its own
# ---------------------------------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/krb-size-XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
(
  cd "$tmp" # no developer .env
  export DATABASE_URL="sqlite://$tmp/size.db" DEMO_DATA=true COOKIE_SECURE=false \
    SESSION_IDLE_MINUTES=720 LEPTOS_SITE_ROOT="$site" EVIDENCE_DIR="$tmp/evidence" \
    APP_ADDR="127.0.0.1:$port" RUST_LOG=warn NO_COLOR=1
  exec "$bin"
) >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do
  curl -fsS --noproxy '*' "$base/healthz" >/dev/null 2>&1 && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$tmp/server.log" >&2
    die "server stopped at start-up"
  fi
  sleep 0.2
done
curl -fsS --noproxy '*' "$base/healthz" >/dev/null || die "server did not answer on $base"

jar="$tmp/cookies"
# Like a browser on the app's own pages (the server refuses cross-site posts).
http() { curl -sS --noproxy '*' -H 'sec-fetch-site: same-origin' -b "$jar" -c "$jar" "$@"; }

# ---------------------------------------------------------------------------------------------
# Pages: /login signed out, the rest as the demo admin (also an employee who walks)
# ---------------------------------------------------------------------------------------------
declare -a pages=("/login")
fetch_page() { # PATH OUT -> fails unless 200
  local code
  code="$(http -H 'accept: text/html' -o "$2" -w '%{http_code}' "$base$1")"
  [ "$code" = 200 ] || die "GET $1 answered $code"
}
fetch_page /login "$tmp/p0.html"

code="$(http -H 'accept: application/json' -o "$tmp/login.json" -w '%{http_code}' \
  --data-urlencode 'email=sanne.visser@dijkhuis.example' \
  --data-urlencode 'password=demo-wachtwoord' "$base/api/login")"
[ "$code" = 200 ] || die "sign-in answered $code: $(cat "$tmp/login.json")"

fetch_page /walk "$tmp/walk.html"
journey="$(grep -oE '/walk/start/[0-9]+' "$tmp/walk.html" | head -n1 | grep -oE '[0-9]+$' || true)"
[ -n "$journey" ] || die "no live journey to start on /walk"
walkthrough="$(http -H 'accept: application/json' --data-urlencode "journey_id=$journey" \
  "$base/api/walk/start" | tr -dc '0-9')"
[ -n "$walkthrough" ] || die "starting a walkthrough of journey $journey failed"
pages+=("/" "/walk" "/walkthroughs/$walkthrough/steps/1" "/walkthroughs/$walkthrough" "/journeys"
  "/admin/people")

# ---------------------------------------------------------------------------------------------
# Measure
# ---------------------------------------------------------------------------------------------
# served URL RAWFILE ENCODING [curl args]: bytes the server sends for ENCODING; computed locally
# (and counted) when it answers uncompressed.
served() {
  local url="$1" raw="$2" enc="$3" out hdr size
  shift 3
  out="$tmp/served.body" hdr="$tmp/served.headers"
  http "$@" -H "accept-encoding: $enc" -D "$hdr" -o "$out" "$base$url"
  if grep -qi "^content-encoding: *$enc" "$hdr"; then
    size="$(wc -c <"$out")"
  else
    touch "$tmp/computed"
    case "$enc" in
      gzip) size="$(gzip -9 -n -c "$raw" | wc -c)" ;;
      br) size="$(brotli -q 11 -c "$raw" | wc -c)" ;;
    esac
  fi
  echo "$size"
}
declare -A a_raw a_gz a_br a_wire
assets_seen=()
measure_asset() {
  local url="$1" f
  [ -n "${a_raw[$url]:-}" ] && return 0
  f="$tmp/asset.$(printf '%s' "$url" | md5sum | cut -c1-12)"
  local code
  code="$(http -H 'accept-encoding: identity' -o "$f" -w '%{http_code}' "$base$url")"
  [ "$code" = 200 ] || die "GET $url answered $code"
  a_raw[$url]="$(wc -c <"$f")"
  a_gz[$url]="$(served "$url" "$f" gzip)"
  a_br[$url]="$(served "$url" "$f" br)"
  a_wire[$url]="$(http -H 'accept-encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$url")"
  assets_seen+=("$url")
}

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
rows=()
over=()
sum_html_gz=0
sum_wire_html=0
i=0
for page in "${pages[@]}"; do
  f="$tmp/page$i.html"
  i=$((i + 1))
  if [ "$page" = /login ]; then
    # Signed out, as a first visitor sees it.
    cp "$tmp/p0.html" "$f"
    wire_html="$(curl -sS --noproxy '*' -H 'accept: text/html' -H 'accept-encoding: br, gzip' \
      -o /dev/null -w '%{size_download}' "$base/login")"
    html_gz="$(jar=/dev/null served /login "$f" gzip -H 'accept: text/html')"
  else
    fetch_page "$page" "$f"
    wire_html="$(http -H 'accept: text/html' -H 'accept-encoding: br, gzip' -o /dev/null \
      -w '%{size_download}' "$base$page")"
    html_gz="$(served "$page" "$f" gzip -H 'accept: text/html')"
  fi
  html_raw="$(wc -c <"$f")"
  mapfile -t urls < <(grep -oE '(href|src)="/pkg/[^"]+"' "$f" | sed -E 's/^(href|src)="//; s/"$//' | sort -u)
  [ "${#urls[@]}" -gt 0 ] || die "$page links no /pkg/ asset"
  s_raw=0 s_gz=0 s_br=0 s_wire=0
  for u in "${urls[@]}"; do
    measure_asset "$u"
    s_raw=$((s_raw + a_raw[$u]))
    s_gz=$((s_gz + a_gz[$u]))
    s_br=$((s_br + a_br[$u]))
    s_wire=$((s_wire + a_wire[$u]))
  done
  sum_html_gz=$((sum_html_gz + html_gz))
  sum_wire_html=$((sum_wire_html + wire_html))
  flag=""
  if [ -n "$budget" ] && [ "$s_gz" -gt $((budget * 1024)) ]; then
    flag="  OVER"
    over+=("$page")
  fi
  rows+=("$(printf '%-28s %9s %8s %10s %9s %9s %11s %9s%s' \
    "${page/$walkthrough/<id>}" "$(kb "$html_raw")" "$(kb "$html_gz")" "$(kb "$s_raw")" \
    "$(kb "$s_gz")" "$(kb "$s_br")" "$(kb $((html_gz + s_gz)))" "$(kb $((wire_html + s_wire)))" "$flag")")
done

all_raw=0 all_gz=0 all_wire=0
for u in "${assets_seen[@]}"; do
  all_raw=$((all_raw + a_raw[$u]))
  all_gz=$((all_gz + a_gz[$u]))
  all_wire=$((all_wire + a_wire[$u]))
done

title="${label:-First load per page: $(basename "$(dirname "$bin")")/$(basename "$bin"), site $site}"
echo
echo "$title"
echo "(KB = 1024 bytes; gz, br = as served for Accept-Encoding: gzip, br; assets = wasm + JS + CSS"
echo " the page links; first load = HTML gz + assets gz; wire = bytes sent for Accept-Encoding: br, gzip)"
printf '%-28s %9s %8s %10s %9s %9s %11s %9s\n' page "HTML raw" "HTML gz" "assets raw" "assets gz" \
  "assets br" "first load" wire
for r in "${rows[@]}"; do echo "$r"; done
printf '%-28s %9s %8s %10s %9s %9s %11s %9s\n' "all ${#pages[@]} pages, assets once" "" \
  "$(kb "$sum_html_gz")" "$(kb "$all_raw")" "$(kb "$all_gz")" "" \
  "$(kb $((sum_html_gz + all_gz)))" "$(kb $((sum_wire_html + all_wire)))"
if [ -f "$tmp/computed" ]; then
  echo "NOTE: this server sent some files uncompressed; their gz/br figures are gzip -9 / brotli -q 11"
  echo "      computed here (the wire column shows what it really sent)."
fi
echo
echo "assets:"
for u in "${assets_seen[@]}"; do
  printf '  %-52s %10s raw %9s gz %9s br %9s wire\n' "$u" "$(kb "${a_raw[$u]}")" "$(kb "${a_gz[$u]}")" \
    "$(kb "${a_br[$u]}")" "$(kb "${a_wire[$u]}")"
done

# ---------------------------------------------------------------------------------------------
# What makes the wasm big
# ---------------------------------------------------------------------------------------------
if [ "$twiggy" = 1 ]; then
  named="$ROOT/target/site-build/release/klantenrijbewijs_bg.wasm"
  if [ "$custom_bin" = 1 ] || [ ! -f "$named" ]; then
    log "twiggy: no named wasm of this build (target/site-build/release); skipped"
  else
    if ! command -v twiggy >/dev/null 2>&1; then
      log "installing twiggy (cargo install twiggy, once) ..."
      cargo install twiggy --locked >&2 || cargo install twiggy >&2
    fi
    # wasm-opt as the build runs it, but keeping the names (-g), so twiggy sees what ships.
    opt_named="$ROOT/target/site-build/release/klantenrijbewijs.opt-named.wasm"
    if [ ! -f "$opt_named" ] || [ "$named" -nt "$opt_named" ]; then
      command -v wasm-opt >/dev/null 2>&1 || die "wasm-opt not found; run bash scripts/setup.sh run"
      wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int "$named" -o "$opt_named"
    fi
    echo
    echo "wasm: the 20 biggest items (twiggy top of the wasm-opt -Oz output with names kept; the"
    echo "\"function names\" subsection exists only in this copy, the shipped wasm has none)"
    twiggy top -n 21 "$opt_named" | grep -v '"function names" subsection'

  fi
fi

if [ -n "$budget" ]; then
  echo
  if [ "${#over[@]}" -gt 0 ]; then
    echo "BUDGET EXCEEDED: ${over[*]} load more than $budget KB gzipped (wasm + JS + CSS)"
    exit 1
  fi
  echo "budget ok: every page loads at most $budget KB gzipped (wasm + JS + CSS)"
fi
