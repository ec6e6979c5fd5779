from pathlib import Path

import pytest

from tidings.errors import DataError
from tidings.events import Ontology


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def test_sixteen_types_with_quads(ontology):
    assert len(ontology.types) == 16
    assert ontology.quad("ASSAULT") == 4 and ontology.quad("CONSULT") == 1 and ontology.quad("ACCUSE") == 3


def test_cameo_acled_goldstein_lookups(ontology):
    assert ontology.cameo("ASSAULT", "firearms") == "19"
    assert ontology.cameo("PROTEST", "demo") == "14"
    assert ontology.acled("COERCE", "arrest") == ("Strategic developments", "Arrests")
    assert ontology.acled("ASSAULT", "aerial") == ("Explosions/Remote violence", "Air/drone strike")
    assert ontology.acled("CONSULT", None) is None
    assert ontology.goldstein("19") == -10.0 and ontology.goldstein(ontology.cameo("AID")) > 0


def test_unknown_mode_in_triggers_fails_with_file_and_line(tmp_path: Path):
    bad = tmp_path / "triggers.yaml"
    bad.write_text("verbs:\n  kill: {type: ASSAULT, mode: drone}\n  hug: {type: PROTEST, mode: drone}\n")
    with pytest.raises(DataError, match=r"triggers.yaml:3: mode 'drone' is not a mode of PROTEST"):
        Ontology.load(triggers=bad)


def test_unknown_type_fails(tmp_path: Path):
    bad = tmp_path / "triggers.yaml"
    bad.write_text("verbs:\n  hug: {type: EMBRACE}\n")
    with pytest.raises(DataError, match="unknown PLOVER type 'EMBRACE'"):
        Ontology.load(triggers=bad)
