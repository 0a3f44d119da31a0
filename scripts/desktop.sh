#!/usr/bin/env bash
# Builds (when needed) and runs the OllamaMax desktop app. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ ! -f app-ui/target/ollamamax-desktop.jar ] || [ -n "$(find app-*/src pom.xml app-*/pom.xml -newer app-ui/target/ollamamax-desktop.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
exec java -jar app-ui/target/ollamamax-desktop.jar "$@"
