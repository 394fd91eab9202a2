#!/usr/bin/env bash
# HR-at-scale benchmark (run by hand, never in CI): the release server on a database grown to
# BENCH_PEOPLE employees and BENCH_WALKS completed walkthroughs (~10 findings each, licences in
# every status), measured with wrk: throughput and p50/p99 latency of the sign-in page (a page
# with no session and no database), the employee home, one of
# the employee's walkthrough logs, the HR dashboard, the people list and the CSV export, the
# improvements (the inbox as the demo team lead, the overview as CX, an improvement page with 200+
# linked frictions), next to a fixed page through the same layers (the ceiling). Also the server's peak memory (VmHWM,
# with the mapped database file) and its own memory (RssAnon) after each page, and
# the 10,000-row employee-import benchmark. The table goes to target/bench-<date>.txt.
#
#   bash scripts/bench.sh
#
# Env: BENCH_PEOPLE (10000), BENCH_WALKS (30000), BENCH_CONNECTIONS (16), BENCH_SECONDS (15),
# BENCH_IMPORT_ROWS (10000), BENCH_SQL (a .sql file applied to the database copy first),
# SKIP_BUILD=1 (use the release binary as it is), BENCH_BIN (another
# binary), KEEP_TMP=1.
# The seeded database is cached as target/bench-scale-<people>-<walks>-<day>.db (demo dates are
# relative to the day), so a second run the same day skips seeding.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
people="${BENCH_PEOPLE:-10000}"
walks="${BENCH_WALKS:-30000}"
conns="${BENCH_CONNECTIONS:-16}"
secs="${BENCH_SECONDS:-15}"
import_rows="${BENCH_IMPORT_ROWS:-10000}"
target="${CARGO_TARGET_DIR:-$repo/target}"
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk"
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (release)"
  cargo build --release --features ssr --bin klantenrijbewijs
fi
bin="${BENCH_BIN:-$target/release/klantenrijbewijs}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/krb-bench-XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

export DEMO_DATA=true
export COOKIE_SECURE=false
export LEPTOS_SITE_ROOT="$tmp/site"
export EVIDENCE_DIR="$tmp/evidence"
export RUST_LOG="${RUST_LOG:-warn}"
export NO_COLOR=1

# "-imp": databases seeded before seed-scale made improvements lack them.
cache="$target/bench-scale-$people-$walks-imp-$(date +%Y%m%d).db"
if [ ! -f "$cache" ]; then
  echo "== seed: $people employees, $walks walkthroughs (cached as $cache)"
  export DATABASE_URL="sqlite://$tmp/seed.db"
  start=$(date +%s.%N)
  (cd "$tmp" && "$bin" seed-scale --people "$people" --walkthroughs "$walks")
  seed_secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
  echo "seeding took ${seed_secs} s"
  sqlite3 "$tmp/seed.db" "pragma wal_checkpoint(truncate);" >/dev/null
  cp "$tmp/seed.db" "$cache.part" && mv "$cache.part" "$cache"
else
  seed_secs="cached"
  echo "== seed: using $cache"
fi
cp "$cache" "$tmp/bench.db"
if [ -n "${BENCH_SQL:-}" ]; then
  echo "== applying $BENCH_SQL to the copy (e.g. indexes, to try them without a rebuild)"
  sqlite3 "$tmp/bench.db" <"$BENCH_SQL"
fi
export DATABASE_URL="sqlite://$tmp/bench.db"
sq() { sqlite3 "$tmp/bench.db" "$1"; }
echo "database: $(sq 'select count(*) from person') people, $(sq 'select count(*) from walkthrough') walkthroughs," \
  "$(sq 'select count(*) from friction') findings, $(sq 'select count(*) from improvement') improvements" \
  "($(sq 'select count(*) from friction_triage') frictions triaged), $(sq 'select count(*) from licence_period') licence periods," \
  "$(du -h "$tmp/bench.db" | cut -f1)"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export APP_ADDR="127.0.0.1:$port"
base="http://$APP_ADDR"
echo "== serve on $base"
(cd "$tmp" && BENCH_STATIC=1 exec "$bin" serve) >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 1 150); do
  curl -fsS --noproxy '*' "$base/healthz" >/dev/null 2>&1 && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "server stopped at start-up:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.2
done

