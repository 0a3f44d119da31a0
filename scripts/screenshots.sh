#!/usr/bin/env bash
# Takes the Chat, Nodes, Models and Metrics screenshots of docs/screenshots under Xvfb: the packaged desktop
# app (mvn -DskipTests package first) against two in-test Ollama servers (FakeOllamaMain), driven with xdotool.
# Needs xvfb, libgtk-3-0, imagemagick and xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

out=${1:-docs/screenshots}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

cp="app-server/target/test-classes:$(ls app-ui/target/libs/*.jar | tr '\n' ':')"
cat >"$work/reply.md" <<'EOF'
Here is a **small Python function** that checks whether a port is free, the way the panel does before it starts a service:

```python
import socket

def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
            return True
        except OSError:
            return False
```

- It binds *without* `SO_REUSEADDR`, so a port held by another listener counts as taken.
- Ports below 1024 need privileges, so start looking at `1024`.
EOF

node_a=$(free_port); node_b=$(free_port)
# the slow node (b) sorts first, so it is the one selected on the Nodes screen
if [[ "127.0.0.1:$node_b" > "127.0.0.1:$node_a" ]]; then t=$node_a; node_a=$node_b; node_b=$t; fi
java -cp "$cp" dev.ollamamax.server.testing.FakeOllamaMain "$node_a" --delay-ms 25 --reply-file "$work/reply.md" \
  >"$work/node-a.log" 2>&1 &
pids+=($!)
java -cp "$cp" dev.ollamamax.server.testing.FakeOllamaMain "$node_b" --delay-ms 700 --model mistral:7b \
  --model qwen2.5-coder:1.5b --pullable tinyllama >"$work/node-b.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$node_a/api/version"
wait_http "http://127.0.0.1:$node_b/api/version"

export DISPLAY=:97
Xvfb "$DISPLAY" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
sleep 1

p1=$(free_port); p2=$(free_port); p3=$(free_port)
PORT=$p1 WS_PORT=$p2 FALLBACK_PORT=$p3 OLLAMA_NODES="http://127.0.0.1:$node_a,http://127.0.0.1:$node_b" \
  ENABLE_LOCAL_OLLAMA=false OLLAMAMAX_HOME="$work/home" NODE_PROBE_INTERVAL_MS=1000 ALLOW_REGISTRATION=true \
  java -Dprism.order=sw -jar app-ui/target/ollamamax-desktop.jar >"$work/app.log" 2>&1 &
pids+=($!)

win=""
for _ in $(seq 1 100); do win=$(xdotool search --name OllamaMax 2>/dev/null | head -1 || true); [ -n "$win" ] && break; sleep 0.2; done
[ -n "$win" ] || { cat "$work/app.log"; echo "no window" >&2; exit 1; }
wait_http "http://127.0.0.1:$p1/health"
# the database (embedded PostgreSQL) must be up for the chat's sign-in and the conversation store
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$p1/health/ready" | grep -q '"database"[^}]*"up"' && break; sleep 0.2; done
xdotool windowmove "$win" 0 0
sleep 1
shot() { import -window "$win" "$out/$1"; echo "saved $out/$1"; }
key() { xdotool key --window "$win" "$@"; }
click() { xdotool mousemove --window "$win" "$1" "$2" click 1; }

# traffic for the metrics, as a registered user: health probes, chats (generated tokens), a node that fails
api="http://127.0.0.1:$p1"
curl -fs -o /dev/null -X POST "$api/auth/register" -H 'Content-Type: application/json' -d '{"username":"demo","password":"demo-password-1"}'
token=$(curl -fs -X POST "$api/auth/login" -H 'Content-Type: application/json' -d '{"username":"demo","password":"demo-password-1"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
(i=0; while true; do i=$((i + 1))
   curl -s -o /dev/null "$api/health" || true
   if (( i % 8 == 0 )); then
     curl -s -o /dev/null -X POST "$api/api/chat" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
       -d '{"model":"llama3.2","messages":[{"role":"user","content":"hi"}],"stream":false}' &
   fi
   sleep 0.1
 done) &
pids+=($!)

# Chat: Ctrl+2, type, Enter; the answer streams at ~40 tokens/s
key ctrl+2
sleep 2
xdotool type --window "$win" --delay 15 "How do I check in Python whether a port is free?"
key Return
if [ -n "${EXTRA_SHOTS:-}" ]; then sleep 1.2; shot chat-streaming.png; fi
sleep 6
if [ -n "${FAILOVER:-1}" ]; then
  # stop the primary listener on the Services screen (third row, after PostgreSQL and Redis); the chat fails over
  key ctrl+6; sleep 2
  if [ -n "${EXTRA_SHOTS:-}" ]; then shot services-before.png; fi
  click ${STOP_X:-1190} ${STOP_Y:-238}; sleep 2
  key ctrl+2; sleep 2
  xdotool type --window "$win" --delay 15 "And in one line?"
  key Return
  sleep 6
fi
shot chat.png
if [ -n "${FAILOVER:-1}" ]; then
  # start the primary listener again: the REST API (nodes, pulls) and the traffic below use it
  key ctrl+6; sleep 1; click ${START_X:-1154} ${STOP_Y:-238}; sleep 2; key ctrl+2; sleep 3
fi
if [ -n "${EXTRA_SHOTS:-}" ]; then
  click 1241 35; sleep 1; shot chat-settings.png; click 1241 35
  click 87 720; sleep 1.5; shot chat-dark.png; click 87 720; sleep 1
fi

# Nodes: Ctrl+3, the first node selected
key ctrl+3
sleep 3
shot nodes.png

# Models: the slow node is selected; pull tinyllama onto it and shoot mid-pull
click 1000 338
xdotool type --window "$win" --delay 20 "tinyllama"
key Return
sleep 3.5
shot models.png

# Metrics: Ctrl+4 after a minute of traffic
sleep ${METRICS_WAIT:-40}
key ctrl+4
sleep 2
shot metrics.png
