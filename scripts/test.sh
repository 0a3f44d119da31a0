#!/usr/bin/env bash
# Runs every test: the Maven suite (unit, gateway, PostgreSQL/Redis, headless UI), the official
# third-party clients (openai, ollama, ws) against the running gateway, two instances behind nginx
# (scale-out), and the packaging checks (Prometheus, Grafana, compose, nginx, systemd).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mvn -B verify
scripts/client-tests.sh
scripts/scale-out-test.sh
scripts/check-packaging.sh
