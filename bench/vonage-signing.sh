#!/usr/bin/env bash
# What a Vonage client token costs, and the RS256 signature's share of it (bench/VonageSigning.java), on the
# service's own class path. Writes bench/results/vonage-signing-<UTC time>.txt.
#   bench/vonage-signing.sh [rounds] [tokens per round]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -pl service -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-classpath.txt" \
  -Dmdep.includeScope=runtime
mkdir -p bench/results
OUT="bench/results/vonage-signing-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# Vonage client token signing, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $(nproc) cores, $(java -version 2>&1 | head -1)"
  java -cp "$(cat target/bench-classpath.txt)" bench/VonageSigning.java "${1:-5}" "${2:-2000}"
} | tee "$OUT"
echo "written to $OUT"
