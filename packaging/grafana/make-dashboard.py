#!/usr/bin/env python3
"""Writes packaging/grafana/dashboards/ollamamax-gateway.json (the Grafana dashboard for the gateway):
    python3 packaging/grafana/make-dashboard.py > packaging/grafana/dashboards/ollamamax-gateway.json
Series names: docs/metrics.md; DashboardMetricsTest checks that the gateway exports every one it names."""
import json
DS = {"type": "prometheus", "uid": "prometheus"}
I = 'instance=~"$instance"'
panels = []
pid = [0]
def panel(kind, title, targets, x, y, w, h, unit="short", desc="", extra=None):
    pid[0] += 1
    p = {"id": pid[0], "type": kind, "title": title, "description": desc, "datasource": DS,
         "gridPos": {"x": x, "y": y, "w": w, "h": h},
         "targets": [{"refId": chr(65 + i), "datasource": DS, "expr": e, "legendFormat": l, "range": True}
                     for i, (e, l) in enumerate(targets)],
         "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
         "options": {}}
    if kind == "timeseries":
        p["fieldConfig"]["defaults"]["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never"}
        p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["mean", "max", "lastNotNull"]},
                        "tooltip": {"mode": "multi", "sort": "desc"}}
    if kind == "stat":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "value", "graphMode": "area", "textMode": "auto"}
    if extra:
        for k, v in extra.items():
            p["fieldConfig"]["defaults"][k] = v
    panels.append(p)
R = "$__rate_interval"
def q(quant, metric, by):
    return f'histogram_quantile({quant}, sum by (le{", " + by if by else ""}) (rate({metric}_bucket{{{I}}}[{R}])))'
# row of stats
panel("stat", "Nodes up", [(f'sum(ollamamax_node_up{{{I}}})', "up"), (f'count(ollamamax_node_up{{{I}}})', "configured")], 0, 0, 4, 4,
      desc="Ollama nodes answering their health probe, of those configured (per gateway, summed over the selected instances).")
