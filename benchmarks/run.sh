#!/usr/bin/env bash
# Builds the agent and the benchmarks, then runs every benchmark and prints the results table (results.md).
#
#   benchmarks/run.sh                  the full measurement, about 15 minutes; waits up to 40 minutes for the
#                                      1-minute load average to drop below 1.0 first (BENCH_MAX_LOAD, BENCH_WAIT_MIN)
#   benchmarks/run.sh smoke            the CI pass: every benchmark once, briefly; figures are meaningless
#   benchmarks/run.sh full --only=acquired --suites=calls --prof=jfr
#                                      investigations: extra arguments go to BenchMain
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-full}"
shift || true

# -am: the agent measured is always the one built from this checkout.
mvn -B -q package -DskipTests -pl benchmarks -am
cd benchmarks

if [ "$mode" = full ]; then
  max_load="${BENCH_MAX_LOAD:-1.0}"
  deadline=$(( $(date +%s) + 60 * ${BENCH_WAIT_MIN:-40} ))
  # Absolute times on a shared machine are noise; wait for it to be quiet, then measure anyway and let the
  # report show the load.
  while awk -v max="$max_load" '{ exit !($1 >= max) }' /proc/loadavg && [ "$(date +%s)" -lt "$deadline" ]; do
    echo "waiting for a quiet machine: load $(cut -d' ' -f1-3 /proc/loadavg), want below $max_load"
    sleep 30
  done
fi

# Run outside Maven, so that no build tool shares the machine with the measurements.
exec java -cp "target/classes:$(cat target/bench-classpath.txt)" io.github.distlock.bench.BenchMain \
  --mode="$mode" --agent=../agent/target/distlock-agent.jar --workload=target/workload-jars \
  --out=target/bench-results "$@"
