#!/usr/bin/env bash
# Runs .ci/openai-client-test.mjs (official OpenAI Node SDK) against a real gateway in front of two
# FakeOllamaMain nodes: a fast one (llama3.2, qwen2.5:0.5b) and a slow one (slowpoke) that the script
# kills mid-stream. Ports: GATEWAY_PORT (default 18100, +1 and +2 for the other listeners),
# FAKE_PORT (18434) and SLOW_FAKE_PORT (18435). Kills what it started on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
GATEWAY_PORT=${GATEWAY_PORT:-18100}
FAKE_PORT=${FAKE_PORT:-18434}
SLOW_FAKE_PORT=${SLOW_FAKE_PORT:-18435}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mvn -B -q -o -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt"
CP="app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$WORK/cp.txt")"
[ -d .ci/node/node_modules/openai ] || npm install --prefix .ci/node --no-audit --no-fund

"$JAVA_HOME/bin/java" -cp "$CP" dev.ollamamax.server.testing.FakeOllamaMain "$FAKE_PORT" >"$WORK/fake.log" 2>&1 &
PIDS+=($!)
"$JAVA_HOME/bin/java" -cp "$CP" dev.ollamamax.server.testing.FakeOllamaMain "$SLOW_FAKE_PORT" \
    --model slowpoke --delay-ms 200 --tokens 50 >"$WORK/slow.log" 2>&1 &
SLOW_PID=$!
PIDS+=($SLOW_PID)
# --opt=value form: Main treats a separate value word as a subcommand and would exit after starting
"$JAVA_HOME/bin/java" -cp "$CP" dev.ollamamax.server.Main serve --port="$GATEWAY_PORT" \
    --ws-port=$((GATEWAY_PORT + 1)) --fallback-port=$((GATEWAY_PORT + 2)) --home="$WORK/home" \
    --nodes="http://127.0.0.1:$FAKE_PORT,http://127.0.0.1:$SLOW_FAKE_PORT" \
    -D AUTH_ENABLED=false -D ENABLE_LOCAL_OLLAMA=false >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)

models=""
for _ in $(seq 1 100); do
  models=$(curl -s "http://127.0.0.1:$GATEWAY_PORT/v1/models" || true)
  [[ "$models" == *slowpoke* ]] && break
  sleep 0.2
done
if [[ "$models" != *slowpoke* ]]; then
  echo "The gateway did not list the fake nodes' models: $models" >&2
  tail -n 20 "$WORK/gateway.log" "$WORK/fake.log" "$WORK/slow.log" >&2
  exit 1
fi

OPENAI_BASE_URL="http://127.0.0.1:$GATEWAY_PORT/v1" SLOW_FAKE_PID=$SLOW_PID SLOW_MODEL=slowpoke \
    node .ci/openai-client-test.mjs
