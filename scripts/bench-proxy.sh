#!/usr/bin/env bash
# Gateway overhead on a non-streamed completion vs direct and nginx proxy_pass (same run).
# Args: [rate req/s, default 1000] [seconds per target, default 10]. Install nginx for the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cp=$(mktemp)
mvn -B -q -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
exec java -cp "app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$cp")" \
  ${BENCH_JVM_OPTS:-} dev.ollamamax.server.bench.ProxyBench "$@"
