#!/usr/bin/env bash
# Scale-out (docs/scale-out.md): two gateway instances behind nginx with packaging/nginx/ollamamax-lb.conf,
# sharing one fake Ollama node, one JWT_SECRET, and PostgreSQL and Redis (DATABASE_URL / REDIS_URL from the
# environment, else a throwaway PostgreSQL and Redis started here when their binaries exist).
# Checks: the load balancer spreads requests over both; NDJSON and SSE streams pass through unbuffered;
# WebSocket /chat upgrades through it; a token issued by A is accepted by B; the rate limit is shared; a node
# added on A is seen by B.
# Exit: 0 all passed; 1 a check failed; 3 the rest passed but some checks wait for a feature (see TODO lines).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

work=$(mktemp -d)
chmod 755 "$work"
pids=()
pg_data=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$pg_data" ] || runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  reap
  rm -rf "$work"
}
# Processes still running inside $work after the kills (an embedded PostgreSQL or Redis whose gateway was
# stopped while starting them): without their folder they could not shut down by themselves.
reap() { for d in /proc/[0-9]*; do case "$(readlink "$d/cwd" 2>/dev/null)" in "$work"/*) kill -9 "${d#/proc/}" 2>/dev/null || true ;; esac; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

passed=0; failed=0; todo=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
pending() { echo "TODO: $*"; todo=$((todo + 1)); }

if ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi

mvn -B -q -DskipTests -pl app-server -am package >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log"; exit 1; }
mvn -B -q -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 \
  || { cat "$work/mvn.log"; exit 1; }
cp="app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$work/cp.txt")"

# ---- Ollama nodes: one shared by both instances, one to add at run time
node=$(free_port); extra=$(free_port)
java -cp "$cp" dev.ollamamax.server.testing.FakeOllamaMain "$node" --delay-ms 100 --tokens 10 >"$work/node.log" 2>&1 &
pids+=($!)
java -cp "$cp" dev.ollamamax.server.testing.FakeOllamaMain "$extra" --model extra-model >"$work/extra.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$node/api/version"; wait_http "http://127.0.0.1:$extra/api/version"

# ---- shared PostgreSQL and Redis
database_url=${DATABASE_URL:-}
redis_url=${REDIS_URL:-}
if [ -z "$redis_url" ] && command -v redis-server >/dev/null; then
  rp=$(free_port)
  redis-server --port "$rp" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$rp") 2>/dev/null && break; sleep 0.1; done
  redis_url="redis://127.0.0.1:$rp/0"
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$database_url" ] && [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && id postgres >/dev/null 2>&1; then
  pp=$(free_port)
  install -d -o postgres -m 0700 "$work/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" --auth=trust -U ollamamax >"$work/pg-init.log" 2>&1
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
    -o "-p $pp -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
  pg_data=$work/pg
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pp" -U ollamamax ollamamax
  database_url="postgres://ollamamax@127.0.0.1:$pp/ollamamax"
fi
[ -n "$database_url" ] && echo "shared PostgreSQL: ${database_url%%@*}@…" || echo "no PostgreSQL (set DATABASE_URL or install postgresql)"
[ -n "$redis_url" ] && echo "shared Redis: $redis_url" || echo "no Redis (set REDIS_URL or install redis-server)"

# ---- two gateway instances
secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
start_gateway() { # name p1 p2 p3
  env PORT="$2" WS_PORT="$3" FALLBACK_PORT="$4" OLLAMAMAX_HOME="$work/$1" JWT_SECRET="$secret" \
      DATABASE_URL="$database_url" REDIS_URL="$redis_url" OLLAMA_NODES="http://127.0.0.1:$node" \
      ENABLE_LOCAL_OLLAMA=false AUTH_ENABLED=true ALLOW_REGISTRATION=true RATE_LIMIT_PER_MINUTE=30 \
      java -jar app-server/target/ollamamax-server.jar >"$work/$1.log" 2>&1 &
  pids+=($!)
}
a1=$(free_port); a2=$(free_port); a3=$(free_port); b1=$(free_port); b2=$(free_port); b3=$(free_port)
start_gateway a "$a1" "$a2" "$a3"
start_gateway b "$b1" "$b2" "$b3"
wait_http "http://127.0.0.1:$a1/health" || { tail -30 "$work/a.log"; exit 1; }
wait_http "http://127.0.0.1:$b1/health" || { tail -30 "$work/b.log"; exit 1; }
A=http://127.0.0.1:$a1; B=http://127.0.0.1:$b1

# ---- nginx with the shipped config, its ports moved to free ones
l1=$(free_port); l2=$(free_port); l3=$(free_port)
sed -e "s/127.0.0.1:13110/127.0.0.1:$a1/; s/127.0.0.1:13111/127.0.0.1:$a2/; s/127.0.0.1:13112/127.0.0.1:$a3/" \
    -e "s/127.0.0.1:13120/127.0.0.1:$b1/; s/127.0.0.1:13121/127.0.0.1:$b2/; s/127.0.0.1:13122/127.0.0.1:$b3/" \
    -e "s/listen 127.0.0.1:13100;/listen 127.0.0.1:$l1;/; s/listen 127.0.0.1:13101;/listen 127.0.0.1:$l2;/" \
    -e "s/listen 127.0.0.1:13102;/listen 127.0.0.1:$l3;/" \
    -e "s|^http {|http {\n    client_body_temp_path $work/nginx-body;\n    proxy_temp_path $work/nginx-proxy;|" \
    packaging/nginx/ollamamax-lb.conf >"$work/lb.conf"
grep -q "127.0.0.1:$b3" "$work/lb.conf" && ! sed 's/#.*//' "$work/lb.conf" | grep -q ':131[0-2][0-9]\b' \
  || { echo "the nginx config's ports are not where this script expects them" >&2; exit 1; }
nginx -e stderr -g "daemon off; pid $work/nginx.pid;" -c "$work/lb.conf" >"$work/nginx.log" 2>&1 &
pids+=($!)
LB=http://127.0.0.1:$l1
wait_http "$LB/health" || { cat "$work/nginx.log"; exit 1; }
ok "nginx (packaging/nginx/ollamamax-lb.conf) answers /health on behalf of two instances"

# ---- the load is spread
count_health() { curl -fsS "$1/metrics" | python3 -c '
import sys
print(int(sum(float(l.rsplit(" ", 1)[1]) for l in sys.stdin
          if l.startswith("ollamamax_http_requests_seconds_count{") and "route=\"/health\"" in l)))'; }
before_a=$(count_health "$A"); before_b=$(count_health "$B")
for _ in $(seq 1 20); do curl -fsS -o /dev/null "$LB/health"; done
got_a=$(( $(count_health "$A") - before_a )); got_b=$(( $(count_health "$B") - before_b ))
[ "$got_a" -gt 0 ] && [ "$got_b" -gt 0 ] && [ $((got_a + got_b)) -ge 20 ] \
  && ok "20 requests through nginx: $got_a on A, $got_b on B" || fail "20 requests through nginx: $got_a on A, $got_b on B"

# ---- auth: a token from A on B, and one rate limit for both
auth=()
register() { # base-url user -> writes $work/register.json, prints the status
  curl -s -o "$work/register.json" -w '%{http_code}' "$1/auth/register" -H 'content-type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"correct horse battery staple\"}"
}
access_token() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$work/register.json"; }
status=$(register "$A" scaleout)
if [ "$status" = 404 ]; then
  pending "a token issued by A accepted by B: no /auth yet (branch auth)"
  pending "one rate limit across instances: no /auth yet (branch auth)"
elif [ "$status" = 201 ]; then
  auth=(-H "Authorization: Bearer $(access_token)")
  me=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$B/auth/me")
  [ "$me" = 200 ] && ok "a token issued by A is accepted by B" || fail "a token issued by A got $me from B"
  # a second user spends its budget, so that the first keeps its own for the checks below
  status=$(register "$B" ratelimit)
  if [ "$status" = 201 ]; then
    limited=(-H "Authorization: Bearer $(access_token)")
    codes=()
    for i in $(seq 1 40); do
      target=$A; [ $((i % 2)) = 0 ] && target=$B
      codes+=("$(curl -s -o /dev/null -w '%{http_code}' "${limited[@]}" "$target/api/tags")")
    done
    ok_count=$(printf '%s\n' "${codes[@]}" | grep -c '^200$' || true)
    # 30 a minute: counted by each instance alone, 20 each would all pass
    [[ " ${codes[*]} " == *" 429 "* ]] && ok "one rate limit across A and B: $ok_count of 40 alternating requests passed (limit 30)" \
      || fail "the rate limit is not shared: 40 requests alternating A and B, limit 30, statuses: ${codes[*]}"
  else
    fail "POST /auth/register on B answered $status: $(cat "$work/register.json")"
  fi
else
  fail "POST /auth/register on A answered $status: $(cat "$work/register.json")"
fi

# ---- streams through nginx, token by token
stream_check() { # label url body
  python3 - "$@" "${auth[@]:1}" <<'EOF'
import sys, time, urllib.error, urllib.request
label, url, body = sys.argv[1:4]
headers = {"content-type": "application/json"}
if len(sys.argv) > 4:
    headers["Authorization"] = sys.argv[4].split(": ", 1)[1]
req = urllib.request.Request(url, data=body.encode(), headers=headers)
times = []
try:
    with urllib.request.urlopen(req, timeout=30) as res:
        for line in res:
            if line.strip():
                times.append(time.monotonic())
except urllib.error.HTTPError as e:
    raise SystemExit(f"{label}: HTTP {e.code} {e.read().decode(errors='replace')}")
spread = times[-1] - times[0] if times else 0
# 10 tokens 100 ms apart: buffered, they would arrive together at the end
assert len(times) >= 10 and spread >= 0.5, f"{label}: {len(times)} lines over {spread:.2f} s"
print(f"{label}: {len(times)} lines over {spread:.2f} s")
EOF
}
chat='{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]'
if out=$(stream_check "NDJSON /api/chat through nginx" "$LB/api/chat" "$chat}" 2>&1); then ok "$out"; else fail "$out"; fi
if out=$(stream_check "SSE /v1/chat/completions through nginx" "$LB/v1/chat/completions" "$chat,\"stream\":true}" 2>&1); then ok "$out"; else fail "$out"; fi

# ---- WebSocket upgrade on every listener
ws_status() { python3 - "$1" "${auth[@]:1}" <<'EOF'
import base64, os, socket, sys
host, port = sys.argv[1].split(":")
key = base64.b64encode(os.urandom(16)).decode()
extra = f"{sys.argv[2]}\r\n" if len(sys.argv) > 2 else ""
s = socket.create_connection((host, int(port)), timeout=5)
s.sendall((f"GET /chat HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n").encode())
print(s.recv(4096).split(b" ", 2)[1].decode())
EOF
}
direct=$(ws_status "127.0.0.1:$a1" || echo none)
if [ "$direct" = 404 ]; then
  pending "WebSocket /chat through nginx: no /chat on the gateway yet (branch chat)"
else
  for lp in "$l1" "$l2" "$l3"; do
    got=$(ws_status "127.0.0.1:$lp" || echo none)
    [ "$got" = 101 ] && ok "WebSocket /chat upgrades through nginx on listener port $lp" \
      || fail "WebSocket /chat through nginx on $lp answered $got (directly: $direct)"
  done
fi

# ---- a node added on A is seen by B (adding nodes needs the admin role: an admin made with the CLI on the
# shared database, as an operator would, then signed in on A)
echo "scale-out admin password" | DATABASE_URL="$database_url" OLLAMAMAX_HOME="$work/cli" \
  java -jar app-server/target/ollamamax-server.jar users add scaleout-admin --admin --password-stdin >"$work/cli.log" 2>&1 \
  || { cat "$work/cli.log"; fail "users add scaleout-admin --admin failed"; }
admin_token=$(curl -s "$A/auth/login" -H 'content-type: application/json' \
  -d '{"username":"scaleout-admin","password":"scale-out admin password"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin).get("access_token",""))' 2>/dev/null || true)
[ -n "$admin_token" ] && auth=(-H "Authorization: Bearer $admin_token")
forbidden=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(access_token)" "$A/api/v1/nodes" \
  -H 'content-type: application/json' -d "{\"url\":\"http://127.0.0.1:$extra\"}")
[ "$forbidden" = 403 ] && ok "a registered (plain) user may not add a node: 403" || fail "a plain user adding a node got $forbidden"
added=$(curl -s -o "$work/add.json" -w '%{http_code}' "${auth[@]}" "$A/api/v1/nodes" -H 'content-type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$extra\"}")
if [ "$added" != 201 ]; then
  fail "adding a node on A answered $added: $(cat "$work/add.json")"
else
  seen=no
  for _ in $(seq 1 25); do
    curl -fsS "${auth[@]}" "$B/api/v1/nodes" | grep -q "127.0.0.1:$extra" && { seen=yes; break; }
    sleep 0.2
  done
  if [ "$seen" = yes ]; then
    ok "a node added on A is seen by B"
  else
    # TODO(lead, after the auth merge): node state shared through Redis; then this check passes by itself.
    pending "a node added on A (127.0.0.1:$extra) is not seen by B: nodes are not shared through Redis yet"
  fi
fi

echo "scale-out: $passed passed, $failed failed"
[ "$failed" = 0 ] || exit 1
if [ "$todo" -gt 0 ]; then echo "scale-out: $todo checks wait for features (TODO above)"; exit 3; fi
