#!/usr/bin/env bash
# Starts the in-test Ollama server and the packaged headless gateway on free ports, then drives the
# gateway with the official npm clients. Needs `mvn package` (or verify) to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

mvn -B -q -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 \
  || { cat "$work/mvn.log"; exit 1; }
(cd .ci && npm ci --no-audit --no-fund --silent)

fake_port=$(free_port)
java -cp "app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$work/cp.txt")" \
  dev.ollamamax.server.testing.FakeOllamaMain "$fake_port" --delay-ms 5 --pullable tinyllama \
  >"$work/fake.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$fake_port/api/version"
# a slow node the OpenAI test kills mid-stream, to see the SDK surface the error event
slow_port=$(free_port)
java -cp "app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$work/cp.txt")" \
  dev.ollamamax.server.testing.FakeOllamaMain "$slow_port" --model slowpoke --delay-ms 200 --tokens 50 --pullable tinyllama \
  >"$work/slow.log" 2>&1 &
slow_pid=$!
pids+=($slow_pid)
wait_http "http://127.0.0.1:$slow_port/api/version"

start_gateway() { # name, extra env...
  local name=$1; shift
  local p1 p2 p3
  p1=$(free_port); p2=$(free_port); p3=$(free_port)
  env PORT="$p1" WS_PORT="$p2" FALLBACK_PORT="$p3" OLLAMA_NODES="http://127.0.0.1:$fake_port,http://127.0.0.1:$slow_port" \
      ENABLE_LOCAL_OLLAMA=false OLLAMAMAX_HOME="$work/$name" "$@" \
      java -jar app-server/target/ollamamax-server.jar >"$work/$name.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$p1/health"
  echo "$p1 $p2 $p3"
}

read -r open1 open2 open3 < <(start_gateway open AUTH_ENABLED=false)
echo "== gateway (auth off) on $open1/$open2/$open3, fake Ollama on $fake_port"
# the OpenAI test runs last: it kills the slow node mid-stream
for t in .ci/ollama-client-test.mjs .ci/ws-client-test.mjs .ci/openai-client-test.mjs; do
  [ -f "$t" ] || { echo "missing $t" >&2; exit 1; }
  echo "== $t"
  OLLAMA_HOST="http://127.0.0.1:$open1" OPENAI_BASE_URL="http://127.0.0.1:$open1/v1" \
    OMX_PORTS="$open1,$open2,$open3" SLOW_FAKE_PID="$slow_pid" node "$t"
done

# auth on: a user and an API key made with the CLI against the running gateway's data folder
read -r sec1 sec2 sec3 < <(start_gateway secured AUTH_ENABLED=true)
echo "== gateway (auth on) on $sec1/$sec2/$sec3"
for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$sec1/health/ready" | grep -q '"database":{"status":"UP"' && break; sleep 0.2
done
echo "ci password" | java -jar app-server/target/ollamamax-server.jar users add ci-bot --admin --password-stdin --home "$work/secured" >/dev/null
api_key=$(java -jar app-server/target/ollamamax-server.jar keys create ci-bot --name client-tests --home "$work/secured" 2>/dev/null)
echo "== .ci/openai-apikey-test.mjs"
OPENAI_BASE_URL="http://127.0.0.1:$sec1/v1" OMX_API_KEY="$api_key" node .ci/openai-apikey-test.mjs

# a plain user (role user): an unrestricted key from the CLI, and one limited to llama3.2 made over HTTP
echo "plain password" | java -jar app-server/target/ollamamax-server.jar users add ci-plain --password-stdin --home "$work/secured" >/dev/null
user_key=$(java -jar app-server/target/ollamamax-server.jar keys create ci-plain --name plain --home "$work/secured" 2>/dev/null)
narrow_key=$(curl -fsS "http://127.0.0.1:$sec1/auth/keys" -H "Authorization: Bearer $user_key" -H 'content-type: application/json' \
  -d '{"name":"narrow","models":["llama3.2"]}' 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])' || true)
if [ -z "$narrow_key" ]; then # a key without the keys scope may not make keys: sign in with the password instead
  access=$(curl -fsS "http://127.0.0.1:$sec1/auth/login" -H 'content-type: application/json' \
    -d '{"username":"ci-plain","password":"plain password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  narrow_key=$(curl -fsS "http://127.0.0.1:$sec1/auth/keys" -H "Authorization: Bearer $access" -H 'content-type: application/json' \
    -d '{"name":"narrow","models":["llama3.2"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
fi
echo "== .ci/forbidden-test.mjs"
OLLAMA_HOST="http://127.0.0.1:$sec1" OPENAI_BASE_URL="http://127.0.0.1:$sec1/v1" OMX_USER_KEY="$user_key" \
  OMX_NARROW_KEY="$narrow_key" node .ci/forbidden-test.mjs
echo "client tests: all passed"
