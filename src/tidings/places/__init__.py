"""Places: the gazetteer, toponym detection and resolution with document context."""

from tidings.places.find import find_places
from tidings.places.gazetteer import Gazetteer

__all__ = ["Gazetteer", "find_places"]
