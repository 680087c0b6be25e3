#!/usr/bin/env bash
# The distlock demo: runs N replicas of demo-app, a framework-free app with scheduled @DistributedLock jobs,
# against one Redis, then prints which replica ran each tick. Run it from anywhere; see --help.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: demo-app/run-fleet.sh [options]

Runs N replicas of the demo app with -javaagent:agent/target/distlock-agent.jar for a few seconds and prints
which replica ran each scheduled tick. Exits 0 only when every tick ran exactly once.

  --replicas N    replicas to start (default 3)
  --seconds S     length of the run window in seconds (default 20, at least 3)
  --no-agent      run the same fleet without the agent, to see the duplicates it removes
  --skew-ms K     shift the replicas' clocks by -K..+K ms, evenly spread (needs faketime, installed with
                  apt-get when missing and running as root)
  --no-min-hold   use the jobs without lockAtLeastFor (duplicates once the clocks are skewed)
  --no-build      never run Maven; fail if the agent jar or the demo classes are missing
  --redis WHICH   auto (default), local, docker or embedded: see below
  -h, --help      this text

Redis: REDIS_URL or REDIS_HOST (with REDIS_PORT, REDIS_PASSWORD) when set; otherwise a redis-server started on a
free loopback port for this run (local), or, without redis-server, a redis:7-alpine container (docker), or, without
Docker, the Redis 6.2 server that the embedded-redis jar carries for Linux and macOS (embedded, copied into
demo-app/target by the build). Whichever is started is removed at the end.
EOF
}

die() {
  echo "run-fleet: $*" >&2
  exit 1
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
agent_jar="$root/agent/target/distlock-agent.jar"
annotation_classes="$root/annotations/target/classes"
demo_classes="$root/demo-app/target/classes"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
ready_timeout=90
# After the window closes, a replica still finishes the runs it started; reindex, the longest, takes 3 s.
finish_timeout=30

replicas=3
seconds=20
use_agent=true
skew_ms=0
min_hold=on
build=true
redis_choice=auto

work=""
redis_pid=""
redis_container=""
replica_pids=()

number() {
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 needs a whole number, got '${2}'"
  echo "$((10#$2))"
}

while (($# > 0)); do
  case "$1" in
    --replicas) replicas="$(number "$1" "${2:-}")"; shift 2 ;;
    --seconds) seconds="$(number "$1" "${2:-}")"; shift 2 ;;
    --skew-ms) skew_ms="$(number "$1" "${2:-}")"; shift 2 ;;
    --no-agent) use_agent=false; shift ;;
    --no-min-hold) min_hold=off; shift ;;
    --no-build) build=false; shift ;;
    --redis)
      redis_choice="${2:-}"
      [[ "$redis_choice" =~ ^(auto|local|docker|embedded)$ ]] || die "--redis takes auto, local, docker or embedded"
      shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
((replicas >= 1)) || die "--replicas must be at least 1"
((seconds >= 3)) || die "--seconds must be at least 3, or some jobs have no tick in the window"

# Sends signal $1 to process $2 and what it started: setsid made each replica a process group leader (faketime forks
# the JVM); redis-server is a plain child. Succeeds when something received it, so signal 0 tests for life.
signal_tree() {
  kill -"$1" -- "-$2" 2>/dev/null || kill -"$1" "$2" 2>/dev/null
}

# TERM to all first, so the JVMs run their shutdown hooks in parallel; KILL whatever is left after 5 s.
stop_processes() {
  local pid _ alive
  for pid in "$@"; do
    signal_tree TERM "$pid" || true
  done
  for _ in {1..50}; do
    alive=false
    for pid in "$@"; do
      if signal_tree 0 "$pid"; then
        alive=true
      fi
    done
    [[ "$alive" == true ]] || break
    sleep 0.1
  done
  for pid in "$@"; do
    signal_tree KILL "$pid" || true
    wait "$pid" 2>/dev/null || true
  done
}

# shellcheck disable=SC2317  # called by the EXIT trap, which shellcheck does not follow
cleanup() {
  stop_processes ${replica_pids[@]+"${replica_pids[@]}"} ${redis_pid:+"$redis_pid"}
  if [[ -n "$redis_container" ]]; then
    docker rm -f "$redis_container" >/dev/null 2>&1 || true
  fi
  if [[ -n "$work" ]]; then
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# True when a source file under $2 is newer than the artifact $1 built from it, or the artifact is missing.
outdated() {
  [[ ! -e "$1" ]] || [[ -n "$(find "$2" -path '*/src/main/*' -type f -newer "$1" -print -quit)" ]]
}

build_if_needed() {
  if ! outdated "$agent_jar" "$root/agent" \
      && ! outdated "$annotation_classes/io/github/distlock/DistributedLock.class" "$root/annotations" \
      && ! outdated "$demo_classes/io/github/distlock/demo/DemoApp.class" "$root/demo-app"; then
    return
  fi
  [[ "$build" == true ]] || die "the agent jar or the demo classes are missing or outdated (mvn -B install -DskipTests)"
  command -v mvn >/dev/null 2>&1 || die "building the agent needs Maven (apt-get install maven / brew install maven)"
  echo "building the agent and the demo app: mvn -B -q -DskipTests -pl agent,demo-app -am install"
  (cd "$root" && mvn -B -q -DskipTests -pl agent,demo-app -am install)
}

redis_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && read -r -t 2 reply <&3 && [[ "$reply" == +PONG* ]]) \
    2>/dev/null
}

