#!/usr/bin/env bash
# Peak memory of a batch against its size: copies the fixtures (cycled) N times
# into a temporary tree, converts it with the release binary under
# /usr/bin/time -v, and prints the maximum resident set size.
# Usage: crates/cli/scripts/peak-rss.sh 1000 10000   (needs `time`: apt-get install time)
set -euo pipefail
cd "$(dirname "$0")/../../.."
bin=target/release/gongkai
[ -x "$bin" ] || cargo build --release -p gongkai-bin
mapfile -t fixtures < <(find fixtures -name '*.expected.json' | while read -r e; do
    stem=${e%.expected.json}; ls "$stem".* | grep -v '\.expected\.json$'; done | sort)
for n in "$@"; do
    tmp=$(mktemp -d)
    for ((i = 0; i < n; i++)); do
        f=${fixtures[i % ${#fixtures[@]}]}
        dir=$tmp/in/d$((i / 1000))
        mkdir -p "$dir"
        cp "$f" "$dir/$i-$(basename "$f")"
    done
    /usr/bin/time -v "$bin" convert "$tmp/in" -o "$tmp/out" --summary "$tmp/summary.csv" -q \
        2> "$tmp/time.txt" || true
    rss=$(grep 'Maximum resident' "$tmp/time.txt" | awk '{print $NF}')
    wall=$(grep 'Elapsed (wall' "$tmp/time.txt" | awk '{print $NF}')
    echo "$n inputs: peak RSS ${rss} KiB, wall ${wall}; $(grep '^summary:' "$tmp/time.txt")"
    rm -rf "$tmp"
done
