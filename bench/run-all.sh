#!/usr/bin/env bash
# The whole benchmark suite, one command: token issuance (with the /q/health/live baseline), its
# ceiling with no database in the token path, the events page, analytics and callback ingestion at
# 1,000,000 events, then start-up, memory and session create against the emulator. Each part writes
# its own file under bench/results/; this writes them together into bench/results/suite-<UTC time>.txt.
# About 20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="bench/results/suite-$STAMP.txt"
mkdir -p bench/results
./mvnw -B -q -ntp package -DskipTests
for part in token-issuance token-ceiling events-analytics startup-memory; do
  BENCH_REBUILD=0 bash "bench/$part.sh"
done
{
  echo "# benchmark suite, $STAMP; the parts follow, each as its own script wrote it"
  for part in token-issuance token-ceiling events-analytics startup-memory; do
    echo
    cat "$(ls -t bench/results/$part-*.txt | head -1)"
  done
} > "$OUT"
echo "written to $OUT"
