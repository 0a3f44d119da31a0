#!/usr/bin/env bash
# Builds (when needed) and runs the OllamaMax desktop app. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ ! -f app-ui/target/ollamamax-desktop.jar ] || [ -n "$(find app-*/src pom.xml app-*/pom.xml -newer app-ui/target/ollamamax-desktop.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
# AppCDS: the first start writes a class-data archive beside the jar (rewritten when the jar changes); later
# starts map it instead of loading and verifying every class again (docs/performance.md, "Window"). A small
# heap that gives memory back: G1 with a periodic collection every 5 s while idle (it uncommits what the
# start-up left as garbage; the serial collector kept ~150 MiB committed, ~110 MiB of it garbage), at most
# 20 % free: a desktop idles most of the time (docs/performance.md, "Idle footprint").
exec java -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=app-ui/target/ollamamax-desktop.jsa \
  -XX:+UseG1GC -XX:G1PeriodicGCInterval=5000 -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 \
  -jar app-ui/target/ollamamax-desktop.jar "$@"