# Signs in like the app's sign-in form does (same-origin fetch); prints the Cookie header.
sign_in() {
  local jar="$tmp/$1.jar"
  local code
  code=$(curl -sS --noproxy '*' -o "$tmp/$1.login" -w '%{http_code}' -c "$jar" \
    -H 'accept: application/json' -H 'sec-fetch-site: same-origin' \
    --data-urlencode "email=$1" --data-urlencode 'password=demo-wachtwoord' "$base/api/login")
  if [ "$code" != 200 ]; then
    echo "sign-in as $1 failed ($code): $(cat "$tmp/$1.login")" >&2
    exit 1
  fi
  awk 'BEGIN { ORS = "; " } !/^#/ && NF >= 7 { print $6 "=" $7 } /^#HttpOnly_/ { print $6 "=" $7 }' "$jar" | sed 's/; $//'
}
hr_email="fatima.elamrani@dijkhuis.example"
# A grown employee with the most walkthroughs: a realistic, well-filled home page.
employee_id=$(sq "select person_id from walkthrough w join person p on p.id = w.person_id
  where p.email like 'medewerker%' group by person_id order by count(*) desc, person_id limit 1")
employee_email=$(sq "select email from person where id = $employee_id")
walk_id=$(sq "select id from walkthrough where person_id = $employee_id and status = 'completed' order by id desc limit 1")
hr_cookie=$(sign_in "$hr_email")
emp_cookie=$(sign_in "$employee_email")
echo "signed in as $hr_email and $employee_email (walkthrough $walk_id)"
# Improvements: the demo team lead's inbox (Autoschade), CX's overview, and the improvement with
# the fewest linked frictions of those with at least 200.
lead_email="marieke.jansen@dijkhuis.example"
cx_email="wouter.brouwer@dijkhuis.example"
big_improvement=$(sq "select improvement_id from friction_triage where improvement_id is not null
  group by improvement_id having count(*) >= 200 order by count(*), improvement_id limit 1")
echo "improvement $big_improvement has $(sq "select count(*) from friction_triage where improvement_id = ${big_improvement:-0}") linked frictions"
lead_cookie=$(sign_in "$lead_email")
cx_cookie=$(sign_in "$cx_email")

out="$target/bench-$(date +%Y-%m-%d).txt"
rows=()
anon_max=0
# path, cookie, label
run() {
  local label="$1" path="$2" cookie="$3"
  local code
  code=$(curl -sS --noproxy '*' -o "$tmp/probe" -w '%{http_code}' -H "Cookie: $cookie" -H 'accept: text/html' "$base$path")
  if [ "$code" != 200 ]; then
    echo "-- $label ($path): HTTP $code, skipped (not there yet?)"
    rows+=("$(printf '%-28s %-36s %s' "$label" "$path" "skipped: HTTP $code")")
    return
  fi
  local bytes
  bytes=$(stat -c %s "$tmp/probe")
  echo "-- $label ($path, $bytes bytes uncompressed)"
  local result
  result=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $cookie" -H 'accept: text/html' \
    -H 'accept-encoding: gzip' "$base$path")
  echo "$result" | sed 's/^/   /'
  local rps p50 p99 errors
  rps=$(echo "$result" | awk '/Requests\/sec/ { print $2 }')
  p50=$(echo "$result" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$result" | awk '$1 == "99%" { print $2 }')
  errors=$(echo "$result" | awk '/Non-2xx|Socket errors/ { $1 = $1; print }' | tr '\n' ' ')
  local hwm anon
  hwm=$(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$server/status")
  anon=$(awk '/RssAnon/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
  if [ "$anon" -gt "$anon_max" ]; then anon_max=$anon; fi
  rows+=("$(printf '%-28s %-36s %10s %10s %10s %8s %9s %8s %s' "$label" "$path" "$rps" "$p50" "$p99" "$bytes" "$hwm" "$anon MB" "$errors")")
  eval "rps_$4=$rps"
}

run "static ceiling" "/bench/static" "" static
# The cost of rendering any page at all: the sign-in page needs no session and no database.
run "sign-in page (no database)" "/login" "" login
run "employee home" "/" "$emp_cookie" home
run "walkthrough log" "/walkthroughs/$walk_id" "$emp_cookie" walk
run "HR dashboard" "/hr" "$hr_cookie" dashboard
run "HR people list" "/hr/people" "$hr_cookie" people
run "HR people export (CSV)" "/hr/people/export.csv" "$hr_cookie" export
run "improvement inbox (lead)" "/improvements/inbox" "$lead_cookie" inbox
run "improvements overview (CX)" "/improvements" "$cx_cookie" overview
run "improvement, 200+ frictions" "/improvements/${big_improvement:-0}" "$cx_cookie" improvement
rss=$(awk '/VmHWM/ { print $2 " " $3 }' "/proc/$server/status")

echo "== import benchmark ($import_rows rows)"
import_line=$(cd "$tmp" && DATABASE_URL="sqlite://$tmp/unused.db" "$bin" bench-import --rows "$import_rows" 2>&1 | tail -n 1)
echo "$import_line"

pct() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "n/a" }'; }
{
  echo "HR at scale benchmark, $(date -u +'%Y-%m-%d %H:%M UTC'), $(git log -1 --format='%h %s' 2>/dev/null || echo 'no git')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); wrk -t2 -c$conns -d${secs}s"
  echo "database: $people employees, $walks walkthroughs, $(sq 'select count(*) from friction') findings; seeding: $seed_secs s"
  echo
  printf '%-28s %-36s %10s %10s %10s %8s %9s %8s %s\n' "endpoint" "path" "req/s" "p50" "p99" "bytes" "peak RSS" "own" "errors"
  printf '%s\n' "${rows[@]}"
  echo
  echo "employee home vs ceiling: $(pct "${rps_home:-0}" "${rps_static:-0}"); walkthrough log vs ceiling: $(pct "${rps_walk:-0}" "${rps_static:-0}");" \
    "sign-in page vs ceiling: $(pct "${rps_login:-0}" "${rps_static:-0}")"
  echo "server peak memory (VmHWM, after all endpoints): $rss (peak RSS column: after each endpoint, in order);" \
    "it counts the database file's pages SQLite maps (mmap), which the kernel shares with its page cache and can drop"
  echo "the server's own memory (RssAnon, anonymous pages, after each endpoint: own column): at most ${anon_max} MB"
  echo "$import_line"
} | tee "$out"
echo "written to $out"
errors="$(grep -c 'ERROR' "$tmp/server.log" || true)"
echo "server log: $errors error lines"
