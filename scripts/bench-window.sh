#!/usr/bin/env bash
# Window-time benchmark (issue 15): from process start to the first paint of (a) a bare JavaFX window with one
# label and (b) the desktop app's main window, and to (c) the desktop's first Dashboard data; under Xvfb,
# the two taking turns, after one untimed run of each (JIT-free, but the first desktop run creates its data
# folder: initdb). Prints each run, the medians, and the desktop's ratio to the bare window.
# Args: [runs, default 5]. Extra JVM options for the desktop: BENCH_JVM_OPTS (e.g. the AppCDS flags below).
# Needs xvfb and libgtk-3-0 (installed when missing and apt-get can). Run it under the shared Maven lock.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs=${1:-5}
source scripts/xvfb.sh
mvn -B -q -DskipTests package
work=$(mktemp -d)
start_xvfb
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display
sleep 1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ports="--PORT=$(free_port) --WS_PORT=$(free_port) --FALLBACK_PORT=$(free_port)"

bare() {
  java -cp app-ui/target/test-classes:app-ui/target/ollamamax-desktop.jar dev.ollamamax.ui.bench.BareWindow 2>/dev/null \
    | sed -n 's/^Window shown \([0-9]*\) ms.*/\1/p'
}
desktop() { # prints "window dashboard"
  local log="$work/desktop.log"
  # shellcheck disable=SC2086
  java ${BENCH_JVM_OPTS:-} -jar app-ui/target/ollamamax-desktop.jar --OLLAMAMAX_HOME="$work/home" $ports \
    --ENABLE_LOCAL_OLLAMA=false >"$log" 2>&1 &
  app=$!
  for _ in $(seq 1 600); do
    grep -q "Dashboard data shown" "$log" && grep -q "Window shown" "$log" && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.1
  done
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; app=""
  local w d
  w=$(sed -n 's/.*Window shown \([0-9]*\) ms after process start.*/\1/p' "$log" | head -1)
  d=$(sed -n 's/.*Dashboard data shown \([0-9]*\) ms after process start.*/\1/p' "$log" | head -1)
  if [ -z "$w" ] || [ -z "$d" ]; then echo "the desktop did not report its times; its log:" >&2; tail -20 "$log" >&2; exit 1; fi
  echo "$w $d"
}

bare >/dev/null; desktop >/dev/null   # untimed: caches, the data folder
b=(); w=(); d=()
for i in $(seq 1 "$runs"); do
  b+=("$(bare)")
  read -r wi di < <(desktop)
  w+=("$wi"); d+=("$di")
  printf 'run %d: bare window %s ms, desktop window %s ms, dashboard data %s ms\n' "$i" "${b[-1]}" "$wi" "$di"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mb=$(median "${b[@]}"); mw=$(median "${w[@]}"); md=$(median "${d[@]}")
echo
echo "Median of $runs runs (process start → first paint), ${BENCH_JVM_OPTS:-no extra JVM options}:"
printf '| %-28s | %8s | %s |\n' "what" "ms" "target" "----------------------------" "--------" "------"
printf '| %-28s | %8s | %s |\n' "bare JavaFX window" "$mb" "baseline"
printf '| %-28s | %8s | %s |\n' "desktop window" "$mw" "≤ 1500 ms and ≤ 1.5 × bare: $(awk -v a="$mw" -v b="$mb" 'BEGIN{printf "%.2f ×", a/b}')"
printf '| %-28s | %8s | %s |\n' "desktop first Dashboard data" "$md" "≤ 2500 ms"
