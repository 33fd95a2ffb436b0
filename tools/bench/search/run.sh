#!/bin/sh
# The search benchmark (BENCHMARKS.md, "Search"): builds the sample, indexes it with Pagefind
# extended (npm pagefind, which segments Thai), and runs every query of queries.tsv against both
# in headless Chromium. Run from anywhere: tools/bench/search/run.sh
#
# Needs: Chromium, Node.js with npm, and Puppeteer. It uses the tools folder the tests use
# ($ECOTOWN_TOOLS, default /tmp/ecotown-tools, where .ci/run installs pa11y and so Puppeteer) and
# installs pagefind 1.6.0 there if missing. PUPPETEER_SKIP_DOWNLOAD keeps Debian's Chromium.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tools=${ECOTOWN_TOOLS:-/tmp/ecotown-tools}
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome)

if [ ! -x "$tools/node_modules/.bin/pagefind" ]; then
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$tools" --no-audit --no-fund --silent pagefind@1.6.0
fi
if [ ! -d "$tools/node_modules/puppeteer" ]; then
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$tools" --no-audit --no-fund --silent pa11y@9
fi

cd "$root"
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site="$work/site"
start=$(date +%s%N)
./target/release/ecotown build --out "$site" >/dev/null 2>&1
built=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
"$tools/node_modules/.bin/pagefind" --site "$site" >/dev/null
indexed=$(( ($(date +%s%N) - start) / 1000000 ))

echo "ecotown build (with both search indexes): ${built} ms; Pagefind extended indexing the built site: ${indexed} ms"
echo "ecotown index: th $(wc -c < "$site/th/search/search-index.js") bytes, en $(wc -c < "$site/en/search/search-index.js") bytes (+ static/search.js $(wc -c < "$site/static/search.js")); Pagefind folder: $(du -sb "$site/pagefind" | cut -f1) bytes"
# Two sets: ours (queries.tsv, written while building the search) and a blind one written by a
# reviewer who never saw the search code (queries-blind.tsv): the second keeps the first honest.
for set in queries queries-blind; do
    echo
    echo "### $set.tsv"
    echo
    PUPPETEER="$tools/node_modules/puppeteer" CHROMIUM="$chromium" node "$here/bench.js" "$site" "$here/$set.tsv"
done
