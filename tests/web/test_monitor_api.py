"""The monitor's JSON API (issue 17 item 4): alerts with and without their table, search over the
evidence, modalities, pagination totals, map points and downloads; and errors (item 3) that keep the
security headers and never carry a traceback."""

from __future__ import annotations

import csv
import io

import pytest
from starlette.testclient import TestClient

from tidings.errors import DatabaseBusyError
from tidings.store import Store
from tidings.web import app as web_app
from tidings.web import create_app

from tests.web._monitor_build import CLUSTERED, MORTAR, build_monitor_database


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monitor-api")
    build_monitor_database(folder / "monitor.duckdb")
    build_monitor_database(folder / "plain.duckdb", with_alerts=False)
    return folder


@pytest.fixture(scope="module")
def client(databases):
    with TestClient(create_app(str(databases / "monitor.duckdb")), base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_alerts_are_listed_newest_first_with_their_event(client):
    alerts = client.get("/api/alerts").json()["alerts"]
    assert [a["rule"] for a in alerts] == ["casualties-rise", "new-event"]
    assert alerts[0]["data"]["change"] == {"size.dead": {"before": 1, "after": 3}}
    assert alerts[0]["event"]["place"] == f"Settlement {MORTAR}"
    assert client.get("/api/alerts", params={"limit": 1, "offset": 1}).json()["alerts"][0]["rule"] == "new-event"


def test_alerts_are_an_empty_list_when_the_table_is_absent(databases):
    with TestClient(create_app(str(databases / "plain.duckdb")), base_url="http://127.0.0.1") as plain:
        response = plain.get("/api/alerts")
        assert response.status_code == 200 and response.json() == {"count": 0, "alerts": []}
        assert plain.get("/new").status_code == 200


def test_search_keeps_events_whose_evidence_holds_every_word(client):
    found = client.get("/api/events", params={"q": "MORTAR round"}).json()
    assert [e["id"] for e in found["events"]] == [f"ev_shell{MORTAR:04d}"]
    assert client.get("/api/events", params={"q": "mortar checkpoint"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "100%"}).json()["total"] == 0  # % is a character, not a wildcard
    assert client.get("/api/events", params={"q": "x" * 201}).status_code == 400


def test_modalities_filter_and_unknown_ones_are_refused(client):
    found = client.get("/api/events", params={"modality": "negated,hypothetical,denied"}).json()
    assert sorted(e["modality"] for e in found["events"]) == ["denied", "hypothetical", "negated"]
    response = client.get("/api/events", params={"modality": "asserted,dreamt"})
    assert response.status_code == 400 and "dreamt" in response.json()["error"]


def test_pages_of_events_carry_the_total(client):
    first = client.get("/api/events").json()
    assert first["count"] == 50 and first["total"] == CLUSTERED + 3
    rest = client.get("/api/events", params={"offset": 50}).json()
    assert rest["count"] == CLUSTERED + 3 - 50
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in rest["events"]}


def test_points_hold_every_matching_event_with_coordinates(client):
    points = client.get("/api/points", params={"modality": "asserted"}).json()["points"]
    assert len(points) == CLUSTERED - 3 + 3
    shelling = next(p for p in points if p["id"] == "ev_shell0010")
    assert (shelling["type"], shelling["place"], shelling["lat"]) == ("ASSAULT", "Settlement 10", 48.16)
    assert next(p for p in points if p["id"] == "ev_vilniusmeet")["lat"] is None


def test_csv_download_follows_the_filter_and_is_formula_safe(client):
    response = client.get("/api/download/csv", params={"q": "market", "modality": "asserted"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="tidings-events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == CLUSTERED - 3
    formula = [r["source_names"] for r in rows if "HYPERLINK" in r["source_names"]]
    assert formula == ["'=HYPERLINK(\"http://x.example\")"]


def test_geojson_and_acled_downloads(client):
    geojson = client.get("/api/download/geojson", params={"type": "ASSAULT"}).json()
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == CLUSTERED + 1
    acled = client.get("/api/download/acled", params={"q": "mortar"})
    assert acled.status_code == 200 and acled.text.startswith("event_id_cnty,")
    assert len(acled.text.strip().splitlines()) == 2
    nothing = client.get("/api/download/acled", params={"type": "CONSULT"})
    assert nothing.status_code == 404 and "nothing written" in nothing.json()["error"]
    assert client.get("/api/download/xlsx").status_code == 404


def test_issue17_an_internal_error_keeps_the_headers_and_shows_no_traceback(databases, monkeypatch, caplog):
    def broken(self):
        raise RuntimeError("a bug with a secret detail")

    monkeypatch.setattr(Store, "counts", broken)
    app = create_app(str(databases / "monitor.duckdb"))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/meta")
    assert response.status_code == 500
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "Traceback" not in response.text and "secret" not in response.text
    assert response.json()["error"].startswith("internal error")
    assert "a bug with a secret detail" in caplog.text  # the traceback goes to the server's log


def test_issue17_a_database_held_too_long_is_a_503_with_retry_after(databases, monkeypatch):
    def busy(*args, **kwargs):
        raise DatabaseBusyError("t.duckdb: the database is in use by another Tidings process; wait for it to finish")

    monkeypatch.setattr(web_app, "open_store", busy)
    with TestClient(create_app(str(databases / "monitor.duckdb")), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/events")
        page = test_client.get("/stories/st_donbas00001")
    assert response.status_code == 503 and response.headers["retry-after"] == "2"
    assert "in use" in response.json()["error"]
    assert response.headers["content-security-policy"] and page.headers["content-security-policy"]
    assert page.status_code == 503
