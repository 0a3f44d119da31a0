#!/usr/bin/env bash
# The packaged headless gateway starts for the first time, and stops cleanly on SIGTERM, under the launchers
# supervisors and users wrap it in: GNU timeout (inside another timeout, output captured by $(…)), setsid,
# nohup, with output to a pipe, a file or /dev/null. Each start gets a fresh OLLAMAMAX_HOME (a first start:
# extraction, initdb) and must reach /health/ready UP with PostgreSQL and Redis, then end within 20 s of
# SIGTERM leaving no PostgreSQL or Redis of that home. Also issue 16's reproduction: a taken WS_PORT exits
# with code 3, quickly, without starting PostgreSQL or Redis. Needs the jar (mvn package). systemd and the
# jpackage launcher are not exercised here (no systemd in CI containers; see scripts/check-packaging.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
jar=app-server/target/ollamamax-server.jar
[ -f "$jar" ] || { echo "missing $jar: run mvn package first" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
failed=0
# a minimal Ollama node (every GET answers a version and no models), so /health/ready can be UP as a whole
node=$(free_port)
python3 -c '
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        b = b"{\"version\":\"0.5.0\",\"models\":[]}"
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()' "$node" &
pids+=($!)
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }

servers_of() { # PIDs of the home's PostgreSQL (its command line names the folder) and Redis (from the run file)
  ps -eo pid=,args= | awk -v h="$1" 'index($0, h) && ($2 ~ /postgres$/) { print $1 }'
  case "${redis_pid:-}" in ''|*[!0-9]*) ;; *) if kill -0 "$redis_pid" 2>/dev/null; then echo "$redis_pid"; fi ;; esac
}
gateway_pid() { # the JVM that owns the home's stores, from its run file
  sed -n 's/^owner-pid=//p' "$1/run/redis.properties" 2>/dev/null | head -1
}

check_launcher() { # name, command prefix... ; the gateway's stdout/stderr is set up by the prefix
  local name=$1; shift
  local home="$work/$name" p1 p2 p3
  p1=$(free_port); p2=$(free_port); p3=$(free_port)
  mkdir -p "$home"
  ( cd "$work" && env PORT="$p1" WS_PORT="$p2" FALLBACK_PORT="$p3" OLLAMAMAX_HOME="$home" AUTH_ENABLED=false \
      ENABLE_LOCAL_OLLAMA=false OLLAMA_NODES="http://127.0.0.1:$node" "$@" ) &
  pids+=($!)
  local ready=""
  for _ in $(seq 1 600); do
    body=$(curl -s "http://127.0.0.1:$p1/health/ready" 2>/dev/null || true)
    case "$body" in '{"status":"UP"'*'"database":{"status":"UP"'*'"cache":{"status":"UP"'*) ready=yes; break ;; esac
    sleep 0.1
  done
  if [ -z "$ready" ]; then
    fail "$name: not ready within 60 s: $body"
    local stuck; stuck=$(gateway_pid "$home"); [ -z "$stuck" ] || kill -9 "$stuck" 2>/dev/null || true
    return
  fi
  local gw; gw=$(gateway_pid "$home")
  [ -n "$gw" ] || { fail "$name: no run file"; return; }
  redis_pid=$(sed -n 's/^server-pid=//p' "$home/run/redis.properties")
  local pg_pid; pg_pid=$(sed -n 's/^server-pid=//p' "$home/run/postgres.properties")
  { kill -0 "$redis_pid" && kill -0 "$pg_pid"; } 2>/dev/null || fail "$name: expected PostgreSQL and Redis for $home"
  kill -TERM "$gw"
  for _ in $(seq 1 200); do kill -0 "$gw" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$gw" 2>/dev/null; then fail "$name: the gateway did not exit within 20 s of SIGTERM"; kill -9 "$gw"; fi
  for _ in $(seq 1 50); do [ -z "$(servers_of "$home")" ] && break; sleep 0.1; done
  local left; left=$(servers_of "$home")
  [ -z "$left" ] || { fail "$name: left running after SIGTERM: $left"; kill -9 $left 2>/dev/null || true; }
  [ -n "$left" ] || echo "ok: $name: first start ready, clean exit on SIGTERM"
}

check_launcher timeout-pipe sh -c "timeout 120 java -jar '$PWD/$jar' 2>&1 | cat >/dev/null"
check_launcher timeout-captured sh -c "out=\$(timeout 130 timeout 120 java -jar '$PWD/$jar' 2>&1); echo \"\$out\" >'$work/captured.log'"
check_launcher setsid-file sh -c "setsid java -jar '$PWD/$jar' >'$work/setsid.log' 2>&1"
check_launcher nohup-null sh -c "nohup java -jar '$PWD/$jar' >/dev/null 2>&1"

# issue 16: a taken WebSocket port, under timeout inside timeout with the output captured
held_port=$(free_port)
python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1]))); s.listen(); time.sleep(120)' "$held_port" &
holder=$!
pids+=($holder)
sleep 0.5
home="$work/conflict"
start=$(date +%s%N)
set +e
out=$(timeout 60 timeout 60 env WS_PORT="$held_port" PORT=0 FALLBACK_PORT=0 OLLAMAMAX_HOME="$home" java -jar "$jar" 2>&1)
rc=$?
set -e
ms=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$holder" 2>/dev/null || true
if [ "$rc" -ne 3 ]; then fail "port conflict: exit code $rc, expected 3"; echo "$out" | tail -5 >&2
elif ! echo "$out" | grep -q "WebSocket server is configured on port $held_port"; then fail "port conflict: message missing"
elif [ -e "$home/postgres" ] || [ -e "$home/redis" ]; then fail "port conflict: PostgreSQL or Redis was started"
elif [ "$ms" -gt "${CONFLICT_MAX_MS:-4000}" ]; then fail "port conflict: took $ms ms"
else echo "ok: port conflict under timeout: exit 3 in $ms ms, no store started"; fi

[ "$failed" -eq 0 ] && echo "launcher tests: all passed" || { echo "launcher tests: $failed failed" >&2; exit 1; }