panel("stat", "Requests/s", [(f'sum(rate(ollamamax_http_requests_seconds_count{{{I}}}[{R}]))', "req/s")], 4, 0, 4, 4, unit="reqps")
panel("stat", "5xx errors/s", [(f'sum(rate(ollamamax_http_requests_seconds_count{{{I},status=~"5.."}}[{R}])) or vector(0)', "5xx/s")], 8, 0, 4, 4, unit="reqps",
      extra={"thresholds": {"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "red", "value": 0.01}]}})
panel("stat", "Streams in flight", [(f'sum(ollamamax_streams_in_flight{{{I}}})', "streams")], 12, 0, 4, 4)
panel("stat", "WebSocket connections", [(f'sum(ollamamax_ws_connections{{{I}}})', "connections")], 16, 0, 4, 4)
panel("stat", "Tokens/s", [(f'sum(rate(ollamamax_tokens_generated_total{{{I}}}[{R}]))', "tokens/s")], 20, 0, 4, 4, unit="none")
# traffic and latency
panel("timeseries", "Requests/s by route and status",
      [(f'sum by (route, status) (rate(ollamamax_http_requests_seconds_count{{{I}}}[{R}]))', "{{route}} {{status}}")], 0, 4, 12, 8, unit="reqps")
panel("timeseries", "Request latency p50 / p99",
      [(q(0.5, "ollamamax_http_requests_seconds", ""), "p50"), (q(0.99, "ollamamax_http_requests_seconds", ""), "p99"),
       (q(0.99, "ollamamax_http_requests_seconds", "route"), "p99 {{route}}")], 12, 4, 12, 8, unit="s",
      desc="Whole request as the gateway served it; for a stream, until its last byte.")
panel("timeseries", "Upstream latency by node (p50 / p99)",
      [(q(0.5, "ollamamax_upstream_latency_seconds", "node"), "p50 {{node}}"), (q(0.99, "ollamamax_upstream_latency_seconds", "node"), "p99 {{node}}")],
      0, 12, 12, 8, unit="s", desc="A call to an Ollama node, from request to the end of its answer.")
panel("timeseries", "Time to first token by node (p50 / p99)",
      [(q(0.5, "ollamamax_upstream_ttft_seconds", "node"), "p50 {{node}}"), (q(0.99, "ollamamax_upstream_ttft_seconds", "node"), "p99 {{node}}")],
      12, 12, 12, 8, unit="s")
panel("timeseries", "Tokens/s by model and node",
      [(f'sum by (model, node) (rate(ollamamax_tokens_generated_total{{{I}}}[{R}]))', "{{model}} @ {{node}}"),
       (f'sum by (model) (rate(ollamamax_tokens_prompt_total{{{I}}}[{R}]))', "prompt {{model}}")], 0, 20, 12, 8, unit="none",
      desc="Generated tokens per second (eval_count), and prompt tokens evaluated (prompt_eval_count).")
panel("timeseries", "Errors: 5xx/s by route",
      [(f'sum by (route, status) (rate(ollamamax_http_requests_seconds_count{{{I},status=~"5.."}}[{R}]))', "{{route}} {{status}}"),
       (f'sum(rate(ollamamax_http_requests_seconds_count{{{I},status=~"5.."}}[{R}])) / sum(rate(ollamamax_http_requests_seconds_count{{{I}}}[{R}]))', "share of all requests")],
      12, 20, 12, 8, unit="reqps")
panel("timeseries", "Nodes up", [(f'max by (node) (ollamamax_node_up{{{I}}})', "{{node}}")], 0, 28, 8, 8,
      extra={"min": 0, "max": 1})
panel("timeseries", "In-flight streams and node load",
      [(f'sum by (instance) (ollamamax_streams_in_flight{{{I}}})', "streams {{instance}}"),
       (f'sum by (node) (ollamamax_node_in_flight{{{I}}})', "open on {{node}}")], 8, 28, 8, 8)
panel("timeseries", "WebSocket connections by listener",
      [(f'sum by (instance, listener) (ollamamax_ws_connections{{{I}}})', "{{instance}} {{listener}}")], 16, 28, 8, 8)
panel("timeseries", "Retries before the first token, by failed node",
      [(f'sum by (node) (rate(ollamamax_upstream_retries_total{{{I}}}[{R}]))', "{{node}}")], 0, 36, 12, 8, unit="reqps",
      desc="Requests moved to another node because this one failed before its first byte.")
panel("timeseries", "Requests/s by gateway instance",
      [(f'sum by (instance) (rate(ollamamax_http_requests_seconds_count{{{I}}}[{R}]))', "{{instance}}")], 12, 36, 12, 8, unit="reqps",
      desc="How the load balancer spreads the traffic.")
panel("timeseries", "Chat generations by outcome",
      [(f'sum by (outcome) (rate(ollamamax_ws_generations_total{{{I}}}[{R}]))', "{{outcome}}")], 0, 44, 12, 8, unit="reqps",
      desc="WebSocket chat generations that ended: done, cancelled by the client, or error.")
panel("timeseries", "Refused: authentication failures and rate limit",
      [(f'sum by (reason) (rate(ollamamax_auth_failures_total{{{I}}}[{R}]))', "auth: {{reason}}"),
       (f'sum(rate(ollamamax_ratelimit_rejected_total{{{I}}}[{R}]))', "rate limited")], 12, 44, 12, 8, unit="reqps")
dash = {
  "uid": "ollamamax-gateway", "title": "OllamaMax gateway", "tags": ["ollamamax"],
  "timezone": "browser", "schemaVersion": 39, "version": 1, "editable": False, "graphTooltip": 1,
  "refresh": "10s", "time": {"from": "now-1h", "to": "now"},
  "annotations": {"list": []},
  "templating": {"list": [{
    "name": "instance", "label": "Gateway", "type": "query", "datasource": DS,
    "query": {"query": "label_values(ollamamax_streams_in_flight, instance)", "refId": "instance"},
    "definition": "label_values(ollamamax_streams_in_flight, instance)",
    "refresh": 2, "includeAll": True, "multi": True, "allValue": ".*",
    "current": {"selected": True, "text": ["All"], "value": ["$__all"]}, "sort": 1}]},
  "panels": panels,
}
print(json.dumps(dash, indent=2))
