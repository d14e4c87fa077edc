"""Reading .docx files an adversary made: nested paragraphs, zip bombs (made
here, small), archives that lie about their sizes, corrupt, encrypted or
oddly compressed archives, XML with a DTD. Each is refused with exit 2 and a
message, in well under a second, or read in one linear pass."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from policygap.errors import PolicygapError
from policygap.extract import reader
from policygap.extract.reader import docx_text

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")


def docx(body: str, *, method=zipfile.ZIP_DEFLATED, head: str = "", prefix: str = "w") -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8"?>{head}<{prefix}:document xmlns:{prefix}="{NS}">' \
          f"<{prefix}:body>{body}</{prefix}:body></{prefix}:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def refused(data: bytes, words: str):
    with pytest.raises(PolicygapError) as exc:
        docx_text(data, "plan.docx")
    assert "plan.docx" in str(exc.value) and words in str(exc.value)


def test_runs_tabs_breaks_and_another_prefix():
    body = '<w:p><w:r><w:t>到2026年,</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">高企 </w:t>' \
           "<w:br/><w:t>达到500家。</w:t></w:r></w:p>"
    assert docx_text(docx(body)) == "到2026年,\t高企 \n达到500家。\n"
    # The namespace decides, not the prefix a tool chose.
    assert docx_text(docx("<x:p><x:r><x:t>一、目标</x:t></x:r></x:p>", prefix="x")) == "一、目标\n"
    # Entities of XML itself are read.
    assert docx_text(docx(para("A&amp;B &lt;3&gt;"))) == "A&B <3>\n"


def test_a_text_box_paragraph_is_its_own_line_and_text_is_not_doubled():
    inner = para("文本框里的话")
    body = f"<w:p><w:r><w:t>外面</w:t></w:r><w:r><w:pict><w:txbxContent>{inner}</w:txbxContent></w:pict></w:r>" \
           "<w:r><w:t>的段落</w:t></w:r></w:p>"
    assert docx_text(docx(body)) == "文本框里的话\n外面的段落\n"


def test_nested_paragraphs_take_one_linear_pass(monkeypatch):
    # 4,000 paragraphs inside each other (a 760-byte .docx) took 41 s with a
    # walk of every paragraph's descendants (each text read once per level);
    # one pass reads each text once. Timings: benchmarks/extract_hostile.py.
    monkeypatch.setattr(reader, "DOCX_MAX_DEPTH", 100_000)
    n = 20_000
    data = docx("<w:p><w:r><w:t>x</w:t></w:r>" * n + "</w:p>" * n)
    assert len(data) < 4000
    assert docx_text(data) == "x\n" * n


def test_nesting_deeper_than_any_word_document_is_refused():
    n = reader.DOCX_MAX_DEPTH + 10
    refused(docx("<w:p>" * n + "</w:p>" * n), "nested more than")


def test_a_zip_bomb_is_refused_by_its_declared_size(monkeypatch):
    monkeypatch.setattr(reader, "DOCX_XML_MAX", 200_000)
    data = docx(para("x" * 1_000_000))
    assert len(data) < 5000
    refused(data, "more than the limit")


def test_the_size_is_counted_as_it_streams_whatever_the_archive_declares(monkeypatch):
    # An archive whose directory says 1,000 bytes: the reader counts what it
    # unpacks. zipfile itself stops at the declared size and the CRC fails;
    # with the declared-size check taken away, the streaming count stops it.
    monkeypatch.setattr(reader, "DOCX_XML_MAX", 200_000)
    data = bytearray(docx(para("x" * 1_000_000)))
    start = data.find(b"PK\x03\x04", data.find(b"word/document.xml") - 40)
    struct.pack_into("<I", data, start + 22, 1000)
    central = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)  # the second member's entry
    struct.pack_into("<I", data, central + 24, 1000)
    refused(bytes(data), "damaged")
    honest = docx(para("x" * 1_000_000))
    monkeypatch.setattr(reader, "_check_member", lambda info, path: None)
    refused(honest, "larger than the limit")


def test_the_limit_follows_a_lower_policygap_max_bytes(monkeypatch):
    monkeypatch.setenv("POLICYGAP_MAX_BYTES", "1000")
    refused(docx(para("x" * 5000)), "more than the limit of 1,000")


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not a zip"])
def test_a_corrupt_archive_is_a_clear_error(damage):
    data = docx(para("到2025年高新技术企业达到500家。" * 50))
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        at = data.find(b"word/document.xml") + 40
        data = data[:at] + bytes(b ^ 0xFF for b in data[at: at + 40]) + data[at + 40:]
    else:
        data = b"PK\x03\x04 not really"
    refused(data, "")


def test_an_encrypted_docx_is_named_as_such():
    data = bytearray(docx(para("x")))
    # set the "encrypted" flag on every header
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        while at != -1:
            flags = struct.unpack_from("<H", data, at + offset)[0]
            struct.pack_into("<H", data, at + offset, flags | 1)
            at = data.find(sig, at + 4)
    refused(bytes(data), "encrypted")


def test_an_odd_compression_method_is_named():
    refused(docx(para("x"), method=zipfile.ZIP_BZIP2), "compressed with method 12")
    assert docx_text(docx(para("x"), method=zipfile.ZIP_STORED)) == "x\n"


@pytest.mark.parametrize("head", [
    '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE d SYSTEM "file:///etc/passwd">',
])
def test_a_dtd_is_refused_so_no_entity_is_expanded(head):
    refused(docx(para("x"), head=head), "document type")


def test_xml_that_is_not_well_formed_names_the_line():
    refused(docx("<w:p><w:r><w:t>x</w:r></w:p>"), "not well-formed")


def test_no_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    refused(buf.getvalue(), "no word/document.xml")


def test_cli_exit_2_for_a_bomb_and_an_encrypted_file(run, tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "DOCX_XML_MAX", 100_000)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(docx(para("x" * 500_000)))
    r = run("extract", bomb)
    assert r.exit_code == 2 and "bomb.docx" in r.stderr and "Traceback" not in r.stderr
    odd = tmp_path / "odd.docx"
    odd.write_bytes(docx(para("x"), method=zipfile.ZIP_LZMA))
    r = run("extract", odd, env={"POLICYGAP_LANG": "en"})
    assert r.exit_code == 2 and "method 14" in r.stderr
