#!/usr/bin/env bash
# Builds (when needed) and runs the gateway headless. Arguments go to the CLI (serve, ports, --help…).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ ! -f app-server/target/ollamamax-server.jar ] || [ -n "$(find app-shared/src app-server/src pom.xml app-*/pom.xml -newer app-server/target/ollamamax-server.jar -print -quit)" ]; then
  mvn -B -q -DskipTests -pl app-server -am package
fi
exec java -jar app-server/target/ollamamax-server.jar "$@"
