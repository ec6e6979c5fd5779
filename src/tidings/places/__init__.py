"""Places: the gazetteer, toponym detection and resolution with document context."""

from tidings.places.containment import contains
from tidings.places.find import find_places, in_name
from tidings.places.gazetteer import Gazetteer

__all__ = ["Gazetteer", "contains", "find_places", "in_name"]
