#!/usr/bin/env bash
# Streaming: time to the first streamed byte, one request at a time, direct vs gateway vs nginx on
# /api/chat (NDJSON), the gateway on /v1/chat/completions (SSE) and /chat (WebSocket), targets taking
# turns; then CPU per streamed token of the gateway and of nginx. Installs nginx-light when missing.
# Args: [rounds of 10 requests per target, default 40] [tokens per long answer, default 1000]
# Run it under the shared Maven lock: flock /tmp/omx-maven.lock ./scripts/bench-stream.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if ! command -v nginx >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null || true
fi
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
java -cp "app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$cp")" \
  ${BENCH_JVM_OPTS:-} dev.ollamamax.server.bench.StreamBench "$@"
