"""Benchmark event de-duplication: synthetic event mentions fed in batches into an EventIndex.

    .venv/bin/python benchmarks/bench_dedup.py 100000
    .venv/bin/python benchmarks/bench_dedup.py 1000000 --batch 10000

Mentions are seeded-random reports of synthetic real events (1-5 reports each) over one year,
across a few thousand towns, regions and countries, with actors from a fixed pool, arriving in
publication order. Past `--memory-mentions` members in memory, the events reported longest ago are
evicted down to half of it (what the integrator does: they stay in the store). Prints mentions/s,
total time, peak memory.

    .venv/bin/python benchmarks/bench_dedup.py --shuffle 20000

`--shuffle N` instead measures order dependence (issue 13): the first N mentions merged in publication
order and in a few random document orders; prints the share of mention pairs put together in one
order but not in the other (over the pairs together in either, and over all pairs).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date, timedelta
from itertools import combinations
from typing import Iterator

from tidings.model import ActorRef, Evidence, EventMention, Location, Size
from tidings.resolve import EventIndex, event_id_for

TYPES = {"ASSAULT": ("firearms", "explosives", "aerial"), "PROTEST": ("demo", "obstruct", "riot"),
         "COERCE": ("arrest", "seize", "restrict"), "CONSULT": ("visit", "phone"), "ACCUSE": (None,),
         "SANCTION": ("convict", "expel"), "AGREE": (None,), "MOBILIZE": ("troops", "police"),
         "RETREAT": ("release", "withdraw"), "THREATEN": ("violence",), "AID": (None,),
         "REQUEST": ("assist",), "REJECT": (None,), "SUPPORT": (None,), "CONCEDE": (None,),
         "COOPERATE": (None,)}
START = date(2014, 1, 1)


def _places(rng: random.Random, towns: int) -> list[Location]:
    countries = [f"C{i:02d}" for i in range(30)]
    out = []
    for i in range(towns):
        country = rng.choice(countries)
        admin1 = f"R{rng.randrange(8)}"
        out.append(Location(text=f"Town {i}", place_id=f"geonames:{i}", name=f"Town {i}",
                            country=country, admin1=admin1, geo_precision=1))
    return out


def synthetic_batches(total: int, batch: int, seed: int = 7, towns: int = 3000) -> Iterator[list[EventMention]]:
    """Yield batches of mentions in publication order; each real event has 1-5 reports."""
    rng = random.Random(seed)
    places = _places(rng, towns)
    actors = [ActorRef(text=f"actor {i}", actor_id=f"ac_{i:04d}", country=f"C{i % 30:02d}",
                       sector=rng.choice(("GOV", "MIL", "COP", "REB", "CVL"))) for i in range(600)]
    per_day = max(1, total // 365)
    produced, day, doc_counter = 0, 0, 0
    pending: list[EventMention] = []
    while produced < total:
        today = START + timedelta(days=min(day, 364))
        made_today = 0
        while made_today < per_day and produced < total:
            type_ = rng.choice(list(TYPES))
            mode = rng.choice(TYPES[type_])
            place = rng.choice(places)
            source, target = rng.choice(actors), rng.choice(actors)
            happened = today - timedelta(days=rng.randrange(3))
            dead = rng.choice((None, None, None, 1, 2, 5)) if type_ == "ASSAULT" else None
            for _ in range(min(rng.randint(1, 5), total - produced)):
                doc_counter += 1
                doc = f"doc{doc_counter:08d}"
                roll = rng.random()
                location = place
                if roll < 0.10:
                    location = Location(text=place.admin1 or "", name=place.admin1, country=place.country,
                                        admin1=place.admin1, geo_precision=3)
                elif roll < 0.15:
                    location = Location(text=place.country or "", place_id=f"country:{place.country}",
                                        name=place.country, country=place.country, geo_precision=4)
                elif roll < 0.20:
                    location = None
                precision = rng.choices(("day", "week", "month", "unknown"), (80, 5, 5, 10))[0]
                pending.append(EventMention(
                    id=f"em_{doc}_0", type=type_, mode=mode, quad=4,
                    evidence=Evidence(doc_id=doc, sentence_index=0, sentence="", trigger="x", start=0,
                                      end=1, outlet=f"outlet{rng.randrange(50)}",
                                      published=today.isoformat()),
                    source=[source], target=[target], location=location,
                    date=None if precision == "unknown" else happened.isoformat(),
                    date_precision=precision,
                    size=Size(dead=None if dead is None else dead + rng.choice((0, 0, 1))),
                    confidence=rng.uniform(0.3, 0.9)))
                produced += 1
                made_today += 1
                if len(pending) == batch:
                    yield pending
                    pending = []
        day += 1
    if pending:
        yield pending


def pair_changes(first: dict[str, str], second: dict[str, str]) -> tuple[int, int, int]:
    """(pairs together in one assignment only, pairs together in either, all pairs) of mention ids."""
    changed = together = 0
    groups: dict[tuple[str, str], list[str]] = {}
    for mention_id in first:
        groups.setdefault((first[mention_id], "a"), []).append(mention_id)
        groups.setdefault((second[mention_id], "b"), []).append(mention_id)
    pairs: set[tuple[str, str]] = set()
    for members in groups.values():
        pairs.update(combinations(sorted(members), 2))
    for left, right in pairs:
        together += 1
        changed += (first[left] == first[right]) != (second[left] == second[right])
    return changed, together, len(first) * (len(first) - 1) // 2


def shuffle_check(total: int, seed: int, orders: int = 3) -> None:
    mentions = [m for batch in synthetic_batches(total, total, seed) for m in batch]

    def merged(order: list[EventMention]) -> dict[str, str]:
        index = EventIndex()
        index.add([EventMention(**{**vars(m), "event_id": None}) for m in order])
        return {m.id: m.event_id for m in index_members(index)}

    def index_members(index: EventIndex) -> list[EventMention]:
        return [m for event in index.events() for m in index.mentions_of(event.id)]

    reference = merged(mentions)
    for number in range(orders):
        order = list(mentions)
        random.Random(seed + number + 1).shuffle(order)
        changed, together, every = pair_changes(reference, merged(order))
        print(f"order {number + 1}: {changed:,} of {together:,} pairs together in either order changed "
              f"({changed / max(together, 1):.2%}); {changed / max(every, 1):.4%} of all {every:,} pairs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mentions", type=int, nargs="?", default=100_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--memory-mentions", type=int, default=30_000, help="member mentions held; 0: no limit")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shuffle", type=int, default=0, help="measure order dependence on this many mentions")
    args = parser.parse_args()
    if args.shuffle:
        shuffle_check(args.shuffle, args.seed)
        return

    index = EventIndex()
    created = generated = 0
    busy = cpu = 0.0
    started = time.perf_counter()
    for batch in synthetic_batches(args.mentions, args.batch, args.seed):
        generated += len(batch)
        tick, cpu_tick = time.perf_counter(), time.process_time()
        index.add(batch)
        if args.memory_mentions and index.member_count() > args.memory_mentions:
            index.evict_oldest(args.memory_mentions // 2)
        busy += time.perf_counter() - tick
        cpu += time.process_time() - cpu_tick
        created += sum(1 for m in batch if m.event_id == event_id_for(m.id))
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mentions: {generated:,}  batch: {args.batch:,}  memory: {args.memory_mentions:,} mentions")
    print(f"events created: {created:,} ({generated / max(created, 1):.2f} mentions per event); "
          f"in the index at the end: {len(index):,}")
    print(f"dedup time: {busy:.1f} s  ({generated / busy:,.0f} mentions/s); "
          f"CPU {cpu:.1f} s ({generated / cpu:,.0f} mentions/CPU-s); total with generation: {total:.1f} s")
    print(f"peak RSS: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
