"""The web app as a monitor, driven in headless Chromium through Selenium and Debian's chromedriver:
zoom and clustering on the map, search, downloads, pagination, the alerts view, the events set apart
by their modality, and the arguments on the document page. Each test saves a screenshot under
$TIDINGS_SHOTS (default /tmp/webmon-shots) for a person to look at. Skips without chromium,
chromedriver or selenium."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest


from tests.web._monitor_build import CLUSTERED, DOC_SHELLING, build_monitor_database
from tests.web._serving import serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install selenium)")
pytestmark = pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                                reason="needs Debian's `chromium` and `chromium-driver` (apt-get install -y chromium chromium-driver)")
SHOTS = Path(os.environ.get("TIDINGS_SHOTS", Path(tempfile.gettempdir()) / "webmon-shots"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Base URLs of the app over the monitor database, and over one without an alerts table."""
    folder = tmp_path_factory.mktemp("monitor")
    build_monitor_database(folder / "monitor.duckdb")
    build_monitor_database(folder / "plain.duckdb", with_alerts=False)
    with serving(folder / "monitor.duckdb") as monitor, serving(folder / "plain.duckdb") as plain:
        yield {"monitor": monitor, "plain": plain}


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def _open(browser, url: str, ready: str = "#status") -> None:
    """Load `url` and wait until the page's script has filled the status line."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(
        f"const s = document.querySelector({ready!r}); return s && s.textContent && s.textContent !== 'loading…'"))


def _shot(browser, name: str, show: str | None = None) -> Path:
    """Save a screenshot; `show` is a CSS selector scrolled to the top of the window first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if show:
        browser.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", show)
    path = SHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def _map_state(browser) -> dict:
    return browser.execute_script("""
        const svg = document.getElementById('map-svg');
        const clusters = [...document.querySelectorAll('#markers .cluster')];
        return {viewBox: svg.getAttribute('viewBox').split(' ').map(Number),
                clusters: clusters.length,
                clustered: clusters.reduce((n, c) => n + Number(c.dataset.count), 0),
                markers: document.querySelectorAll('#markers circle.marker').length};""")