# Waits until Redis answers on port $1; $2, when given, is the server's pid, which must stay alive meanwhile.
await_redis() {
  local deadline=$((SECONDS + 15))
  until redis_answers "$1"; do
    if [[ -n "${2:-}" ]] && ! kill -0 "$2" 2>/dev/null; then
      return 1
    fi
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# $1: the redis-server binary; $2: how to name it in the output.
start_local_redis() {
  local port _
  for _ in {1..5}; do
    port=$((20000 + RANDOM % 30000))
    "$1" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
      >"$work/redis.log" 2>&1 &
    redis_pid=$!
    if await_redis "$port" "$redis_pid"; then
      redis_url="redis://127.0.0.1:$port"
      forget_configured_redis
      echo "redis: $2 on 127.0.0.1:$port, started for this run"
      return
    fi
    stop_processes "$redis_pid"
    redis_pid=""
    # Another process may have taken the port since we picked it; anything else is a real failure.
    grep -q "Address already in use" "$work/redis.log" \
      || die "redis-server did not start: $(tail -n 5 "$work/redis.log")"
  done
  die "redis-server found no free port in 5 attempts"
}

start_container_redis() {
  local port
  redis_container="$(docker run -d --rm -p 127.0.0.1::6379 redis:7-alpine --save "" --appendonly no)"
  port="$(docker port "$redis_container" 6379/tcp | head -n 1)"
  port="${port##*:}"
  await_redis "$port" || die "the redis:7-alpine container did not answer on 127.0.0.1:$port"
  redis_url="redis://127.0.0.1:$port"
  forget_configured_redis
  echo "redis: redis:7-alpine container on 127.0.0.1:$port, started for this run"
}

# The Redis this run started has no password and database 0: settings meant for another Redis must not reach it.
forget_configured_redis() {
  unset REDIS_URL REDIS_HOST REDIS_PORT REDIS_PASSWORD REDIS_DB DISTLOCK_REDIS_URL DISTLOCK_REDIS_HOST \
    DISTLOCK_REDIS_PORT DISTLOCK_REDIS_PASSWORD DISTLOCK_REDIS_USERNAME DISTLOCK_REDIS_DB
}

# The binary embedded-redis carries for this system, copied out of the jar the build put in demo-app/target.
start_embedded_redis() {
  local jar="$root/demo-app/target/embedded-redis/embedded-redis.jar" name jar_bin
  [[ -f "$jar" ]] || die "no Redis: set REDIS_URL (or REDIS_HOST), install Redis (apt-get install redis-server /" \
    "brew install redis), start Docker, or build the demo (mvn -B -DskipTests -pl agent,demo-app -am install)" \
    "for the Redis 6.2 of embedded-redis"
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) name=redis-server-6.2.6-v5-linux-amd64 ;;
    Linux-aarch64 | Linux-arm64) name=redis-server-6.2.7-linux-arm64 ;;
    Darwin-x86_64) name=redis-server-6.2.6-v5-darwin-amd64 ;;
    Darwin-arm64) name=redis-server-6.2.6-v5-darwin-arm64 ;;
    *) die "embedded-redis has no redis-server for $(uname -s) $(uname -m)" ;;
  esac
  jar_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
  # The JDK's jar tool, or unzip; macOS has a /usr/bin/jar stub even without a JDK, hence the second chance.
  if ! { command -v "$jar_bin" >/dev/null 2>&1 && (cd "$work" && "$jar_bin" xf "$jar" "$name") 2>/dev/null; }; then
    unzip -q -o "$jar" "$name" -d "$work" 2>/dev/null || die "extracting $name from $jar needs a JDK's jar tool or unzip"
  fi
  chmod +x "$work/$name"
  start_local_redis "$work/$name" "redis-server 6.2 (embedded-redis)"
}

start_redis() {
  redis_url=""
  if [[ "$redis_choice" == auto && ( -n "${REDIS_URL:-}" || -n "${REDIS_HOST:-}" ) ]]; then
    # The agent reads REDIS_URL, REDIS_HOST, REDIS_PORT and REDIS_PASSWORD itself; the password stays off screen.
    echo "redis: the one in REDIS_URL / REDIS_HOST"
  elif [[ "$redis_choice" == local || ( "$redis_choice" == auto && -n "$(command -v redis-server)" ) ]]; then
    command -v redis-server >/dev/null 2>&1 || die "--redis local: no redis-server on the PATH"
    start_local_redis redis-server redis-server
  elif [[ "$redis_choice" == docker ]]; then
    command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 || die "--redis docker: Docker is not running"
    start_container_redis
  elif [[ "$redis_choice" == auto ]] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    start_container_redis
  else
    start_embedded_redis
  fi
}

