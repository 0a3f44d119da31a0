#!/usr/bin/env bash
# Validates what can be validated of packaging/ without a Docker engine or systemd as PID 1:
#   Prometheus config (promtool check config), a live gateway's /metrics (promtool check metrics),
#   the Grafana provisioning and dashboard (parsed; every series its queries name is exported by the live
#   gateway; every query accepted by a real Prometheus scraping that gateway), the nginx load-balancer config
#   (nginx -t), the systemd unit (systemd-analyze verify), the compose file (docker compose / docker-compose
#   config) and the Dockerfile's inputs.
# Installs promtool (Debian's prometheus), nginx-light and docker-compose with apt when missing and run as root.
# Needs a built gateway: it runs `mvn -pl app-server -am package` itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; reap; rm -rf "$work"; }
# Processes still running inside $work after the kills (an embedded PostgreSQL or Redis whose gateway was
# stopped while starting them): without their folder they could not shut down by themselves.
reap() { for d in /proc/[0-9]*; do case "$(readlink "$d/cwd" 2>/dev/null)" in "$work"/*) kill -9 "${d#/proc/}" 2>/dev/null || true ;; esac; done; }
trap cleanup EXIT

passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
check() { # description, command...
  local what=$1; shift
  if "$@" >"$work/out" 2>&1; then ok "$what"; else fail "$what"; sed 's/^/    /' "$work/out" >&2; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

# ---- tools
apt_install() { # command, package
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $2 (for $1)"
    # policy-rc.d keeps the packaged prometheus service from starting
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >"$work/apt-$2.log" 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >"$work/apt-$2.log" 2>&1; } \
      || { cat "$work/apt-$2.log"; return 1; }
  fi
  command -v "$1" >/dev/null 2>&1
}
apt_install promtool prometheus || echo "promtool unavailable: Prometheus checks skipped"
apt_install nginx nginx-light || echo "nginx unavailable: load-balancer check skipped"
if ! docker compose version >/dev/null 2>&1; then apt_install docker-compose docker-compose || true; fi
# the Debian package starts nothing here (no systemd), but stop it if something did
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then systemctl stop prometheus || true; fi
yaml_python=python3
python3 -c 'import yaml' 2>/dev/null || yaml_python=/usr/bin/python3
$yaml_python -c 'import yaml' 2>/dev/null || apt_install /usr/bin/python3 python3-yaml || true

# ---- static files
check "packaging/prometheus/prometheus.yml: promtool check config" \
  promtool check config packaging/prometheus/prometheus.yml
check "Grafana provisioning and compose YAML parse" $yaml_python - <<'EOF'
import sys, yaml
for f in ["packaging/grafana/provisioning/datasources/prometheus.yaml",
          "packaging/grafana/provisioning/dashboards/ollamamax.yaml", "packaging/compose.yaml"]:
    yaml.safe_load(open(f))
ds = yaml.safe_load(open("packaging/grafana/provisioning/datasources/prometheus.yaml"))["datasources"]
assert any(d["type"] == "prometheus" and d["uid"] == "prometheus" for d in ds), "no prometheus data source with uid 'prometheus'"
compose = yaml.safe_load(open("packaging/compose.yaml"))["services"]
for name in ["gateway-1", "gateway-2", "postgres", "redis", "prometheus", "grafana"]:
    assert name in compose, f"compose.yaml has no service {name}"
for g in ["gateway-1", "gateway-2"]:
    env = compose[g]["environment"]
    for key in ["DATABASE_URL", "REDIS_URL", "JWT_SECRET"]:
        assert key in env, f"{g} has no {key}"
assert any("3001" in str(p) for p in compose["grafana"]["ports"]), "Grafana is not on 3001"
EOF
check "the dashboard uses the provisioned data source" python3 - <<'EOF'
import json
d = json.load(open("packaging/grafana/dashboards/ollamamax-gateway.json"))
assert d["panels"], "no panels"
for p in d["panels"]:
    assert p["datasource"]["uid"] == "prometheus", p["title"]
    assert p["targets"] and all(t["expr"].strip() for t in p["targets"]), p["title"]
EOF
if docker compose version >/dev/null 2>&1; then compose=(docker compose); elif command -v docker-compose >/dev/null; then compose=(docker-compose); else compose=(); fi
if [ ${#compose[@]} -gt 0 ]; then
  check "packaging/compose.yaml: ${compose[*]} config" \
    env JWT_SECRET=check GRAFANA_ADMIN_PASSWORD=check "${compose[@]}" -p ollamamax -f packaging/compose.yaml config -q
else
  echo "skipped: no docker compose / docker-compose to parse packaging/compose.yaml"
fi
if command -v nginx >/dev/null; then
  check "packaging/nginx/ollamamax-lb.conf: nginx -t" \
    nginx -t -q -e stderr -g "pid $work/nginx.pid;" -c "$PWD/packaging/nginx/ollamamax-lb.conf"
fi
if command -v systemd-analyze >/dev/null; then
  unit=packaging/systemd/ollamamax-gateway.service
  launcher=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
  if [ ! -x "$launcher" ]; then
    # verify insists that ExecStart exists: check a copy that runs /bin/true instead
    echo "note: $launcher is not installed here; verifying the unit with ExecStart=/bin/true"
    mkdir -p "$work/unit" && sed "s|^ExecStart=$launcher|ExecStart=/bin/true|" "$unit" >"$work/unit/ollamamax-gateway.service"
    unit=$work/unit/ollamamax-gateway.service
  fi
  check "packaging/systemd/ollamamax-gateway.service: systemd-analyze verify" systemd-analyze verify "$unit"
  grep -q '^EnvironmentFile=/etc/ollamamax/gateway.env' packaging/systemd/ollamamax-gateway.service \
    && ok "the unit reads /etc/ollamamax/gateway.env" || fail "the unit does not read /etc/ollamamax/gateway.env"
fi

# ---- a live gateway in front of two fake Ollama nodes
mvn -B -q -DskipTests -pl app-server -am package >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log"; exit 1; }
mvn -B -q -pl app-server -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 \
  || { cat "$work/mvn.log"; exit 1; }
for f in app-server/target/ollamamax-server.jar app-server/target/libs; do
  [ -e "$f" ] && ok "Dockerfile input $f exists" || fail "Dockerfile input $f is missing"
done
cp="app-server/target/test-classes:app-server/target/classes:app-shared/target/classes:$(cat "$work/cp.txt")"
fake_a=$(free_port); fake_b=$(free_port)
java -cp "$cp" dev.ollamamax.server.testing.FakeOllamaMain "$fake_a" --delay-ms 2 >"$work/fake-a.log" 2>&1 &
pids+=($!); pid_a=$!
# B holds llama3.2 without having it loaded: the gateway sends llama3.2 to A first
java -cp "$cp" dev.ollamamax.server.testing.FakeOllamaMain "$fake_b" --delay-ms 2 --model qwen2.5:0.5b --model llama3.2 \
  >"$work/fake-b.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$fake_a/api/version"; wait_http "http://127.0.0.1:$fake_b/api/version"
gw=$(free_port)
env PORT="$gw" WS_PORT="$(free_port)" FALLBACK_PORT="$(free_port)" AUTH_ENABLED=true ALLOW_REGISTRATION=true ENABLE_LOCAL_OLLAMA=false \
    NODE_PROBE_INTERVAL_MS=600000 \
    OLLAMA_NODES="http://127.0.0.1:$fake_a,http://127.0.0.1:$fake_b" OLLAMAMAX_HOME="$work/home" \
    java -jar app-server/target/ollamamax-server.jar >"$work/gateway.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$gw/health/ready"
# registration needs the embedded database, which may still be starting while the gateway already serves
for _ in $(seq 1 150); do
  curl -s "http://127.0.0.1:$gw/health/ready" | grep -q '"database":{"status":"UP"' && break
  sleep 0.2
done

prom=""
if command -v prometheus >/dev/null; then
  prom_port=$(free_port)
  cat >"$work/prometheus.yml" <<EOF
global: {scrape_interval: 1s}
scrape_configs:
  - job_name: ollamamax-gateway
    static_configs: [{targets: ["127.0.0.1:$gw"]}]
EOF
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$prom_port/-/ready" && prom="http://127.0.0.1:$prom_port"
fi

token=$(curl -fsS "http://127.0.0.1:$gw/auth/register" -H 'content-type: application/json' \
  -d '{"username":"metrics","password":"correct horse battery staple"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
bearer="Authorization: Bearer $token"
# one refused credential: the auth-failure series
curl -s -o /dev/null -H 'Authorization: Bearer not-a-token' "http://127.0.0.1:$gw/api/tags"
chat='{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}'
traffic() {
  for _ in 1 2 3; do
    curl -fsS -H "$bearer" "http://127.0.0.1:$gw/api/chat" -d "$chat" >/dev/null
    curl -fsS -H "$bearer" "http://127.0.0.1:$gw/v1/chat/completions" -H 'content-type: application/json' \
      -d "${chat%\}},\"stream\":true}" >/dev/null
    curl -fsS -H "$bearer" "http://127.0.0.1:$gw/v1/chat/completions" -H 'content-type: application/json' -d "$chat" >/dev/null
    curl -s -o /dev/null -H "$bearer" "http://127.0.0.1:$gw/api/no-such-route"
  done
}
traffic
# node A dies without the gateway knowing yet (no probe before the next request): the next llama3.2
# request goes to A, fails before its first byte and moves to B
kill "$pid_a"; wait "$pid_a" 2>/dev/null || true
traffic
curl -fsS "http://127.0.0.1:$gw/metrics" >"$work/metrics.txt"
check "live /metrics: promtool check metrics" sh -c "promtool check metrics < '$work/metrics.txt'"
check "every series the dashboard charts is exported by the live gateway" python3 - "$work/metrics.txt" <<'EOF'
import json, re, sys
d = json.load(open("packaging/grafana/dashboards/ollamamax-gateway.json"))
queries = [t["expr"] for p in d["panels"] for t in p["targets"]]
queries += [v.get("definition", "") for v in d["templating"]["list"]]
charted = {m for q in queries for m in re.findall(r"\bollamamax_[a-z0-9_]+", q)}
exported = {l.split("{")[0].split(" ")[0] for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")}
missing = sorted(charted - exported)
assert not missing, f"charted but not exported: {missing}"
print(f"{len(charted)} series charted, all exported")
EOF
if [ -n "$prom" ]; then
  # wait for a few scrapes after the traffic, so that rate() has samples to work with
  for _ in $(seq 1 40); do
    n=$(curl -fsS "$prom/api/v1/query" --data-urlencode 'query=min(count_over_time(ollamamax_upstream_retries_total[1m]))' \
      | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)')
    [ "${n%.*}" -ge 4 ] && break
    sleep 0.5
  done
  check "every dashboard query runs on a real Prometheus scraping the gateway" python3 - "$prom" <<'EOF'
import json, sys, urllib.parse, urllib.request
prom = sys.argv[1]
d = json.load(open("packaging/grafana/dashboards/ollamamax-gateway.json"))
bad, empty = [], []
for p in d["panels"]:
    for t in p["targets"]:
        q = t["expr"].replace("$__rate_interval", "1m").replace("$instance", ".*")
        url = prom + "/api/v1/query?" + urllib.parse.urlencode({"query": q})
        try:
            r = json.load(urllib.request.urlopen(url, timeout=10))
        except urllib.error.HTTPError as e:
            r = json.load(e)
        if r.get("status") != "success":
            bad.append(f'{p["title"]}: {q}: {r.get("error")}')
        elif not r["data"]["result"]:
            empty.append(p["title"])
assert not bad, "rejected queries:\n" + "\n".join(bad)
# panels without data are those whose events did not happen (no 5xx, no chat socket): listed, not failed
print("queries accepted; without data in this run: " + (", ".join(sorted(set(empty))) or "none"))
EOF
  sed -n 's/^queries accepted; /  /p' "$work/out"
fi

echo "packaging checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
