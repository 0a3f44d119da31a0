#!/usr/bin/env bash
# Runs every test: the Maven suite (unit, gateway, PostgreSQL/Redis, headless UI), then the official
# third-party clients (openai, ollama, ws) against a running gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mvn -B verify
scripts/client-tests.sh
