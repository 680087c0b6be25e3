#!/usr/bin/env bash
# The fail-mode soak: seeded faults (replicas and the lock Redis killed and paused) against a 4-replica fleet, once
# per fail mode, printing the SOAK table: runs, runs without a lock, overlapping bodies, ticks with no run.
#
#   agent/soak.sh                 90 s of faults per mode, seed 1 (about 6 minutes in all)
#   agent/soak.sh 30 7            30 s per mode, seed 7
#
# It needs redis-server, as the test suite does. Run it on a quiet machine: a loaded one adds pauses of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-90}"
seed="${2:-1}"
mvn -B -q install -DskipTests -pl agent -am
mvn -B -pl agent failsafe:integration-test@it-jdk17 -Dit.test=FailModeSoak -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dsoak.seconds="$seconds" -Dsoak.seed="$seed" | grep -E '^SOAK|Tests run:|FAIL|ERROR'
