#!/usr/bin/env bash
# Processes a test run left behind. scripts/test.sh exports OMX_TEST_RUN (a tag every process it starts
# inherits through its environment, also PostgreSQL started by pg_ctl and Redis) and takes a snapshot of the
# PIDs first:
#   scripts/leftovers.sh snapshot FILE     PIDs of java, redis-server, postgres, node, nginx, prometheus now
#   scripts/leftovers.sh check FILE [SEC]  waits up to SEC (10) seconds for processes of those names that are
#                                          not in FILE and carry this run's tag to end; names those left; exit 1
# Where /proc/PID/environ cannot be read (not Linux), every new process of those names is blamed.
set -euo pipefail
names='^(java|redis-server|postgres|node|nginx|prometheus)$'

candidates() { # PID COMMAND of processes with a watched name
  ps -eo pid=,comm= | awk -v re="$names" '$2 ~ re { print $1, $2 }'
}
ours() { # true when PID carries this run's tag (or the tag cannot be read)
  local env="/proc/$1/environ"
  [ -z "${OMX_TEST_RUN:-}" ] && return 0
  [ -r "$env" ] || return 0
  tr '\0' '\n' 2>/dev/null <"$env" | grep -qx "OMX_TEST_RUN=$OMX_TEST_RUN"
}
left() {
  candidates | while read -r pid comm; do
    grep -qx "$pid" "$1" && continue
    [ "$pid" = "$$" ] && continue
    ours "$pid" && echo "$pid $comm $(ps -o args= -p "$pid" 2>/dev/null | cut -c1-160)"
  done
}

case "${1:-}" in
  snapshot) candidates | awk '{ print $1 }' >"$2" ;;
  check)
    deadline=$(( $(date +%s) + ${3:-10} ))
    while :; do
      found=$(left "$2" || true)
      [ -z "$found" ] && exit 0
      [ "$(date +%s)" -ge "$deadline" ] && break
      sleep 0.5
    done
    echo "Processes left behind by the tests:" >&2
    echo "$found" | sed 's/^/  /' >&2
    exit 1 ;;
  *) echo "usage: $0 snapshot FILE | check FILE [SECONDS]" >&2; exit 2 ;;
esac
