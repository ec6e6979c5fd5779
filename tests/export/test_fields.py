"""The layouts read back as their ecosystems read them, hold their fields, and are safe to open."""

from __future__ import annotations

import csv
import io
import logging

import pandas as pd
import pyarrow.parquet as pq
import pytest

from tidings.export import NothingToExport, export_layout, write_events
from tidings.export._acled_rules import acled_rules
from tidings.export._admin import AdminArea, admin1_code
from tidings.export._cameo import cameo_codes
from tidings.export.acled import ACLED_COLUMNS
from tidings.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from tidings.model import ActorRef
from tidings.store import open_store

from tests.export._build import build_database
from tests.export._hostile import FORMULA, build_hostile

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fields") / "t.duckdb"
    build_database(path)
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "h.duckdb"
    build_hostile(path)
    return path


def test_parquet_layout_works_on_a_freshly_opened_store(db, tmp_path):
    with open_store(db, read_only=True) as store:  # nothing else asked first: the bug's condition
        written = export_layout(store, "parquet", tmp_path / "tables")
    assert pq.read_table(tmp_path / "tables" / "documents.parquet").num_rows == 4
    assert len(written) == 8
    events = pq.read_table(tmp_path / "tables" / "events.parquet")
    assert str(events.schema.field("date").type) == "date32[day]"
    assert str(events.schema.field("source").type).startswith("list<element: struct<")


def test_acled_reads_back_with_codes_from_the_actor(db, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    with open_store(db, read_only=True) as store:
        written = export_layout(store, "acled", tmp_path / "a.csv")
    frame = pd.read_csv(written[0])
    assert tuple(frame.columns) == ACLED_COLUMNS
    assert frame["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d+").all()
    assert str(frame["year"].dtype) == "int64" and str(frame["fatalities"].dtype) == "int64"
    assert "1 of 3 events left out: types ACLED does not record (CONSULT 1)" in caplog.text
    assert written.summary.startswith("acled: wrote 2 rows to ") and "CONSULT 1" in written.summary
    battle = frame[frame["event_type"] == "Battles"].iloc[0]
    assert (battle["inter1"], battle["inter2"], battle["interaction"]) == (3, 1, 13)
    assert battle["notes"].startswith("On 12 April 2014: Gunmen in unmarked uniforms fired")
    assert "ev_" not in battle["notes"] and "mention" not in battle["notes"]
    protest = frame[frame["event_type"] == "Protests"].iloc[0]
    assert (protest["actor1"], protest["inter1"]) == ("students", 6)  # an unarmed actor demonstrating
    assert protest["admin1"] == "Kharkiv" and "crowd size=no report" in protest["tags"]


def test_acled_state_forces_are_never_the_protesters(hostile, tmp_path):
    with open_store(hostile, read_only=True) as store:
        [path] = export_layout(store, "acled", tmp_path / "a.csv")
    rows = {r["event_type"]: r for r in csv.DictReader(io.StringIO(path.read_text()))}
    riot = rows["Riots"]  # no source named: ACLED's generic actor, the police stay actor2 with their own code
    assert (riot["actor1"], riot["inter1"], riot["actor2"], riot["inter2"]) == ("Rioters (Ukraine)", "5",
                                                                               "Ukrainian police", "1")
    assert riot["interaction"] == "15" and riot["source_scale"] == "National"  # a .ua outlet on a Ukrainian event


def test_inter_codes_follow_the_sector():
    rules = acled_rules()
    police = ActorRef(text="police", country="KEN", sector="COP")
    assert rules.inter(police, "Protests", "KEN", demonstrating=True) == 1
    assert rules.inter(ActorRef(text="troops", country="RUS", sector="MIL"), "Battles", "UKR", False) == 8
    assert rules.inter(ActorRef(text="clan militia", sector="PRM"), "Battles", "SOM", False) == 4
    assert rules.inter(ActorRef(text="rebels", sector="REB"), "Battles", "SOM", False) == 2
    assert rules.inter(ActorRef(text="teachers", sector="EDU"), "Protests", "KEN", True) == 6
    assert rules.inter(ActorRef(text="teachers", sector="EDU"), "Riots", "KEN", True) == 5
    assert rules.inter(ActorRef(text="villagers", sector="CVL"), "Battles", "KEN", True) == 7
    assert rules.inter(ActorRef(text="at least 25 men"), "Battles", "KEN", False) == 3
    assert rules.inter(ActorRef(text="at least 25 men"), "Violence against civilians", "KEN", False) == 7


def test_source_scale_rule(tmp_path):
    from tidings.export._countries import country_table

    rules, countries = acled_rules(), country_table()
    kenya = countries["KEN"]
    assert rules.source_scale(["https://www.nation.co.ke/x"], kenya, countries) == "National"
    assert rules.source_scale(["https://www.nation.co.ke/x", "https://www.reuters.com/y"], kenya,
                              countries) == "National-International"
    assert rules.source_scale(["https://monitor.co.ug/z"], kenya, countries) == "Regional"
    assert rules.source_scale(["https://x.com/someone"], kenya, countries) == "New media"
    assert rules.source_scale(["https://daily.example/c"], kenya, countries) == "Other"


def test_acled_undated_corpus_writes_nothing_and_says_why(tmp_path):
    path = tmp_path / "undated.duckdb"
    build_hostile(path, dated=False)
    out = tmp_path / "a.csv"
    with open_store(path, read_only=True) as store, pytest.raises(NothingToExport, match="no date"):
        export_layout(store, "acled", out)
    assert not out.exists()


def test_gdelt_reads_back_headerless_with_the_codebook_widths(db, tmp_path):
    with open_store(db, read_only=True) as store:
        events_path, mentions_path = export_layout(store, "gdelt", tmp_path / "gdelt")
    assert events_path.name.endswith(".export.CSV") and mentions_path.name.endswith(".mentions.CSV")
    assert events_path.name[:14].isdigit() and events_path.name[:14] == mentions_path.name[:14]
    events = pd.read_csv(events_path, sep="\t", header=None, dtype=str)
    mentions = pd.read_csv(mentions_path, sep="\t", header=None, dtype=str)
    assert events.shape == (3, 61) and mentions.shape == (4, 16)
    events.columns, mentions.columns = list(EVENT_COLUMNS), list(MENTION_COLUMNS)
    assault = events[events["SQLDATE"] == "20140412"].iloc[0]
    assert (assault["EventCode"], assault["EventBaseCode"], assault["EventRootCode"]) == ("193", "193", "19")
    assert assault["ActionGeo_ADM1Code"].startswith("UP") and len(assault["ActionGeo_ADM1Code"]) == 4
    consult = events[events["EventRootCode"] == "04"].iloc[0]
    assert consult["EventCode"] == "042"  # CONSULT visit: "make a visit"


def test_cameo_codes_are_full_and_under_the_ontology_root():
    codes = cameo_codes()
    assert codes.code("RETREAT", "ceasefire") == "0871" and codes.code("PROTEST", "riot") == "145"
    assert codes.code("ASSAULT", None) == "180" and codes.code("CONSULT", "multilateral") == "040"


def test_adm1_code_is_fips_country_and_geonames_admin1():
    assert admin1_code("UP", AdminArea(admin1="Donetsk", admin1_key="UA.05")) == "UP05"
    assert admin1_code("US", AdminArea(admin1="Texas", admin1_key="US.TX")) == "USTX"
    assert admin1_code("UP", None) == "UP" and admin1_code(None, None) == ""


def test_gdelt_outlet_with_tab_and_newline_stays_one_field(hostile, tmp_path):
    with open_store(hostile, read_only=True) as store:
        _, mentions_path = export_layout(store, "gdelt", tmp_path / "g")
    lines = mentions_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 16 for line in lines)
    assert "'Kharkiv Evening Post" in {line.split("\t")[4] for line in lines}
    assert pd.read_csv(mentions_path, sep="\t", header=None).shape == (2, 16)  # pandas' default quoting too


