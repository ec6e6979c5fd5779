"""The web app's JSON API and pages through Starlette's TestClient, on a hand-made database."""

from __future__ import annotations


import pytest
from starlette.testclient import TestClient

from tidings.web import create_app
from tidings.web.server import is_loopback

from tests.export._build import build_database


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "t.duckdb"
    build_database(path)
    with TestClient(create_app(str(path)), base_url="http://127.0.0.1") as test_client:
        yield test_client


def _ids(response) -> list[str]:
    return [e["id"] for e in response.json()["events"]]


def test_events_without_filters_lists_all(client):
    response = client.get("/api/events")
    assert response.status_code == 200
    assert _ids(response) == ["ev_kramatorsk1", "ev_vilniusmeet", "ev_kharkivdemo"]


def test_type_filter_returns_only_that_type(client):
    events = client.get("/api/events", params={"type": "ASSAULT"}).json()["events"]
    assert [e["type"] for e in events] == ["ASSAULT"]
    assert events[0]["mentions"][0]["outlet"] == "Donbas Courier"


@pytest.mark.parametrize("params, expected", [
    ({"since": "2014-04-19"}, ["ev_vilniusmeet", "ev_kharkivdemo"]),
    ({"until": "2014-04-12"}, ["ev_kramatorsk1"]),
    ({"country": "ltu"}, ["ev_vilniusmeet"]),
    ({"story": "st_kharkiv0001"}, ["ev_vilniusmeet", "ev_kharkivdemo"]),
    ({"min_sources": "2"}, ["ev_kramatorsk1"]),
    ({"type": "", "since": ""}, ["ev_kramatorsk1", "ev_vilniusmeet", "ev_kharkivdemo"]),
    ({"limit": "1", "offset": "1"}, ["ev_vilniusmeet"]),
])
def test_event_filters(client, params, expected):
    assert _ids(client.get("/api/events", params=params)) == expected


@pytest.mark.parametrize("params", [
    {"since": "2014-13-01"}, {"until": "yesterday"}, {"min_sources": "two"}, {"min_sources": "-1"},
    {"type": "DANCE"}, {"country": "UK'; DROP TABLE events; --"}, {"limit": "0"},
    {"since": "2014-05-01", "until": "2014-04-01"}, {"story": "st_x' OR '1'='1"}, {"colour": "red"},
])
def test_bad_parameters_are_400_json(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]


def test_stories_and_story_detail(client):
    stories = client.get("/api/stories").json()["stories"]
    assert [s["id"] for s in stories] == ["st_donbas00001", "st_kharkiv0001"]
    detail = client.get("/api/stories/st_donbas00001").json()
    assert detail["story"]["title"] == "Checkpoint near Kramatorsk attacked"
    assert [e["id"] for e in detail["events"]] == ["ev_kramatorsk1"]
    assert {d["outlet"] for d in detail["documents"]} == {"Donbas Courier", "Kyiv Ledger"}


def test_docs_list_and_detail(client):
    docs = client.get("/api/docs", params={"story": "st_donbas00001"}).json()["documents"]
    assert len(docs) == 2
    doc = client.get(f"/api/docs/{'a1' * 8}").json()
    assert doc["removed"][0]["reason"] == "debris"
    assert doc["sentences"][1]["text"].startswith("Two officers were killed")


@pytest.mark.parametrize("path", ["/api/stories/st_missing", "/api/docs/0000000000000000",
                                  "/stories/st_missing", "/docs/0000000000000000", "/api/docs/..%2f..%2fetc",
                                  "/api/nothing"])
def test_unknown_ids_are_404(client, path):
    assert client.get(path).status_code == 404


def test_script_in_a_document_comes_back_as_a_json_string(client):
    response = client.get(f"/api/docs/{'e4' * 8}")
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert "<script>alert(1)</script>" in body["clean_text"]
    assert body["title"] == "<script>alert('title')</script>"


def test_pages_never_inline_data_and_carry_a_strict_csp(client):
    for path in ["/", f"/docs/{'e4' * 8}", "/stories/st_donbas00001"]:
        response = client.get(path)
        assert response.status_code == 200
        assert "alert" not in response.text and "Kramatorsk" not in response.text
        assert "<script>" not in response.text  # only external scripts: <script src=... defer>
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in client.get("/api/events").headers["content-security-policy"]


def test_static_assets_and_basemap_are_served(client):
    assert client.get("/static/overview.js").status_code == 200
    world = client.get("/static/world-110m.json").json()
    assert "Natural Earth" in world["source"] and len(world["countries"]) > 150


def test_foreign_host_header_is_refused(client):
    assert client.get("/api/events", headers={"host": "attacker.example"}).status_code == 400


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")
