"""Build a benchmark corpus of N distinct news-like articles (JSONL) from the bundled sample.

Each article keeps the lead paragraph of one sample article (its dateline and main event), then
adds that article's other paragraphs in a shuffled order, paragraphs of a neighbouring article and of
one more, with sentence-level reshuffles, until it has a drawn length of 250–400 words. A seeded generator makes the corpus
reproducible; every text is distinct (document ids are content hashes, so duplicates would be skipped).
Publication dates are spread over four weeks.

Usage: python benchmarks/corpus.py N [--out DIR] [--seed S]   (writes DIR/corpus-N.jsonl)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "sample"
DEFAULT_OUT = Path(tempfile.gettempdir()) / "tidings-bench"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“])")
_FIRST_DAY = date(2024, 3, 4)
_DAYS_SPREAD = 28
_MIN_WORDS, _MAX_WORDS = 250, 400


@dataclass
class SampleArticle:
    """One article of the bundled sample, split into paragraphs."""

    title: str
    outlet: str
    paragraphs: list[str]


def load_sample(folder: Path = SAMPLE) -> list[SampleArticle]:
    """The plain-text articles of the sample folder (txt + meta.json) and of its JSONL files."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        meta_path = path.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        articles.append(_article(path.read_text(encoding="utf-8"), meta))
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                articles.append(_article(record.get("text", ""), record))
    return [a for a in articles if len(a.paragraphs) >= 2]


def _article(text: str, meta: dict) -> SampleArticle:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return SampleArticle(title=meta.get("title") or paragraphs[0][:80], outlet=meta.get("outlet") or "Sample",
                         paragraphs=paragraphs)


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _reshuffled(paragraph: str, rng: random.Random) -> str:
    """The paragraph with its sentences after the first in a new order (the first keeps the subject)."""
    sentences = _SENTENCE_END.split(paragraph)
    if len(sentences) < 3:
        return paragraph
    rest = sentences[1:]
    rng.shuffle(rest)
    return " ".join([sentences[0], *rest])


def compose_article(articles: list[SampleArticle], rng: random.Random) -> tuple[SampleArticle, list[str]]:
    """One new article: a lead, its own body in a new order, then paragraphs of a neighbouring sample
    article (the sample is numbered by topic) and one from anywhere; 250–400 words."""
    index = rng.randrange(len(articles))
    base = articles[index]
    neighbour = articles[(index + rng.choice([-1, 1])) % len(articles)]
    anywhere = rng.choice(articles)
    pool = [base.paragraphs[1:], neighbour.paragraphs[1:], anywhere.paragraphs[1:]]
    for part in pool:
        rng.shuffle(part)
    target = rng.randint(_MIN_WORDS, _MAX_WORDS)
    paragraphs = [base.paragraphs[0]]
    for paragraph in [p for part in pool for p in part]:
        if _words(paragraphs) >= target:
            break
        if paragraph in paragraphs or _words(paragraphs) + len(paragraph.split()) > _MAX_WORDS:
            continue
        paragraphs.append(_reshuffled(paragraph, rng) if rng.random() < 0.5 else paragraph)
    while _words(paragraphs) < _MIN_WORDS:  # rare: short sources
        extra = rng.choice(rng.choice(articles).paragraphs[1:])
        if _words(paragraphs) + len(extra.split()) <= _MAX_WORDS:
            paragraphs.append(extra)
    return base, paragraphs


def build_corpus(count: int, seed: int = 13) -> list[dict]:
    """`count` distinct JSONL records (id, url, outlet, title, published, text)."""
    rng = random.Random(seed)
    articles = load_sample()
    records: list[dict] = []
    seen: set[str] = set()
    while len(records) < count:
        base, paragraphs = compose_article(articles, rng)
        text = "\n\n".join(paragraphs)
        if text in seen:
            continue
        seen.add(text)
        number = len(records)
        published = _FIRST_DAY + timedelta(days=rng.randrange(_DAYS_SPREAD))
        records.append({
            "id": f"bench-{seed}-{number:06d}",
            "url": f"https://news.bench.invalid/{published.isoformat()}/{number:06d}",
            "outlet": base.outlet,
            "title": base.title,
            "published": published.isoformat(),
            "text": text,
        })
    return records


def write_corpus(count: int, out: Path = DEFAULT_OUT, seed: int = 13, offset: int = 0) -> Path:
    """Write records [offset, offset+count) of the seeded corpus of size offset+count to
    `out/corpus-<seed>-<offset>-<count>.jsonl`; returns the path (reused when it exists)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"corpus-{seed}-{offset}-{count}.jsonl"
    if not path.exists():
        records = build_corpus(offset + count, seed)[offset:]
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        tmp.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder (never inside the repository)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    path = write_corpus(args.count, args.out, args.seed)
    words = [len(json.loads(line)["text"].split()) for line in path.open(encoding="utf-8")]
    print(f"{path}: {len(words)} articles, {min(words)}-{max(words)} words (mean {sum(words) / len(words):.0f})")


if __name__ == "__main__":
    main()
