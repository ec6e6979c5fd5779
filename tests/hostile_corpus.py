"""A hostile corpus, written at run time: bad inputs of many kinds beside good articles (issue 15).

Every text here is ours. `write_hostile_corpus(folder)` returns what a run over `folder` must do:
the documents it must store (by id) and, for each bad input, the name a `rejected:` line must give.
Used by `tests/test_hostile_corpus.py` and `benchmarks/hostile.py`.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tidings._render import printable
from tidings.ingest import document_id

_SENTENCES = [
    "Police in {town} detained {n} protesters on {day} after a march on the regional parliament.",
    "Armed men seized the town hall in {town} on {day}, witnesses told reporters.",
    "The interior ministry said {n} people were injured when security forces dispersed a rally in {town}.",
    "Officials in {town} accused the opposition of organising roadblocks on {day}.",
    "The governor called for calm and promised an inquiry into the clashes in {town}.",
    "Talks between the two sides are due to resume on Thursday, a spokesman said.",
]
_TOWNS = ["Halvik", "Dornmouth", "Kestrel Bay", "Norrow", "Amberlee", "Tollis"]
_DAYS = ["Monday", "Tuesday", "Saturday", "Sunday"]

#: Settings a run over the corpus uses: small limits keep the huge inputs cheap to test.
CONFIG = {"max_document_bytes": 400_000, "max_nlp_chars": 20_000, "batch_chars": 100_000, "batch_size": 16}


@dataclass
class HostileCorpus:
    """What a run over the corpus must do."""

    folder: Path
    good_ids: dict[str, str] = field(default_factory=dict)  # document id -> what it is
    bad: dict[str, str] = field(default_factory=dict)  # printable name in a rejected line -> what it is

    @property
    def kinds(self) -> int:
        return len(self.bad) + len(set(self.good_ids.values()))


def article(rng: random.Random, sentences: int = 6) -> str:
    """A short, distinct news-like text from our own sentences."""
    picked = [rng.choice(_SENTENCES).format(town=rng.choice(_TOWNS), n=rng.randint(2, 90), day=rng.choice(_DAYS))
              for _ in range(sentences)]
    return " ".join(picked) + f" Reference {rng.randrange(10**9)}."


def _complete_lines(data: bytes) -> list[bytes]:
    """The complete lines a cut gzip stream holds (what a reader can still keep)."""
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        text = decompressor.decompress(data)
    except zlib.error:
        return []
    return text.split(b"\n")[:-1]


def write_hostile_corpus(folder: Path, seed: int = 15, big_chars: int = 150_000) -> HostileCorpus:
    """Write the corpus into `folder` (created); returns the expectations."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = HostileCorpus(folder)

    def good(text: str, what: str) -> str:
        corpus.good_ids[document_id(text)] = what
        return text

    def bad(path: Path | str, what: str, line: int | None = None) -> None:
        name = str(path) + (f":{line}" if line is not None else "")
        corpus.bad[printable(name)] = what

    def write(name: str, data: bytes | str) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    # -- good articles, plain and with hostile metadata or text ------------------------------------
    for number in range(5):
        write(f"good{number}.txt", good(article(rng), "plain article"))
    write("markup.txt", good(article(rng), "title with Rich markup"))
    write("markup.meta.json", json.dumps({"title": "[/bold] x [link=https://evil.example/steal]Official statement[/link]",
                                          "outlet": "[red]Tribune[/red]", "published": "2024-03-04"}))
    write("controls.txt", good(article(rng), "title with ESC and bidi"))
    write("controls.meta.json", json.dumps({"title": "Line one\nrejected: forged \x1b[2J\x1b]8;;https://evil.example\x07x\u202egnp.exe",
                                            "outlet": "\x1b[31mRed Outlet\u202e", "published": "2024-03-05"}))
    write("riot.txt", good("riot " * 1500, "event words nested 1,500 deep"))
    write("ansi-body.txt", good(article(rng) + " \x1b[31mred\x1b[0m \u202eevil\u202c " + article(rng), "ESC in the body"))
    write("bom-crlf.txt", b"\xef\xbb\xbf" + good(article(rng), "BOM and CRLF").replace(". ", ".\r\n").encode())
    few_bad = article(rng)
    write("few-bad-bytes.txt", few_bad.encode() + b" caf\xe9 " + b"end.")
    good((few_bad.encode() + b" caf\xe9 end.").decode("utf-8", errors="replace"), "a bad byte replaced")
    write("broken-sidecar.txt", good(article(rng), "text beside a broken sidecar"))
    bad(write("broken-sidecar.meta.json", '{"title": "unterminated'), "malformed sidecar", 1)
    big = " ".join(article(rng) for _ in range(big_chars // 400 + 1))
    write("big-one-line.txt", good(big.replace("\n", " "), "one line past the parse limit"))

    # -- unreadable files ----------------------------------------------------------------------
    bad(write("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8), "binary (PNG)")
    bad(write("random.jsonl", bytes(rng.randrange(256) for _ in range(5000))), "random bytes")
    bad(write("latin1.txt", bytes(range(160, 256)) * 30), "not UTF-8")
    bad(write("utf16-odd.txt", b"\xff\xfe" + "Police said".encode("utf-16-le") + b"\x00\xd8"), "broken UTF-16")
    bad(write("empty.txt", b""), "empty file")
    bad(write("spaces.txt", b"   \n\t  \n"), "only white space")
    bad(write("empty.jsonl", b""), "empty JSONL")
    bad(write("blank-lines.jsonl", b"\n\n\n\n"), "only blank lines")
    bad(write("deep.json", "[" * 100_000 + "]" * 100_000), "JSON nested 100,000 deep")
    bad(write("truncated.json", json.dumps([{"text": article(rng)} for _ in range(3)])[:-40]), "cut JSON list")
    bad(write("string.json", json.dumps("just a string")), "JSON string, not records")
    bad(write("empty-list.json", "[]"), "JSON empty list")
    bad(write("deep.html", "<html><body>" + "<div>" * 20_000 + "text" + "</div>" * 20_000 + "</body></html>"),
        "HTML nested 20,000 deep")
    bad(write("no-text.html", "<html><head><script>var a = 1;</script></head><body><img src=x></body></html>"),
        "HTML without text")
    bad(write("binary.html", bytes(rng.randrange(256) for _ in range(3000))), "binary named .html")

    # -- record files with bad records beside good ones ------------------------------------------
    lines = [json.dumps({"text": good(article(rng), "JSONL record beside bad ones"), "title": "ok"}),
             '{"text": 42}', "[1, 2, 3]", '{"text": "unterminated', "[" * 50_000 + "]" * 50_000,
             json.dumps({"html": "<script>alert(1)</script>"}),
             json.dumps({"text": "x " * 250_000}),
             json.dumps({"text": good(article(rng), "JSONL record after bad ones")})]
    mixed = write("mixed.jsonl", "\n".join(lines) + "\n")
    for line, what in [(2, '"text": 42'), (3, "JSON array line"), (4, "malformed JSON line"),
                       (5, "JSON line nested 50,000 deep"), (6, "HTML record without text"),
                       (7, "record over the size limit")]:
        bad(mixed, what, line)
    records = [json.dumps({"text": article(rng)}) for _ in range(60)]
    whole = gzip.compress(("\n".join(records) + "\n").encode())
    for share in (0.3, 0.6, 0.9):
        cut = whole[: int(len(whole) * share)]
        path = write(f"cut-{int(share * 100)}.jsonl.gz", cut)
        kept = _complete_lines(cut)
        for raw in kept:
            good(json.loads(raw)["text"], "complete record before a gzip cut")
        bad(path, f"gzip cut at {int(share * 100)} %", len(kept) + 1)
    bad(write("not-gzip.jsonl.gz", "\n".join(records[:3])), "plain text named .gz")
    bad(write("corrupt.jsonl.gz", whole[:20] + bytes(rng.randrange(256) for _ in range(400))), "corrupt gzip")

    csv_good = [article(rng) for _ in range(3)]
    for text in csv_good:
        good(text, "CSV row")
    nul_text = article(rng)
    good(nul_text, "CSV row with a NUL byte")
    nul_row = nul_text[:20] + "\x00" + nul_text[20:]
    write("with-nul.csv", "id,title,text\n" + "\n".join(f'{n},t{n},"{t}"' for n, t in enumerate(csv_good))
          + f'\n9,nul,"{nul_row}"\n')
    bad(write("header-only.csv", "id,title,text\n"), "CSV header without rows")
    bad(write("no-text-column.csv", "id,title\n1,x\n"), "CSV without a text column")
    huge_csv = write("huge-field.csv", "id,text\n" + f'1,"{"word " * 100_000}"\n'
                     + f'2,"{good(article(rng), "CSV row after a huge field")}"\n')
    bad(huge_csv, "CSV field over the size limit", 2)
    cut_csv = article(rng)
    bad(write("unclosed-quote.csv", f'id,text\n1,"{good(cut_csv, "CSV row before an unclosed quote")}"\n2,"never closed\n'),
        "CSV with an unclosed quote", 3)

    # -- WARC ----------------------------------------------------------------------------------
    warc = _warc([("https://tribune.example/a", "text/plain", "not html")], gz=False)
    bad(write("no-html.warc", warc), "WARC without HTML records")
    page = f"<html><body><article><p>{article(rng)}</p><p>{article(rng)}</p></article></body></html>"
    whole_warc = _warc([("https://tribune.example/b", "text/html", page)] * 1, gz=True)
    bad(write("cut.warc.gz", whole_warc[: len(whole_warc) // 2]), "cut WARC")
    bad(write("random.warc.gz", bytes(rng.randrange(256) for _ in range(4000))), "random bytes named .warc.gz")

    # -- hostile names and links ---------------------------------------------------------------
    bad(write("evil\nrejected: forged.txt", b"\x00\x01\x02\x03binary"), "newline in a file name")
    bad(write("\x1b[31mred\x1b[0m.txt", b""), "ESC in a file name")
    bad(write("\u202etxt.exe.txt", b""), "right-to-left override in a file name")
    bad_name = os.fsdecode(b"bad-\xff-bytes.txt")
    bad(write(bad_name, b""), "file name that is not UTF-8")
    loop_a, loop_b, self_link, dangling = (folder / n for n in ("loop-a.txt", "loop-b.txt", "self.txt", "dangling.txt"))
    loop_a.symlink_to("loop-b.txt")
    loop_b.symlink_to("loop-a.txt")
    self_link.symlink_to("self.txt")
    dangling.symlink_to("nowhere/at-all.txt")
    for path, what in [(loop_a, "symlink loop"), (loop_b, "symlink loop"), (self_link, "file linked to itself"),
                       (dangling, "dangling symlink")]:
        bad(path, what)
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: never followed
    return corpus


def _warc(pages: list[tuple[str, str, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                                      http_headers=headers))
    return out.getvalue()
