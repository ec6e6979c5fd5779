"""End to end in headless Chromium (Debian's `chromium`): the pages render rows and markers, read
filters from the query string, and show hostile article text as text. Skips when chromium is absent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


from tests.export._build import build_database
from tests.web._serving import serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless test needs Debian's `chromium` "
                                "(apt-get install -y chromium); not installed here")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "t.duckdb"
    build_database(path)
    with serving(path) as url:
        yield url


def _chromium(tmp_path: Path, url: str, *extra: str) -> str:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", *extra, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_overview_renders_rows_markers_and_a_screenshot(base_url, tmp_path):
    shot = tmp_path / "overview.png"
    dom = _chromium(tmp_path, f"{base_url}/", "--dump-dom", f"--screenshot={shot}", "--window-size=1280,900")
    assert dom.count('class="event-row"') == 3
    assert dom.count('class="marker"') == 2  # the Vilnius meeting has no coordinates
    assert dom.count('class="bar"') == 3 and 'class="land"' in dom
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_type_filter_from_the_query_string_is_applied_and_shown(base_url, tmp_path):
    dom = _chromium(tmp_path, f"{base_url}/?type=ASSAULT", "--dump-dom")
    assert dom.count('class="event-row"') == 1 and 'data-type="ASSAULT"' in dom
    assert 'data-type="PROTEST"' not in dom
    assert '<option value="ASSAULT" selected="">' in dom


def test_hostile_document_text_is_displayed_as_text(base_url, tmp_path):
    dom = _chromium(tmp_path, f"{base_url}/docs/{'e4' * 8}", "--dump-dom")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=alert(2)&gt;" in dom
    assert "<img" not in dom and "<b>Evil" not in dom


def test_story_page_highlights_the_trigger(base_url, tmp_path):
    dom = _chromium(tmp_path, f"{base_url}/stories/st_donbas00001", "--dump-dom")
    assert '<mark class="trigger" title="trigger: ASSAULT">fired</mark>' in dom
    assert '<mark class="location"' in dom and "Kyiv Ledger" in dom
