"""The message catalogue's tools (standard library only): find every message
in the code, add the new ones to the .po file, compile the .mo file.

    python -m policygap.catalogue            # update policygap.po, compile policygap.mo
    python -m policygap.catalogue --check    # exit 1 if a message lacks a translation or the .mo is stale

Messages are found with ``ast``: the first argument of ``_()`` and ``N_()``
calls, the ``help=`` texts of the command-line options and arguments, and
the docstrings of the commands (``@app.command()`` functions) in
policygap/cli. See policygap/locale/README.md.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent
PO = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "policygap.po"
MO = PO.with_suffix(".mo")
# Strings of the command-line library's own help and errors that policygap
# translates too (its help sections and defaults).
LIBRARY_MESSAGES = ("Arguments", "Options", "Commands", "default: {default}", "required", "Usage:",
                    "Show this message and exit.", "env var: {var}", "Install completion for the current shell.",
                    "Show completion for the current shell, to copy it or customize the installation.")


# --------------------------------------------------------------------------
# Finding the messages


def messages_in(path: Path) -> list[tuple[str, int]]:
    """(msgid, line) for each message in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[str, int]] = []
    in_cli = path.parent.name == "cli"
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name in ("_", "N_") and node.args and _is_text(node.args[0]):
                found.append((node.args[0].value, node.lineno))
            if in_cli:
                for kw in node.keywords:
                    if kw.arg == "help" and _is_text(kw.value):
                        found.append((kw.value.value, kw.value.lineno))
        elif in_cli and isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node)
            if doc:
                found.append((doc, node.lineno))
    return found


def _is_text(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value)


def _is_command(decorator) -> bool:
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(call, ast.Attribute) and call.attr in ("command", "callback")


def all_messages(root: Path = PACKAGE) -> dict[str, list[str]]:
    """{msgid: ["file:line", ...]} over the package, in order of appearance."""
    out: dict[str, list[str]] = {m: ["(command-line library)"] for m in LIBRARY_MESSAGES}
    for path in sorted(root.rglob("*.py")):
        for msgid, line in messages_in(path):
            out.setdefault(msgid, []).append(f"{path.relative_to(root.parent)}:{line}")
    return out


# --------------------------------------------------------------------------
# .po and .mo


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def parse_po(text: str) -> dict[str, str]:
    """{msgid: msgstr} of a .po file (fuzzy entries and the header left out)."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    field = None
    fuzzy = False

    def flush():
        if msgid and msgstr and not fuzzy:
            entries[msgid] = msgstr

    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if not line:
            flush()
            msgid = msgstr = field = None
            fuzzy = False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            msgid, field = _unquote(line[6:]), "id"
        elif line.startswith("msgstr "):
            msgstr, field = _unquote(line[7:]), "str"
        elif line.startswith('"'):
            if field == "id":
                msgid += _unquote(line)
            elif field == "str":
                msgstr += _unquote(line)
    return entries


def _quote(text: str) -> str:
    """A .po string, one source line per line of text."""
    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n").replace("\x08", "\\b") + '"'
    if "\n" not in text.rstrip("\n"):
        return q(text)
    parts = text.splitlines(keepends=True)
    return '""\n' + "\n".join(q(p) for p in parts)


HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: policygap\\n"\n"Language: zh\\n"\n'
          '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Content-Transfer-Encoding: 8bit\\n"\n')


def write_po(messages: dict[str, list[str]], translations: dict[str, str]) -> str:
    """The .po text: every message of the code, in order, with its translation
    (empty when there is none yet); translations no longer used are dropped."""
    blocks = [HEADER]
    for msgid, where in messages.items():
        refs = "\n".join(f"#: {w}" for w in where[:3])
        blocks.append(f"{refs}\nmsgid {_quote(msgid)}\nmsgstr {_quote(translations.get(msgid, ''))}\n")
    return "\n".join(blocks)


def compile_mo(translations: dict[str, str]) -> bytes:
    """GNU .mo bytes (keys sorted, so the same catalogue gives the same bytes)."""
    header = "Content-Type: text/plain; charset=UTF-8\n"
    items = sorted({"": header, **translations}.items())
    ids = [k.encode("utf-8") for k, _v in items]
    strs = [v.encode("utf-8") for _k, v in items]
    n = len(items)
    start = 7 * 4 + 16 * n
    id_offsets, offset = [], start
    for b in ids:
        id_offsets.append((len(b), offset))
        offset += len(b) + 1
    str_offsets = []
    for b in strs:
        str_offsets.append((len(b), offset))
        offset += len(b) + 1
    out = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    out += b"".join(struct.pack("<2I", *o) for o in id_offsets)
    out += b"".join(struct.pack("<2I", *o) for o in str_offsets)
    out += b"".join(b + b"\0" for b in ids) + b"".join(b + b"\0" for b in strs)
    return out


def placeholders(text: str) -> list[str]:
    """The named placeholders of a message, sorted: '{region}' -> ['region']
    ('{{' and '}}' are literal braces, as str.format reads them)."""
    import string

    try:
        return sorted(name for _text, name, _spec, _conv in string.Formatter().parse(text) if name is not None)
    except ValueError:  # a lone brace: not a format string
        return ["(not a format string)"]


def problems(messages: dict[str, list[str]], translations: dict[str, str]) -> list[str]:
    out = []
    for msgid, where in messages.items():
        if msgid not in translations:
            out.append(f"{where[0]}: no Chinese translation for {msgid!r}")
        elif placeholders(msgid) != placeholders(translations[msgid]):
            out.append(f"{where[0]}: placeholders differ in the translation of {msgid!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    messages = all_messages()
    translations = parse_po(PO.read_text(encoding="utf-8")) if PO.exists() else {}
    if "--check" in argv:
        found = problems(messages, translations)
        if not MO.exists() or MO.read_bytes() != compile_mo(translations):
            found.append(f"{MO} is not compiled from {PO}: run python -m policygap.catalogue")
        for p in found:
            print(p)
        return 1 if found else 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_text(write_po(messages, translations), encoding="utf-8")
    translations = parse_po(PO.read_text(encoding="utf-8"))
    MO.write_bytes(compile_mo(translations))
    missing = [m for m in messages if m not in translations]
    print(f"{PO}: {len(messages)} messages, {len(missing)} without a translation; {MO} compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