def _severe_logs(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser")
            if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def test_zoom_buttons_and_wheel_change_the_view_and_keep_the_basemap(browser, sites):
    _open(browser, sites["monitor"] + "/")
    before = _map_state(browser)
    browser.find_element("id", "zoom-in").click()
    after = _map_state(browser)
    assert after["viewBox"][2] == pytest.approx(before["viewBox"][2] / 2, rel=1e-3)  # half as wide
    browser.execute_script("""document.getElementById('map-svg').dispatchEvent(
        new WheelEvent('wheel', {deltaY: -100, clientX: 300, clientY: 450, bubbles: true, cancelable: true}));""")
    assert _map_state(browser)["viewBox"][2] < after["viewBox"][2]
    assert browser.find_elements("css selector", "#map-svg path.land")
    _shot(browser, "01-map-zoomed-in")
    browser.find_element("id", "zoom-reset").click()
    assert _map_state(browser)["viewBox"] == pytest.approx(before["viewBox"], rel=1e-4)
    assert _severe_logs(browser) == []


def test_nearby_events_cluster_and_split_when_zoomed_in(browser, sites):
    _open(browser, sites["monitor"] + "/")
    placed = CLUSTERED - 3 + 2  # the asserted shelling events, Kramatorsk and Kharkiv (Vilnius has no coordinates)
    start = _map_state(browser)
    _shot(browser, "02-map-clustered")
    assert start["clusters"] >= 1
    assert start["clustered"] + start["markers"] == placed  # every placed event is drawn exactly once
    for _ in range(6):  # click the biggest cluster until it has come apart
        clusters = browser.find_elements("css selector", "#markers .cluster")
        if not clusters:
            break
        biggest = max(clusters, key=lambda c: int(c.get_attribute("data-count")))
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", biggest)
    end = _map_state(browser)
    _shot(browser, "03-map-cluster-split")
    assert end["viewBox"][2] < start["viewBox"][2] / 10
    assert end["markers"] > start["markers"]
    assert end["clusters"] + end["markers"] > start["clusters"] + start["markers"]


def test_search_over_evidence_keeps_matching_events_and_marks_the_words(browser, sites):
    _open(browser, sites["monitor"] + "/")
    field = browser.find_element("id", "f-q")
    field.send_keys("Mortar")
    field.submit()
    _open(browser, browser.current_url)
    assert "q=Mortar" in browser.current_url
    rows = browser.find_elements("css selector", "#event-table tr.event-row")
    assert len(rows) == 1
    assert browser.find_element("css selector", "#event-table mark.hit").text == "mortar"
    _shot(browser, "04-search-mortar", show="#events")


def test_downloads_follow_the_current_filter(browser, sites, downloads):
    _open(browser, sites["monitor"] + "/?q=market&type=ASSAULT")
    href = browser.find_element("id", "download-csv").get_attribute("href")
    assert "q=market" in href and "type=ASSAULT" in href
    browser.find_element("id", "download-csv").click()
    target = downloads / "tidings-events.csv"
    deadline = time.monotonic() + 20
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == CLUSTERED - 3  # the market reports minus the three set apart
    assert {row["type"] for row in rows} == {"ASSAULT"}
    formula = [row["source_names"] for row in rows if "HYPERLINK" in row["source_names"]]
    assert formula and not formula[0].startswith("=")  # neutralised for spreadsheets
    for name in ("geojson", "acled"):
        status = browser.execute_script(
            "return fetch(arguments[0]).then(r => r.status + ' ' + r.headers.get('content-disposition'))",
            browser.find_element("id", f"download-{name}").get_attribute("href"))
        assert status.startswith("200 attachment")
    _shot(browser, "05-downloads")


def test_events_are_paginated(browser, sites):
    _open(browser, sites["monitor"] + "/")
    assert len(browser.find_elements("css selector", "#event-table tr.event-row")) == 50
    assert "of 60" in browser.find_element("id", "page-status").text  # 57 reports + 3 of the export database
    browser.find_element("id", "page-next").click()
    _open(browser, browser.current_url)
    assert "page=2" in browser.current_url
    assert len(browser.find_elements("css selector", "#event-table tr.event-row")) == 10
    _shot(browser, "06-page-2", show="#events")


def test_negated_hypothetical_and_denied_are_hidden_until_one_click(browser, sites):
    _open(browser, sites["monitor"] + "/?q=market")
    modalities = {r.get_attribute("data-modality") for r in browser.find_elements("css selector", "#event-table tr.event-row")}
    assert modalities == {"asserted"}
    assert not browser.find_elements("id", "set-apart-table")
    browser.find_element("id", "show-set-apart").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda d: d.find_elements("id", "set-apart-table"))
    shown = [r.get_attribute("data-modality") for r in browser.find_elements("css selector", "#set-apart-table tr.event-row")]
    assert sorted(shown) == ["denied", "hypothetical", "negated"]
    assert "negated" in browser.find_element("id", "download-csv").get_attribute("href")  # downloads follow
    _shot(browser, "07-set-apart-shown", show="#set-apart")


def test_alerts_view_lists_alerts_newest_first(browser, sites):
    _open(browser, sites["monitor"] + "/new")
    alerts = browser.find_elements("css selector", "#alerts article.alert")
    assert [a.get_attribute("data-rule") for a in alerts] == ["casualties-rise", "new-event"]
    assert "rose from 1 to 3" in alerts[0].text and "size.dead: 1 → 3" in alerts[0].text
    assert alerts[0].find_element("css selector", "mark.trigger").text == "struck"
    _shot(browser, "08-whats-new")
    _open(browser, sites["plain"] + "/new")  # a database without the alerts table
    assert "No alerts yet" in browser.find_element("id", "no-alerts").text
    _shot(browser, "09-whats-new-no-table")
    assert _severe_logs(browser) == []


def test_document_page_shows_event_arguments_and_a_legend(browser, sites):
    _open(browser, f"{sites['monitor']}/docs/{DOC_SHELLING}")
    rows = browser.find_elements("css selector", "#event-arguments tr.argument-row")
    assert len(rows) == CLUSTERED - 3
    first = rows[0]
    assert first.find_element("css selector", ".arg-source").text == "artillery units (UKR MIL)"
    assert first.find_element("css selector", ".arg-target").text == "the market (CVL)"
    assert first.find_element("css selector", ".arg-place").text.startswith("Settlement")
    assert first.find_element("css selector", ".arg-date").text == "2014-05-06"
    assert first.find_element("css selector", ".arg-modality").text == "asserted"
    legend = [m.text for m in browser.find_elements("css selector", ".highlight-legend mark")]
    assert "event trigger" in legend and "place" in legend
    assert len(browser.find_elements("css selector", "#doctext mark.trigger")) == CLUSTERED
    assert not browser.find_elements("id", "set-apart-arguments")
    browser.find_element("id", "show-doc-set-apart").click()
    assert len(browser.find_elements("css selector", "#set-apart-arguments tr.argument-row")) == 3
    _shot(browser, "10-document-arguments", show="#event-arguments")
