#!/usr/bin/env bash
# Save -> reload times of `ecotown serve` at 1x and 10x (BENCHMARKS.md, "Preview").
# Needs Chromium and Puppeteer (npm install pa11y or puppeteer into $ECOTOWN_TOOLS).
set -euo pipefail
cd "$(dirname "$0")/../.."
TOOLS=${ECOTOWN_TOOLS:-/tmp/ecotown-tools}
WORK=${WORK:-/tmp/ecotown-serve-bench}
cargo build --release --bin ecotown --bin ecotown-bench >/dev/null
rm -rf "$WORK"; mkdir -p "$WORK"
for scale in 1 10; do
  ./target/release/ecotown-bench generate --scale "$scale" --out "$WORK/$scale" >/dev/null
  site="$WORK/$scale/ecotown"
  port=$((18400 + scale))
  ./target/release/ecotown --root "$site" serve --port "$port" 2>"$WORK/serve-$scale.log" &
  pid=$!
  until grep -q "serving the site" "$WORK/serve-$scale.log"; do sleep 0.2; done
  narrative=$(find "$site/content/areas" -name "*.en.md" | sort | sed -n 1p)
  area=$(basename "$narrative" .en.md)
  printf '%sx: ' "$scale"
  PUPPETEER="$TOOLS/node_modules/puppeteer" CHROMIUM=$(command -v chromium) \
    node tools/bench/serve-reload.js "http://127.0.0.1:$port" "/en/areas/$area/" "$narrative"
  kill -TERM "$pid"; wait "$pid" || true
done
