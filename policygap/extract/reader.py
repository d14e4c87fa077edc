"""Reading a policy document: text in UTF-8 or GBK/GB18030, or a .docx read
with the standard library (the paragraphs of word/document.xml)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..errors import PolicygapError
from ..textio import decode, read_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A document.xml larger than this is not a policy text (or is a zip bomb).
DOCX_XML_MAX = 64 * 1024 * 1024


def read_document(path: Path) -> str:
    path = Path(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        return docx_text(data, path)
    if suffix in (".doc", ".pdf", ".wps") or data[:4] in (b"%PDF", b"\xd0\xcf\x11\xe0"):
        raise PolicygapError(f"{path}: .doc, .wps and .pdf files cannot be read; save the document as "
                             ".docx or as text (UTF-8 or GBK)")
    return decode(data, path)[0]


def docx_text(data: bytes, path: Path | str = "document.docx") -> str:
    """Paragraphs of a .docx, one a line; tables give one line per cell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise PolicygapError(f"{path}: not a Word document (no word/document.xml)") from None
            if info.file_size > DOCX_XML_MAX:
                raise PolicygapError(f"{path}: the document text is {info.file_size:,} bytes, too large to read")
            xml = z.read(info)
    except zipfile.BadZipFile:
        raise PolicygapError(f"{path}: not a readable .docx (bad zip file)") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise PolicygapError(f"{path}: the .docx text cannot be parsed: {exc}") from None
    lines = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W + "t":
                parts.append(node.text or "")
            elif node.tag == W + "tab":
                parts.append("\t")
            elif node.tag in (W + "br", W + "cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines) + "\n"
