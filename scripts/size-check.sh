#!/usr/bin/env bash
# The first-load budget CI enforces (called by scripts/test.sh after the release site build):
# every page may load at most 150 KB gzipped of wasm + JS + CSS. Sizes are of the built files
# (gzip -9), not timings, so the check is deterministic. Prints the per-page table and fails
# when a page goes over.
#
#   bash scripts/size-check.sh            (needs scripts/build-site.sh release first)
#
# SIZE_BUDGET_KB overrides the budget (KB = 1024 bytes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec bash scripts/size-report.sh --no-build --no-twiggy --budget "${SIZE_BUDGET_KB:-150}" \
  --label "First-load budget: ${SIZE_BUDGET_KB:-150} KB gzipped (wasm + JS + CSS) per page, release build"
