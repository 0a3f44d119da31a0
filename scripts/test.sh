#!/usr/bin/env bash
# Runs every test: the Maven suite (unit, gateway, PostgreSQL/Redis, headless UI), the official
# third-party clients (openai, ollama, ws) against the running gateway, two instances behind nginx
# (scale-out), the launchers (timeout, setsid, nohup, output to a pipe, a file or nowhere), a kill -9 chaos
# run, and the packaging checks (Prometheus, Grafana, compose, nginx, systemd).
# It ends by checking that it left nothing behind: no process it started is still running, and the user's
# own data folder (~/.local/share/ollamamax) was not created or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

export OMX_TEST_RUN="omx-test-$$-$(date +%s)"
state=$(mktemp -d)
scripts/leftovers.sh snapshot "$state/pids"
user_data="${XDG_DATA_HOME:-$HOME/.local/share}/ollamamax"
fingerprint() { [ -e "$user_data" ] && find "$user_data" -maxdepth 3 -printf '%p %s %T@\n' 2>/dev/null | sort || echo "absent"; }
fingerprint >"$state/user-data"
finish() {
  local rc=$?
  if ! scripts/leftovers.sh check "$state/pids" 15; then rc=1; fi
  if ! fingerprint | cmp -s - "$state/user-data"; then
    echo "The tests touched the user's own data folder $user_data:" >&2
    fingerprint | diff "$state/user-data" - | head -20 >&2 || true
    rc=1
  fi
  rm -rf "$state"
  [ "$rc" -eq 0 ] && echo "test.sh: all passed, nothing left behind"
  exit "$rc"
}
trap finish EXIT

mvn -B verify
scripts/client-tests.sh
scripts/scale-out-test.sh
scripts/launcher-test.sh
scripts/check-packaging.sh
