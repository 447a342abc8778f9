"""deploy/: the docker-compose file's structure (no Docker here or in CI to run it), the nginx
configuration's sticky sessions and websockets, and the app image it builds."""
import re
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def test_every_part_of_the_deployment_is_a_service(compose):
    assert {"postgres", "etcd", "minio", "milvus", "app", "nginx"} <= compose["services"].keys()
    for name, service in compose["services"].items():
        assert "image" in service or "build" in service, name
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            assert source.startswith("./") and (DEPLOY / source).exists() or source in compose["volumes"], mount
        for needed in service.get("depends_on", []):
            assert needed in compose["services"], (name, needed)


def test_the_app_replicas_share_the_store_and_the_index_service(compose):
    app = compose["services"]["app"]
    assert app["deploy"]["replicas"] >= 2
    env = app["environment"]
    assert env["KB_STORE"].startswith("postgresql://kb:") and "@postgres:5432/" in env["KB_STORE"]
    assert env["KB_INDEX_BACKEND"] == "milvus://milvus:19530"
    assert env["STREAMLIT_SERVER_COOKIE_SECRET"]  # one secret: XSRF cookies valid on every replica
    # compose reads the build context relative to the compose file
    assert (DEPLOY / app["build"]["context"] / app["build"]["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
    assert {"postgres", "milvus"} <= app["depends_on"].keys()
    assert "--locale=C.UTF-8" in compose["services"]["postgres"]["environment"]["POSTGRES_INITDB_ARGS"]
    milvus = compose["services"]["milvus"]
    assert milvus["environment"]["ETCD_ENDPOINTS"] == "etcd:2379" and milvus["environment"]["MINIO_ADDRESS"] == "minio:9000"


def test_nginx_keeps_a_browser_on_one_replica_with_its_websocket(compose):
    nginx = compose["services"]["nginx"]
    assert "./nginx.conf:/etc/nginx/nginx.conf:ro" in nginx["volumes"] and nginx["ports"]
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert re.search(r"hash \$kb_route consistent;", conf) and "Set-Cookie \"kb_route=$kb_route" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf and "server app:8501" in conf
    assert conf.count("{") == conf.count("}")


def test_the_image_runs_the_app_and_copies_every_package():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    for package in ("ingest", "index", "kb"):
        assert f"COPY {package} ./{package}" in dockerfile
    assert '"streamlit", "run", "app.py"' in dockerfile and "8501" in dockerfile
    assert "requirements.txt" in dockerfile
