#!/usr/bin/env bash
# WebSocket chat: N idle /chat connections held on one gateway (heap used after GC, total and per
# connection), then chunks/s delivered to many concurrent streams. The gateway runs in its own JVM.
# Args: [connections, default 10000] [streams, default 200] [tokens per stream, default 200] [gateway heap, default 512m]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# each side holds one socket per connection: raise the open-file limit as far as allowed
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cp=$(mktemp)
mvn -B -q -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
exec java -cp "app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$cp")" \
  dev.ollamamax.server.bench.WsBench "$@"
