"""Places: the gazetteer, toponym detection and resolution with document context."""

from tidings.places.gazetteer import Gazetteer

__all__ = ["Gazetteer"]
