#!/usr/bin/env bash
# Idle footprint benchmark (issue 15): starts the desktop app under Xvfb with a fresh data folder (embedded
# PostgreSQL and Redis), waits until the gateway is up and then SETTLE seconds more, and reports the memory
# of each process it started: RSS and PSS (proportional: pages shared between PostgreSQL's processes counted
# once), summed. Target: ≤ 300 MiB in all. Args: [settle seconds, default 20]. JVM options for the desktop:
# BENCH_JVM_OPTS (default: the options scripts/desktop.sh uses). BENCH_HISTOGRAM=1: after the figures, a full
# GC and the top 40 lines of the desktop JVM's class histogram (what holds the heap at idle). Linux only
# (/proc). Run under the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
settle=${1:-20}
source scripts/xvfb.sh
mvn -B -q -DskipTests package
work=$(mktemp -d)
start_xvfb
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
opts=${BENCH_JVM_OPTS-"-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=app-ui/target/ollamamax-desktop.jsa -XX:+UseG1GC -XX:G1PeriodicGCInterval=5000 -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"}
# shellcheck disable=SC2086
java $opts -jar app-ui/target/ollamamax-desktop.jar --OLLAMAMAX_HOME="$work/home" --PORT="$(free_port)" \
  --WS_PORT="$(free_port)" --FALLBACK_PORT="$(free_port)" --ENABLE_LOCAL_OLLAMA=false >"$work/log" 2>&1 &
app=$!
for _ in $(seq 1 1200); do
  [ -f "$work/home/local-admin.json" ] && break
  kill -0 "$app" 2>/dev/null || { tail -20 "$work/log"; exit 1; }
  sleep 0.1
done
[ -f "$work/home/local-admin.json" ] || { echo "the gateway did not come up; log:" >&2; tail -20 "$work/log" >&2; exit 1; }
sleep "$settle"
kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$2/$3" 2>/dev/null || echo 0; }
report() { # name pids...
  local name=$1 rss=0 pss=0 n=0; shift
  for p in "$@"; do
    rss=$((rss + $(kib VmRSS "$p" status))); pss=$((pss + $(kib Pss "$p" smaps_rollup))); n=$((n + 1))
  done
  printf '| %-32s | %3d | %8.1f | %8.1f |\n' "$name" "$n" "$(echo "$rss/1024" | bc -l)" "$(echo "$pss/1024" | bc -l)"
  total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss))
}
total_rss=0; total_pss=0
server_pid() { sed -n 's/^server-pid=//p' "$work/home/run/$1.properties" 2>/dev/null; }
postmaster=$(server_pid postgres)
pg="$postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
redis=$(server_pid redis)
# Heap committed / in use (G1 prints "committed N K, used N K" once, the serial collector "total N K, used
# N K" once per generation).
heap_kib() { jcmd "$app" GC.heap_info 2>/dev/null | awk '/ used [0-9]+K/ && !/Metaspace|class space/ { for (i = 1; i <= NF; i++) {
  if ($i == "committed" || ($i == "total" && $(i + 1) ~ /K,$/)) t += $(i + 1); if ($i == "used") u += $(i + 1) } }
  END { if (t) printf "committed %dK, used %dK", t, u }'; }
heap=$(heap_kib)
if [[ "$opts" == *NativeMemoryTracking* ]]; then
  jcmd "$app" VM.native_memory summary 2>/dev/null | grep -E "^(Total|-  *[A-Za-z ]+ \(reserved)" | sed 's/^-  */  /' || true
fi
echo "Idle footprint after ${settle} s (desktop JVM options: ${opts:-none}):"
printf '| %-32s | %3s | %8s | %8s |\n' "process" "n" "RSS MiB" "PSS MiB" "--------------------------------" "---" "--------" "--------"
report "desktop JVM (heap: ${heap:-?})" "$app"
# shellcheck disable=SC2086
report "PostgreSQL (all its processes)" $pg
# shellcheck disable=SC2086
report "Redis" $redis
printf '| %-32s | %3s | %8.1f | %8.1f |\n' "total (target 300 MiB)" "" "$(echo "$total_rss/1024" | bc -l)" "$(echo "$total_pss/1024" | bc -l)"
if [ "${BENCH_HISTOGRAM:-0}" = 1 ]; then
  jcmd "$app" GC.run >/dev/null 2>&1 || true
  echo "Heap after a full GC: $(heap_kib); desktop JVM RSS $(( $(kib VmRSS "$app" status) / 1024 )) MiB, PSS $(( $(kib Pss "$app" smaps_rollup) / 1024 )) MiB"
  jcmd "$app" GC.class_histogram 2>/dev/null | sed -n '2,43p;/^Total/p' || true
fi
