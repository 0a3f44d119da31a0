#!/usr/bin/env bash
# Builds the Linux installer (mvn -Pinstallers), installs the .deb on this machine, starts the installed
# desktop app under Xvfb and takes a screenshot of its window, runs the installed ollamamax-gateway launcher
# the way packaging/systemd/ollamamax-gateway.service does (dedicated user, env file), then uninstalls.
# Debian/Ubuntu, as root. Usage: scripts/check-installer.sh [screenshot.png]   (default: target/installed-app.png)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
shot=$(realpath -m "${1:-target/installed-app.png}")
mkdir -p "$(dirname "$shot")"

[ "$(id -u)" = 0 ] || { echo "run as root: it installs and removes a package" >&2; exit 1; }
work=$(mktemp -d)
pids=()
created=()
created_user=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if dpkg -s ollamamax-desktop >/dev/null 2>&1; then dpkg --purge ollamamax-desktop >/dev/null 2>&1 || true; fi
  for d in "${created[@]}"; do rmdir "$d" 2>/dev/null || true; done
  [ -z "$created_user" ] || userdel "$created_user" 2>/dev/null || true
  reap
  rm -rf "$work"
}
# Processes still running inside $work after the kills (an embedded PostgreSQL or Redis whose gateway was
# stopped while starting them): without their folder they could not shut down by themselves.
reap() { for d in /proc/[0-9]*; do case "$(readlink "$d/cwd" 2>/dev/null)" in "$work"/*) kill -9 "${d#/proc/}" 2>/dev/null || true ;; esac; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

need=()
for t in xvfb-run:xvfb import:imagemagick xwininfo:x11-utils fakeroot:fakeroot dpkg-deb:dpkg; do
  command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
done
dpkg -s libgtk-3-0 >/dev/null 2>&1 || dpkg -s libgtk-3-0t64 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

start=$(date +%s)
mvn -B -q -Pinstallers -DskipTests package >"$work/mvn.log" 2>&1 || { tail -50 "$work/mvn.log"; exit 1; }
deb=$(ls packaging/target/installers/ollamamax-desktop_*.deb)
echo "built $deb ($(du -h "$deb" | cut -f1)) in $(($(date +%s) - start)) s"
ls packaging/target/installers/

# A desktop has a menu; a bare server or container has none (the package installs either way).
for d in /etc/xdg/menus /usr/share/desktop-directories; do
  [ -d "$d" ] || { mkdir -p "$d"; created+=("$d"); }
done
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(realpath "$deb")" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; exit 1; }
launcher=/opt/ollamamax-desktop/bin/OllamaMax
[ -x "$launcher" ] || { echo "no $launcher after install" >&2; exit 1; }
entry=/usr/share/applications/ollamamax-desktop-OllamaMax.desktop
grep -q '^Categories=Development;Network;' "$entry" || { echo "desktop entry $entry lacks the categories" >&2; exit 1; }
grep -q '^Icon=/opt/ollamamax-desktop/lib/OllamaMax.png' "$entry" || { echo "desktop entry $entry lacks the icon" >&2; exit 1; }
echo "installed: $launcher, menu entry $entry"

# the desktop app, its own data folder and ports, under Xvfb
cat >"$work/desktop.sh" <<EOF
#!/bin/bash
OLLAMAMAX_HOME=$work/home PORT=$(free_port) WS_PORT=$(free_port) FALLBACK_PORT=$(free_port) ENABLE_LOCAL_OLLAMA=false \
  $launcher >$work/desktop.log 2>&1 &
app=\$!
for _ in \$(seq 1 60); do
  xwininfo -root -tree | grep -q '"OllamaMax —' && break
  sleep 0.5
done
sleep 3 # the first scan fills the dashboard
xwininfo -root -tree | grep '"OllamaMax' || { echo "no OllamaMax window" >&2; kill \$app; exit 1; }
import -window root "$shot"
kill \$app
wait \$app || true
EOF
chmod +x "$work/desktop.sh"
xvfb-run -a -s "-screen 0 1440x900x24" "$work/desktop.sh" || { tail -30 "$work/desktop.log"; exit 1; }
echo "screenshot of the installed app: $shot"

# the headless launcher as the unit runs it: dedicated user, /etc/ollamamax/gateway.env-style file
if ! id ollamamax >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/ollamamax --no-create-home --shell /usr/sbin/nologin ollamamax
  created_user=ollamamax
fi
install -d -o ollamamax -g ollamamax -m 0700 "$work/state"
chmod 755 "$work"
p1=$(free_port)
sed -e "s|^PORT=.*|PORT=$p1|; s|^WS_PORT=.*|WS_PORT=$(free_port)|; s|^FALLBACK_PORT=.*|FALLBACK_PORT=$(free_port)|" \
  packaging/systemd/gateway.env >"$work/gateway.env"
setpriv --reuid=ollamamax --regid=ollamamax --init-groups --no-new-privs \
  env -i PATH=/usr/bin:/bin OLLAMAMAX_HOME="$work/state" bash -c "set -a; . '$work/gateway.env'; set +a; exec /opt/ollamamax-desktop/bin/ollamamax-gateway serve" \
  >"$work/gateway.log" 2>&1 &
gateway=$! # setpriv, env and bash exec: this is the launcher's own process
pids+=($gateway)
wait_http "http://127.0.0.1:$p1/health" || { cat "$work/gateway.log"; exit 1; }
echo "$(ps -o comm= -p "$gateway") serves /health on $p1 as user $(ps -o user= -p "$gateway")"
# ready but for its Ollama nodes (none runs here): the embedded PostgreSQL and Redis started from the package
for _ in $(seq 1 100); do
  curl -s "http://127.0.0.1:$p1/health/ready" >"$work/ready.json" || true
  python3 - "$work/ready.json" <<'EOF' && break
import json, sys
checks = json.load(open(sys.argv[1])).get("checks", {})
down = {k: v for k, v in checks.items() if v.get("status") != "UP" and k != "nodes"}
sys.exit(1 if down or len(checks) < 2 else 0)
EOF
  sleep 0.3
done
python3 - "$work/ready.json" <<'EOF' || { cat "$work/gateway.log" | tail -30; exit 1; }
import json, sys
checks = json.load(open(sys.argv[1])).get("checks", {})
down = {k: v for k, v in checks.items() if v.get("status") != "UP" and k != "nodes"}
print("readiness checks:", ", ".join(f'{k} {v.get("status")}' for k, v in checks.items()))
sys.exit(1 if down or len(checks) < 2 else 0)
EOF
kill "$gateway"; wait "$gateway" 2>/dev/null || true

dpkg --purge ollamamax-desktop >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; exit 1; }
[ ! -e /opt/ollamamax-desktop ] && [ ! -e "$entry" ] || { echo "files left after purge" >&2; exit 1; }
echo "uninstalled cleanly"
echo "installer check: passed"