def _cells(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".CSV":
        return [cell for line in text.splitlines() for cell in line.split("\t")]
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_no_export_of_a_hostile_corpus_holds_a_formula_cell(hostile, tmp_path):
    with open_store(hostile, read_only=True) as store:
        files = [*export_layout(store, "acled", tmp_path / "a.csv"), *export_layout(store, "gdelt", tmp_path / "g")]
        write_events(store.events(), "csv", tmp_path / "events.csv")
    files.append(tmp_path / "events.csv")
    for path in files:
        cells = _cells(path)
        bad = [c for c in cells if c.startswith(FORMULA_START) and not c.lstrip("+-").replace(".", "").isdigit()]
        assert bad == [], f"{path.name}: {bad}"
        inert = {"'" + FORMULA.upper(), ("'" + FORMULA).replace('"', "'").upper()}  # TSV: single quotes
        assert any(c.upper() in inert for c in cells), path.name  # still there, as text


def test_raw_turns_neutralising_off(hostile, tmp_path):
    with open_store(hostile, read_only=True) as store:
        [path] = export_layout(store, "acled", tmp_path / "a.csv", raw=True)
        write_events(store.events(), "csv", tmp_path / "e.csv", raw=True)
    assert FORMULA in _cells(path) and FORMULA in _cells(tmp_path / "e.csv")


def test_events_parquet_keeps_dates_and_lists(db, tmp_path):
    import datetime as dt

    import pyarrow as pa

    with open_store(db, read_only=True) as store:
        write_events(store.events(), "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("source_names").type == pa.list_(pa.string())
    frame = table.to_pandas()
    assault = frame[frame["id"] == "ev_kramatorsk1"].iloc[0]
    assert assault["date"] == dt.date(2014, 4, 12) and list(assault["target_countries"]) == ["UKR"]
    assert list(assault["source_countries"]) == [None]  # aligned with source_names, not dropped


def test_acled_month_precision_date_is_its_first_day(db):
    import dataclasses

    from tidings.export._countries import country_table
    from tidings.export.acled import acled_row

    with open_store(db, read_only=True) as store:
        event = next(e for e in store.events() if e.type == "ASSAULT")
    month = dataclasses.replace(event, date="2014-04", date_precision="month")
    row = acled_row(month, ("Battles", "Armed clash"), country_table(), 0)
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2014-04-01", 2014, 3)
    assert row["notes"].startswith("On 1 April 2014: ")


def test_adm1_codes_say_when_they_are_iso_based():
    from tidings.export._admin import is_iso_based

    assert is_iso_based(AdminArea(admin1="England", admin1_key="GB.ENG"))
    assert not is_iso_based(AdminArea(admin1="Donetsk", admin1_key="UA.05")) and not is_iso_based(None)


def test_gdelt_month_precision_date_is_a_day(db):
    import dataclasses

    from tidings.events.ontology import Ontology
    from tidings.export._countries import country_table
    from tidings.export.gdelt import gdelt_event_row

    with open_store(db, read_only=True) as store:
        event = next(e for e in store.events() if e.type == "PROTEST")
    month = dataclasses.replace(event, date="2014-04", date_precision="month")
    row = gdelt_event_row(month, Ontology.load(), country_table())
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20140401", "201404", "2014")
