"""Time and memory of `policygap extract` on hostile input: .docx files made
here (nested paragraphs, zip bombs that declare their real size and ones that
lie about it, a large honest document) and `--merge` into a targets file of
many targets. Prints figures; asserts nothing.

    python benchmarks/extract_hostile.py [--bomb-mb 1024] [--targets 2000]

Every case must end in seconds, refused or read.
"""

from __future__ import annotations

import argparse
import io
import resource
import struct
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from policygap.errors import PolicygapError  # noqa: E402
from policygap.extract import reader  # noqa: E402

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARA = "<w:p><w:r><w:t>到2025年高新技术企业达到500家。</w:t></w:r></w:p>"


def docx_of(chunks, total_hint: int = 0) -> bytes:
    """A .docx whose document.xml is the chunks, streamed into the archive."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=total_hint > 2**31) as f:
            f.write(f'<w:document xmlns:w="{NS}"><w:body>'.encode())
            for chunk in chunks:
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def flat(mb: int):
    block = (PARA * 10_000).encode()
    for _ in range((mb << 20) // len(block)):
        yield block


def lie_about_size(data: bytes, size: int = 1000) -> bytes:
    data = bytearray(data)
    at = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, at + 22, size)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


def measure(name: str, data: bytes) -> None:
    started = time.perf_counter()
    try:
        text = reader.docx_text(data, "bench.docx")
        outcome = f"read, {text.count(chr(10)):,} lines"
    except PolicygapError as exc:
        outcome = "refused: " + str(exc).split(": ", 1)[1][:70]
    took = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"| {name} | {len(data):,} | {took:.2f} | {rss} | {outcome} |")


def merge_many(n: int) -> None:
    from policygap.extract import extract_text, merge_text
    from policygap.extract.registry import Registry

    lines = ["regions:", "  city: {name: 某市}", "indicators:",
             "  firms: {name: 高新技术企业, unit: 家, direction: up, measure: stock}", "targets:"]
    for i in range(n):
        lines += [f"  - id: t{i}", "    region: city", "    indicator: firms", "    kind: level",
                  f"    value: {i + 1}", f"    year: {2030 + i % 50}"]
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "targets.yaml"
        path.write_text(text, encoding="utf-8")
        from policygap.extract import load_registry

        started = time.perf_counter()
        reg = load_registry(path)
        loaded = time.perf_counter() - started
        draft = extract_text("到2026年,高新技术企业达到99999家。\n", reg, region="city", document="d")
        started = time.perf_counter()
        result = merge_text(text, draft, reg, str(path))
        took = time.perf_counter() - started
    print(f"\n--merge into {n:,} targets ({len(text):,} bytes): registry {loaded:.2f} s, "
          f"merge_text (insert, emit, read back) {took:.2f} s, added {len(result.added)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bomb-mb", type=int, default=1024, help="unpacked size of the zip bomb (MB)")
    ap.add_argument("--targets", type=int, default=2000, help="targets in the file merged into")
    args = ap.parse_args()
    print("| case | .docx bytes | seconds | max RSS MB | outcome |\n|---|---|---|---|---|")
    n = 4000
    measure(f"{n:,} nested paragraphs", docx_of([("<w:p><w:r><w:t>x</w:t></w:r>" * n + "</w:p>" * n).encode()]))
    reader.DOCX_MAX_DEPTH, saved = 10**6, reader.DOCX_MAX_DEPTH
    n = 50_000
    measure(f"{n:,} nested paragraphs, depth cap lifted",
            docx_of([("<w:p><w:r><w:t>x</w:t></w:r>" * n + "</w:p>" * n).encode()]))
    reader.DOCX_MAX_DEPTH = saved
    measure("15 MB honest document.xml", docx_of(flat(15)))
    bomb = docx_of(flat(args.bomb_mb), total_hint=args.bomb_mb << 20)
    measure(f"{args.bomb_mb:,} MB bomb, size declared", bomb)
    measure(f"{args.bomb_mb:,} MB bomb, declares 1,000 bytes", lie_about_size(bomb))
    merge_many(args.targets)


if __name__ == "__main__":
    main()