ensure_faketime() {
  command -v faketime >/dev/null 2>&1 && return
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing faketime for --skew-ms: apt-get install faketime"
    apt-get update -qq && apt-get install -y -qq faketime >/dev/null
  fi
  command -v faketime >/dev/null 2>&1 || die "--skew-ms needs faketime (apt-get install faketime)"
}

# Replica $1's clock offset in ms: evenly spread from -skew_ms to +skew_ms.
skew_of() {
  if ((replicas == 1)); then
    echo 0
  else
    echo $((-skew_ms + 2 * skew_ms * ($1 - 1) / (replicas - 1)))
  fi
}

# A millisecond offset as faketime's relative seconds, e.g. -400 as -0.400.
faketime_offset() {
  local ms="$1" sign=+
  if ((ms < 0)); then
    sign=-
    ms=$((-ms))
  fi
  printf '%s%d.%03d' "$sign" $((ms / 1000)) $((ms % 1000))
}

start_replicas() {
  local i cmd
  # A key prefix per run: a lock left by an interrupted run cannot swallow this run's first ticks.
  DISTLOCK_KEY_PREFIX="distlock-demo:$$-$(date +%s):"
  export DISTLOCK_KEY_PREFIX
  export DEMO_MIN_HOLD="$min_hold"
  if ((skew_ms > 0)); then
    # Timeouts and schedule periods stay on the real clock. Without the last two, a JVM under faketime starts
    # about fifteen times slower.
    export FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 NO_FAKE_STAT=1
  fi
  for ((i = 1; i <= replicas; i++)); do
    cmd=()
    if command -v setsid >/dev/null 2>&1; then
      cmd+=(setsid)
    fi
    if ((skew_ms > 0)); then
      cmd+=(faketime -f "$(faketime_offset "$(skew_of "$i")")")
      echo "replica $i: clock $(skew_of "$i") ms"
    fi
    cmd+=("$java_bin")
    if [[ "$use_agent" == true ]]; then
      cmd+=("-javaagent:$agent_jar${redis_url:+=redis.url=$redis_url}")
    fi
    cmd+=(-cp "$demo_classes:$annotation_classes" io.github.distlock.demo.DemoApp --replica "$i" --out "$work")
    "${cmd[@]}" >"$work/replica-$i.out" 2>&1 </dev/null &
    replica_pids+=("$!")
  done
}

replica_failed() {
  echo "run-fleet: replica $1 $2; its output:" >&2
  tail -n 30 "$work/replica-$1.out" >&2
  exit 1
}

await_ready() {
  local deadline=$((SECONDS + ready_timeout)) i ready
  while :; do
    ready=0
    for ((i = 1; i <= replicas; i++)); do
      if [[ -f "$work/replica-$i.ready" ]]; then
        ready=$((ready + 1))
      elif ! kill -0 "${replica_pids[i - 1]}" 2>/dev/null; then
        replica_failed "$i" "exited before it was ready"
      fi
    done
    if ((ready == replicas)); then
      return
    fi
    ((SECONDS < deadline)) || die "only $ready of $replicas replicas were ready after ${ready_timeout} s"
    sleep 0.1
  done
}

await_replicas() {
  local deadline=$((SECONDS + seconds + finish_timeout)) i status
  for ((i = 1; i <= replicas; i++)); do
    while kill -0 "${replica_pids[i - 1]}" 2>/dev/null; do
      ((SECONDS < deadline)) || replica_failed "$i" "was still running ${finish_timeout} s after the window closed"
      sleep 0.1
    done
    status=0
    wait "${replica_pids[i - 1]}" || status=$?
    ((status == 0)) || replica_failed "$i" "exited with status $status"
  done
  replica_pids=()
}

build_if_needed
[[ -n "$(command -v "$java_bin")" ]] || die "no java found (set JAVA_HOME or put java on the PATH)"
if ((skew_ms > 0)); then
  ensure_faketime
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/distlock-fleet.XXXXXX")"
start_redis
mode="with the agent"
if [[ "$use_agent" != true ]]; then
  mode="WITHOUT the agent"
fi
if [[ "$min_hold" == on ]]; then
  mode+=", jobs with lockAtLeastFor"
else
  mode+=", jobs WITHOUT lockAtLeastFor"
fi
echo "starting $replicas replicas $mode"
start_replicas
await_ready
# The first tick waits for the slowest clock too, so every replica fires it inside the window.
start=$(($(date +%s) + 2 + (skew_ms + 999) / 1000))
end=$((start + seconds))
printf 'start=%d end=%d\n' "$start" "$end" >"$work/window.tmp"
mv "$work/window.tmp" "$work/window"
echo "all replicas ready; running their jobs for $seconds s"
await_replicas
echo
status=0
"$java_bin" -cp "$demo_classes" io.github.distlock.demo.FleetReport --start "$start" --end "$end" \
  "$work"/replica-*.log || status=$?
exit "$status"
