"""Reading a policy document: text in UTF-8 or GBK/GB18030, or a .docx read
with the standard library (the paragraphs of word/document.xml).

A .docx is a zip archive, so it is read with limits that hold whatever the
archive claims about itself: the XML is decompressed in chunks and fed to a
streaming parser (expat) as it comes, the bytes are counted and reading stops
at ``DOCX_XML_MAX``; a document type declaration (the way to XML entity
bombs and external entities) is refused; elements nested deeper than
``DOCX_MAX_DEPTH`` are refused; paragraphs nested in paragraphs (text boxes)
cost one pass, not one pass per level. Encrypted members and compression
methods Word and WPS do not write are refused with a message.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ..errors import PolicygapError
from ..i18n import _
from ..textio import decode, max_bytes, read_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Decompressed document.xml larger than this is not a policy text (or is a
# zip bomb): reading stops there, whatever size the archive declares. A
# 100-page policy document is 1-5 MB of XML; 16 MB parses in a few seconds.
DOCX_XML_MAX = 16 * 1024 * 1024
# Word nests tables in tables and text boxes in paragraphs, a few dozen
# levels at most.
DOCX_MAX_DEPTH = 1000
CHUNK = 256 * 1024
# Word and WPS store (0) or deflate (8) the parts of a .docx.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def read_document(path: Path) -> str:
    path = Path(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        return docx_text(data, path)
    if suffix in (".doc", ".pdf", ".wps") or data[:4] in (b"%PDF", b"\xd0\xcf\x11\xe0"):
        raise PolicygapError(_("{path}: .doc, .wps and .pdf files cannot be read; save the document as "
                               ".docx or as text (UTF-8 or GBK)").format(path=path))
    return decode(data, path)[0]


class _Refused(Exception):
    """Raised from inside the XML handlers: the reason, for the message."""


def docx_text(data: bytes, path: Path | str = "document.docx") -> str:
    """Paragraphs of a .docx, one a line; tables give one line per cell.
    A paragraph inside another (a text box) is a line of its own, before the
    line of the paragraph that holds it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise PolicygapError(_("{path}: not a Word document (no word/document.xml)").format(path=path)) from None
            _check_member(info, path)
            with z.open(info) as member:
                return _parse_stream(member, path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError, OSError):
        raise PolicygapError(_("{path}: not a readable .docx (the archive is damaged); open it in Word or WPS "
                               "and save it again").format(path=path)) from None


def xml_limit() -> int:
    return min(DOCX_XML_MAX, max_bytes())


def _check_member(info: zipfile.ZipInfo, path) -> None:
    if info.flag_bits & 0x1:
        raise PolicygapError(_("{path}: the .docx is encrypted (password-protected); save a copy without "
                               "the password").format(path=path))
    if info.compress_type not in _METHODS:
        raise PolicygapError(_("{path}: the .docx is compressed with method {method}, which Word and WPS do "
                               "not use; open it in Word or WPS and save it again").format(
                                   path=path, method=info.compress_type))
    if info.file_size > xml_limit():
        raise PolicygapError(_("{path}: the document text is {size} bytes unpacked, more than the limit of "
                               "{limit}").format(path=path, size=f"{info.file_size:,}", limit=f"{xml_limit():,}"))


def _parse_stream(member, path) -> str:
    """Feed the member to expat chunk by chunk, counting the bytes."""
    from xml.parsers.expat import ExpatError

    parser, lines = _paragraph_parser()
    total, limit = 0, xml_limit()
    try:
        while True:
            chunk = member.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise PolicygapError(_("{path}: the document text is larger than the limit of {limit} bytes "
                                       "when unpacked (a damaged file or a zip bomb)").format(
                                           path=path, limit=f"{limit:,}"))
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Refused as exc:
        raise PolicygapError(_("{path}: the .docx text cannot be read: {reason}").format(
            path=path, reason=exc.args[0])) from None
    except ExpatError as exc:
        raise PolicygapError(_("{path}: the .docx text is not well-formed XML (line {line})").format(
            path=path, line=getattr(exc, "lineno", "?"))) from None
    return "\n".join(lines) + "\n"


def _paragraph_parser():
    """An expat parser that collects paragraph lines, and the list it fills."""
    import xml.parsers.expat as expat

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    lines: list[str] = []
    open_paragraphs: list[list[str]] = []  # text of each paragraph being read, innermost last
    depth = 0
    current: list[str] | None = None  # where the text of a <w:t> goes
    p, t, tab, br, cr = (f"{W} {n}" for n in ("p", "t", "tab", "br", "cr"))

    def start(name, _attrs):
        nonlocal depth, current
        depth += 1
        if depth > DOCX_MAX_DEPTH:
            raise _Refused(_("elements nested more than {n} deep").format(n=DOCX_MAX_DEPTH))
        if name == p:
            open_paragraphs.append([])
        elif not open_paragraphs:
            return
        elif name == t:
            current = open_paragraphs[-1]
        elif name == tab:
            open_paragraphs[-1].append("\t")
        elif name == br or name == cr:
            open_paragraphs[-1].append("\n")

    def end(name):
        nonlocal depth, current
        depth -= 1
        if name == t:
            current = None
        elif name == p and open_paragraphs:
            lines.append("".join(open_paragraphs.pop()))
            current = None

    def text(data):
        if current is not None:
            current.append(data)

    def no_doctype(*_args):
        raise _Refused(_("it declares a document type (DTD), which a Word document never does"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    return parser, lines
