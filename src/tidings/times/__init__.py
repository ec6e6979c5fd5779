"""Time expressions: find them in a parsed document and resolve them against its publication date."""

from tidings.times.find import find_times
from tidings.times.normalise import normalise_date

__all__ = ["find_times", "normalise_date"]
