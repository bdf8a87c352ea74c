"""deploy/: the nginx config renders and passes `nginx -t` for N replicas; the compose file,
Kubernetes manifests and Dockerfile say what README promises (health endpoint, affinity,
non-root, secret from the environment)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
HEALTH = "/_stcore/health"


def _yaml(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


# --- nginx -------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 5])
def test_upstreams_render_one_server_per_replica(two, n):
    addresses = [f"127.0.0.1:{9000 + i}" for i in range(n)]
    text = two.render_upstreams(addresses)
    assert re.findall(r"^server (\S+) ", text, re.M) == addresses
    with pytest.raises(ValueError):
        two.render_upstreams([])


def test_main_config_includes_the_shared_file_unchanged(two, tmp_path):
    main = two.write_config(tmp_path, 8123, ["127.0.0.1:9001", "127.0.0.1:9002"])
    text = main.read_text()
    assert f"include {DEPLOY / 'nginx.conf'};" in text
    assert "proxy_pass" not in text  # proxy settings live only in deploy/nginx.conf
    assert (tmp_path / "moonmap-listen.conf").read_text() == "listen 127.0.0.1:8123;\n"


@pytest.mark.skipif(
    NGINX is None, reason="nginx not installed (scripts/two_replicas.py installs it)"
)
@pytest.mark.parametrize("n", [1, 2, 4])
def test_nginx_accepts_the_config_for_n_replicas(two, tmp_path, n):
    main = two.write_config(tmp_path, 8123, [f"127.0.0.1:{9000 + i}" for i in range(n)])
    run = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


@pytest.mark.skipif(
    NGINX is None, reason="nginx not installed (scripts/two_replicas.py installs it)"
)
def test_nginx_accepts_the_compose_listen_file(two, tmp_path):
    main = two.write_config(tmp_path, 8123, ["127.0.0.1:9001"])
    shutil.copy(DEPLOY / "compose" / "listen.conf", tmp_path / "moonmap-listen.conf")
    run = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_shared_nginx_config_has_affinity_websockets_and_timeouts():
    conf = (DEPLOY / "nginx.conf").read_text()
    assert re.search(r"hash \$moonmap_route consistent;", conf)
    assert "map $cookie_moonmap_route $moonmap_route" in conf
    assert re.search(r"add_header Set-Cookie \$moonmap_set_route always;", conf)
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $moonmap_connection;" in conf
    assert "proxy_set_header Host $http_host;" in conf  # Streamlit compares Origin with Host
    timeout = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))
    assert timeout >= 3600
    assert "add_header X-Upstream $upstream_addr always;" in conf
    directives = [ln.split("#")[0].strip() for ln in conf.splitlines()]
    assert not any(d.startswith("ip_hash") for d in directives)


def test_access_log_check_finds_moved_sessions(two):
    log = [
        "r1\t127.0.0.1:9001\t200\tGET / HTTP/1.1",
        "r1\t127.0.0.1:9001\t101\tGET /_stcore/stream HTTP/1.1",
        "r2\t127.0.0.1:9002\t101\tGET /_stcore/stream HTTP/1.1",
        "r3\t127.0.0.1:9001\t200\tGET /_stcore/health HTTP/1.1",
        "r3\t127.0.0.1:9002\t101\tGET /_stcore/stream HTTP/1.1",
        "r4\t127.0.0.1:9002\t200\tGET /static/js/index.js HTTP/1.1",  # no websocket: not a session
        "r5\t-\t499\tGET /_stcore/stream HTTP/1.1",
    ]
    routes, per = two.sessions_by_replica(log)
    assert set(routes) == {"r1", "r2", "r3"}
    assert routes["r3"] == {"127.0.0.1:9001", "127.0.0.1:9002"}
    assert per == {"127.0.0.1:9001": 2, "127.0.0.1:9002": 2}


# --- compose -----------------------------------------------------------------------------------


def test_compose_runs_replicas_behind_the_shared_nginx_config():
    (doc,) = _yaml(DEPLOY / "compose.yaml")
    app, proxy = doc["services"]["app"], doc["services"]["proxy"]
    assert app["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in app["environment"]
    assert str(app["deploy"]["replicas"]).startswith("${MOONMAP_REPLICAS")
    assert any(HEALTH in part for part in app["healthcheck"]["test"])
    mounts = {v.split(":")[0]: v.split(":")[1] for v in proxy["volumes"]}
    assert mounts["./nginx.conf"] == "/etc/nginx/conf.d/default.conf"
    assert mounts["./compose/upstreams.conf"] == "/etc/nginx/moonmap-upstreams.conf"
    for local in mounts:
        assert (DEPLOY / local).exists(), local
    assert proxy["depends_on"]["app"]["condition"] == "service_healthy"
    listen = (DEPLOY / "compose" / "listen.conf").read_text()
    assert f"listen {proxy['ports'][0].split(':')[1]};" in listen
    assert "server app:8501" in (DEPLOY / "compose" / "upstreams.conf").read_text()


# --- Kubernetes --------------------------------------------------------------------------------


def _k8s() -> dict[str, dict]:
    kustomization = _yaml(DEPLOY / "k8s" / "kustomization.yaml")[0]
    docs = [d for f in kustomization["resources"] for d in _yaml(DEPLOY / "k8s" / f)]
    return {d["kind"]: d for d in docs}


def test_deployment_probes_the_health_endpoint_and_sets_resources():
    dep = _k8s()["Deployment"]
    pod = dep["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert c[probe]["httpGet"]["path"] == HEALTH, probe
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(c["resources"][kind]), kind
    env = {e["name"]: e for e in c["env"]}
    assert "secretKeyRef" in env["STREAMLIT_SERVER_COOKIE_SECRET"]["valueFrom"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert (
        dep["spec"]["selector"]["matchLabels"].items()
        <= dep["spec"]["template"]["metadata"]["labels"].items()
    )


def test_service_and_route_reach_the_pods_with_cookie_persistence():
    k = _k8s()
    svc, route, dep = k["Service"], k["HTTPRoute"], k["Deployment"]
    assert svc["spec"]["selector"].items() <= dep["spec"]["template"]["metadata"]["labels"].items()
    port_names = {p["name"] for p in dep["spec"]["template"]["spec"]["containers"][0]["ports"]}
    assert svc["spec"]["ports"][0]["targetPort"] in port_names
    assert route["apiVersion"] == "gateway.networking.k8s.io/v1"
    (rule,) = route["spec"]["rules"]
    (backend,) = rule["backendRefs"]
    assert backend == {"name": svc["metadata"]["name"], "port": svc["spec"]["ports"][0]["port"]}
    persistence = rule["sessionPersistence"]
    assert persistence["type"] == "Cookie" and persistence["sessionName"]
    assert persistence["cookieConfig"]["lifetimeType"] in ("Session", "Permanent")


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed")
def test_kustomize_renders_all_three_objects():
    out = subprocess.run(
        ["kubectl", "kustomize", str(DEPLOY / "k8s")], capture_output=True, text=True, check=True
    ).stdout
    kinds = sorted(d["kind"] for d in yaml.safe_load_all(out) if d)
    assert kinds == ["Deployment", "HTTPRoute", "Service"]


# --- Dockerfile --------------------------------------------------------------------------------


def test_dockerfile_is_non_root_with_data_inside_and_a_health_check():
    text = (DEPLOY / "Dockerfile").read_text()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    users = [ln.split()[1] for ln in lines if ln.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    copied = {ln.split()[1].rstrip("/") for ln in lines if ln.startswith("COPY ")}
    assert {"data", "static", "src", "pages", "app.py", ".streamlit/config.toml"} <= copied
    assert "HEALTHCHECK" in text and HEALTH in text.split("HEALTHCHECK", 1)[1]
    assert "COOKIE_SECRET=" not in text.replace('STREAMLIT_SERVER_COOKIE_SECRET="$(', "")


def test_dockerignore_lets_every_copied_path_through():
    ignore = (ROOT / ".dockerignore").read_text().split()
    allowed = {ln[1:].rstrip("/") for ln in ignore if ln.startswith("!")}
    text = (DEPLOY / "Dockerfile").read_text()
    sources = re.findall(r"^COPY (?!--)(.+) \S+$", text, re.M)
    for src in (s for line in sources for s in line.split()):
        assert src.rstrip("/") in allowed, src


def _log(tmp_path: Path, sessions: list[str]) -> Path:
    lines = [f"r{i}\t{u}\t101\tGET /_stcore/stream HTTP/1.1\n" for i, u in enumerate(sessions)]
    path = tmp_path / "access.log"
    path.write_text("".join(lines))
    return path


def test_log_check_needs_both_replicas_only_at_a_size_where_chance_cannot_explain(two, tmp_path):
    a, b = "127.0.0.1:9001", "127.0.0.1:9002"
    assert two.check_log(_log(tmp_path, [a, b, a])) == 0
    assert two.check_log(_log(tmp_path, [a] * 3)) == 0  # 25 % likely by chance
    assert two.check_log(_log(tmp_path, [a] * two.BOTH_REPLICAS_FROM)) == 1
    assert two.check_log(_log(tmp_path, [a, f"{a}, {b}"])) == 1  # one session on both
    assert two.check_log(_log(tmp_path, [])) == 1
