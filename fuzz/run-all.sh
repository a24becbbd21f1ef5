#!/bin/sh
# Run every target for SECONDS (default 600), two at a time, niced; logs in
# fuzz/logs/<target>.log, crashes in fuzz/artifacts/<target>/.
# Fork mode keeps a target running after a crash so one bug does not end
# its run; every crash input is kept.
set -u
cd "$(dirname "$0")"
secs=${1:-600}
mkdir -p logs
run() {
    nice -n 10 cargo +nightly fuzz run -O "$1" "corpus/$1" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        > "logs/$1.log" 2>&1
}
pair() { run "$1" & run "$2"; wait; }
pair text docx
pair pdf xlsx
pair markdown json
pair normalize docx_scan
run html
