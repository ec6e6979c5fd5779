"""Actor mentions -> canonical actors (country, sector, role, aliases)."""

from tidings.actors._ids import actor_id
from tidings.actors.dictionary import ActorDictionary, DictEntry
from tidings.actors.find import find_actors

__all__ = ["ActorDictionary", "DictEntry", "actor_id", "find_actors"]
