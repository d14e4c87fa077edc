"""Reading input files and writing output files safely.

Input: bytes are decoded as UTF-8 (with or without BOM) or, failing that, as
GB18030 (a superset of GBK, what Excel on Chinese Windows saves); line ends
are normalised. Files above a size limit are refused before they are read.

Output: a file appears whole or not at all. It is written to a temporary file
in the same directory and renamed over the target, so an interruption leaves
the previous file untouched. A file read as input is never written over.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from .i18n import _
from .errors import PolicygapError, Problem

# Refuse absurd inputs quickly rather than exhaust memory. A national data set
# (1.3M observation rows) is about 60 MB; a hand-written targets file is tiny.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


# Above this a limit means "no limit" (and still fits a read() call).
_LARGEST_LIMIT = 1 << 62


def max_bytes() -> int:
    """The size limit for input files: POLICYGAP_MAX_BYTES (a whole number of
    bytes; anything else is an error), else DEFAULT_MAX_BYTES."""
    value = os.environ.get("POLICYGAP_MAX_BYTES", "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    if not (value.isascii() and value.isdigit()):
        raise PolicygapError(_("POLICYGAP_MAX_BYTES={value} is not a whole number of bytes "
                               "(e.g. 1000000000 for about 1 GB)").format(value=repr(value)))
    return min(int(value), _LARGEST_LIMIT)


# The files read as input (since the last forget_inputs()): output is never
# written over one of them.
_INPUTS: set[str] = set()


def forget_inputs() -> None:
    """Start a new run: the files read so far no longer count as its inputs."""
    _INPUTS.clear()


def protect(paths) -> None:
    """Files this run treats as its data without reading them (the figures
    files of the workspace, when ``extract`` writes base values): never
    written over, like the files it reads. A folder's tables count each."""
    for path in paths:
        path = Path(path)
        found = sorted(path.glob("*.csv")) + sorted(path.glob("*.xlsx")) if path.is_dir() else [path]
        _INPUTS.update(_identity(p) for p in found)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (after links and ``..``)."""
    return _identity(a) == _identity(b)


def _identity(path: Path) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(Path(path).absolute())


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of an input file, refused above ``limit``.

    A regular file is read; a FIFO or a pipe (``<(command)``, /dev/stdin) is
    read as it comes, and one that nobody writes to reads as empty instead
    of waiting forever. Devices (/dev/zero, a terminal) and sockets are
    refused: they are not files and may never end.
    """
    limit = max_bytes() if limit is None else limit
    _INPUTS.add(_identity(path))
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if stat.S_ISREG(st.st_mode):
            if st.st_size > limit:
                raise _file_problem(path, _("file is {size} bytes, larger than the limit of {limit} "
                                            "(set POLICYGAP_MAX_BYTES to raise it)").format(
                                                size=f"{st.st_size:,}", limit=f"{limit:,}"))
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        elif stat.S_ISFIFO(st.st_mode):
            fd = _open_fifo(path)
        else:
            raise _file_problem(path, _("is a device or socket, not a file; policygap reads files and pipes"))
        with open(fd, "rb", buffering=0) as f:
            data = _read_up_to(f, limit + 1, st.st_size)
        if len(data) > limit:
            raise _file_problem(path, _("file is larger than the limit of {limit} bytes "
                                  "(set POLICYGAP_MAX_BYTES to raise it)").format(limit=f"{limit:,}"))
        return data
    except FileNotFoundError:
        raise _file_problem(path, _("no such file")) from None
    except IsADirectoryError:
        raise _file_problem(path, _("is a directory, not a file")) from None
    except PermissionError:
        raise _file_problem(path, _("permission denied")) from None
    except OSError as exc:
        raise _file_problem(path, _("cannot read: {error}").format(error=exc.strerror or exc)) from None


def _read_up_to(f, most: int, size: int) -> bytes:
    """At most ``most`` bytes: a file that grows while being read (or a pipe)
    cannot exhaust memory, and no buffer of the limit's size is set aside
    for a small file (a limit may be set far above the memory there is)."""
    chunks = []
    total = 0
    want = min(most, size + 1 if size > 0 else 1 << 20)
    while total < most:
        chunk = f.read(min(want, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 20
    return b"".join(chunks)


def _open_fifo(path: Path) -> int:
    """Open a FIFO for reading without waiting for a writer (a plain open
    would block until one comes, maybe never); reads then wait for data as
    usual and end when the writers close it, or at once if there are none."""
    import fcntl

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    return fd


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; UTF-8 first, then GB18030.

    GB18030 decodes almost any byte string, so it is accepted only when the
    result is plausible text: no control characters other than tab and line
    ends. Anything else is refused with a reason rather than read as noise.
    """
    table = _is_table(path)  # the advice to "save as CSV UTF-8" is for a table, not a YAML file or a document
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if not table:
            raise _file_problem(path, _("is UTF-16 text; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)"))
        raise _file_problem(path, _("is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" instead"))
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _file_problem(path, _("is an Excel workbook, not text; save it as \"CSV UTF-8\"") if table
                            else _("is an Excel workbook, not text; save it as UTF-8 text"))
    if b"\x00" in data:
        raise _file_problem(path, _("contains NUL bytes: a binary file, not text; save it as \"CSV UTF-8\"") if table
                            else _("contains NUL bytes: a binary file, not text; save it as UTF-8 text"))
    # Control bytes never occur inside a UTF-8 or GB18030 multi-byte sequence,
    # so they can be looked for in the bytes, with one C-speed pass.
    has_control = bool(data.translate(None, _NOT_CONTROL))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8-sig":
                # the position is counted after a byte-order mark
                bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
                _refuse_mixed_encodings(data, exc.start + bom, path)
            continue
        if b"\r" in data:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        bad = _CONTROL.search(text) if has_control else None
        if bad is None and (encoding != "utf-8-sig" or _C1_UTF8.search(data)):
            bad = _C1.search(text)  # in UTF-8 a C1 control is always \xc2\x80-\x9f
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            message = _("contains the control character {character}; is it a text file? (save it as CSV UTF-8)") \
                if table else _("contains the control character {character}; is it a text file? (save it as UTF-8 text)")
            raise PolicygapError(problems=[Problem(str(path), line, "", message.format(character=repr(bad.group())))])
        return text, encoding
    raise _file_problem(path, _("is neither UTF-8 nor GB18030/GBK text; save it as \"CSV UTF-8\"") if table
                        else _("is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 text"))


def _is_table(path) -> bool:
    """A figures file or a targets table (.csv, or a name without a text
    suffix), not a YAML file or a policy document (.yaml, .txt, .md)."""
    return Path(path).suffix.lower() not in (".yaml", ".yml", ".txt", ".md", ".text")


def _refuse_mixed_encodings(data: bytes, first_bad: int, path: Path) -> None:
    """A file that is UTF-8 in some lines and GBK in others (rows pasted from
    two sources): GB18030 would read it whole, the UTF-8 lines as nonsense
    characters. Refused, naming the first line in the other encoding."""
    def line_at(offset: int) -> int:
        return data.count(b"\n", 0, offset) + 1

    if _looks_chinese(data[:first_bad].decode("utf-8", "replace")):
        raise PolicygapError(problems=[Problem(str(path), line_at(first_bad), "", _(
            "this line is not UTF-8, but lines before it are: the file mixes two encodings (UTF-8 and "
            "GBK?); save it again as \"CSV UTF-8\""))])
    # GBK first: look for a later line that is valid UTF-8 with non-ASCII text.
    text = data.decode("utf-8", "replace")
    pos = 0
    while True:
        m = _UTF8_NON_ASCII.search(text, pos)
        if m is None:
            return
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        if "\ufffd" not in text[start:end] and _looks_chinese(text[start:end]):
            line = text.count("\n", 0, start) + 1
            raise PolicygapError(problems=[Problem(str(path), line, "", _(
                "this line is UTF-8, but lines before it are GBK: the file mixes two encodings; save it "
                "again as \"CSV UTF-8\""))])
        pos = end + 1


def _looks_chinese(text: str) -> bool:
    """Two or more CJK characters or full-width forms: text that is UTF-8 for
    sure. One is not enough: a GBK character such as 位 (CE BB) is also valid
    UTF-8 (λ), so a lone one proves nothing."""
    found = 0
    for _match in _CJK.finditer(text):
        found += 1
        if found == 2:
            return True
    return False


_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A character that decoded as UTF-8 (not ASCII, not the replacement mark).
_UTF8_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


# Control characters that do not occur in text (tab and line ends do).
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
# C1 controls (U+0080-U+009F): no office text has them; U+009B starts a
# terminal escape sequence on some terminals.
_C1 = re.compile(r"[\x80-\x9f]")
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_NOT_CONTROL = bytes(b for b in range(256) if not re.match(rb"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", bytes([b])))


# Characters that steer a terminal rather than show: C0 controls but tab and
# line feed, DEL, and the C1 controls (U+009B is an 8-bit escape sequence
# start on some terminals).
_STEERING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# What a message quotes of a value typed or read: an id, a name, an option.
QUOTED_LIMIT = 60
# A run without spaces in a message another library built from what was
# typed: longer than any path worth reading whole.
RUN_LIMIT = 200
_LONG_RUN = re.compile(r"\S{%d,}" % (RUN_LIMIT + 1))


def clipped(text: str, limit: int = QUOTED_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with “…” when longer: a message
    quoting a 100,000-character argument shows its start, not all of it."""
    return text if len(text) <= limit else text[:limit] + "…"


def clip_long_runs(text: str) -> str:
    """Every run of more than RUN_LIMIT characters without a space, clipped."""
    return _LONG_RUN.sub(lambda m: clipped(m.group(0), RUN_LIMIT), text)


def printable(text: str) -> str:
    """``text`` with every terminal control character replaced by a visible
    stand-in: ESC as ␛, BEL as ␇ (the Unicode control pictures), a C1
    control as [U+009B]. A value such as YAML's ``"\\e]0;title\\a"`` is then
    shown, never obeyed, by a terminal, and a message quoting it with repr()
    shows it once, not with doubled backslashes. The one helper for every
    message and every string read from a targets file."""
    if not _STEERING.search(text):
        return text
    return _STEERING.sub(_stand_in, text)


def _stand_in(m) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"[U+{code:04X}]"


def _file_problem(path, message: str) -> PolicygapError:
    return PolicygapError(problems=[Problem(str(path), None, "", message)])


def read_text(path: Path, limit: int | None = None) -> str:
    return decode(read_bytes(path, limit), path)[0]


# --------------------------------------------------------------------------
# CSV tables

# Beyond this many malformed rows, the rest are counted, not listed.
MAX_ROW_PROBLEMS = 20


@dataclass
class CsvTable:
    """A CSV file read as text cells: ``frame`` has one string column per
    header name ("" for an empty cell) and ``lines`` gives the line in the
    file where each row starts; ``problems`` lists rows that could not be
    read (they are left out of ``frame``)."""

    path: str
    frame: object  # pandas.DataFrame of str
    lines: object  # numpy array of int, one per row of frame
    header: list
    problems: list


_BOOLEAN_WORD = re.compile(rb"(?i)(?:^|[,\r\n\"])\s*(?:true|false)\s*(?:$|[,\r\n\"])", re.M)


def _has_boolean_word(data: bytes) -> bool:
    """A cell TRUE or FALSE (any case) somewhere in the file: looked for with
    plain substring searches first (the pattern alone takes seconds on a
    national file)."""
    if not any(w in data for w in (b"rue", b"RUE", b"alse", b"ALSE")):
        return False
    return _BOOLEAN_WORD.search(data) is not None

# The widest header read: tables have a dozen columns, a spreadsheet's
# export a few hundred empty ones at most.
MAX_COLUMNS = 1000


_LONE_CR = re.compile(rb"\r(?!\n)")


def read_csv_table(path: Path, what: str = "file", example_header: str = "", types=None) -> CsvTable:
    """Read a CSV file of text cells, every malformed row reported with its line.

    A row with more fields than the header (an unquoted ``1,300``) is an
    error naming its line; the other rows are still read so that every
    problem in the file is found in one pass. Blank lines are kept as rows of
    empty cells (callers skip them) so that rows and lines stay in step.

    ``types(header)`` may choose a type per column position: ``"category"``
    (few distinct values: each is read once, the rows keep codes; a missing
    cell is NaN) or ``"float64"`` (read as numbers inside the parser; if a
    cell is not a plain finite number, the column is read as text instead
    and the caller parses it). Other columns are text, "" when empty.
    """
    import pandas as pd

    from .columns import pin_strings

    pin_strings()

    spath = str(path)
    data = read_bytes(path)
    if _LONE_CR.search(data):  # line ends of CR alone (an old Mac "CSV (Macintosh)"): read as LF
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    # UTF-8 is checked on the bytes and the bytes go to pandas as they are:
    # no decoded copy of a national file is made unless a row needs one.
    if is_utf8_text(data):
        encoding, text = "utf-8-sig", _LazyText(data)
    else:
        text, encoding = decode(data, path)
    if not text.strip():
        need = _("; it needs a header row: {header}").format(header=example_header) if example_header else ""
        raise PolicygapError(problems=[Problem(spath, 1, "", _("the {what} is empty{need}").format(
            what=_(what), need=need))])
    problems: list[Problem] = []
    raw_header = [h.lstrip("\ufeff") for h in _header_row(text)]
    if len(raw_header) > MAX_COLUMNS:
        # every column costs a pass of its own: a header of 100,000 commas
        # would take minutes and gigabytes before a single row was read
        raise PolicygapError(problems=[Problem(spath, 1, "", _(
            "the header has {count} columns; a table policygap reads has at most {limit}: delete the empty "
            "columns at the right (or is this the right file?)").format(count=f"{len(raw_header):,}",
                                                                       limit=f"{MAX_COLUMNS:,}"))])
    chosen = types([h.strip() for h in raw_header]) if types else {}
    if any(t == "float64" for t in chosen.values()) and _has_boolean_word(
            data if encoding == "utf-8-sig" else str(text).encode("utf-8")):
        # pandas reads a column of TRUE/FALSE asked as numbers as 1/0: such a
        # file is read as text, and a TRUE where a figure belongs is an error
        chosen = {k: v for k, v in chosen.items() if v != "float64"}
    dtype = {name: chosen.get(i, object) for i, name in enumerate(raw_header)}
    try:
        if _rows_wider_than(data if encoding == "utf-8-sig" else str(text).encode("utf-8"), len(raw_header)):
            raise pd.errors.ParserError("rows wider than the header")
        # UTF-8 bytes go to pandas as they are (its parser decodes them
        # faster than it reads a Python string); other text as text.
        frame = _pandas_read(data if encoding == "utf-8-sig" else text, dtype)
    except pd.errors.ParserError as exc:
        text, problems = _drop_bad_rows(str(text), spath, exc)
        try:
            frame = _pandas_read(text, dtype)
        except (pd.errors.ParserError, ValueError) as exc2:
            raise PolicygapError(problems=problems or [Problem(spath, None, "", _("cannot read as CSV: {error}").format(error=exc2))]) from None
    except (pd.errors.EmptyDataError, ValueError) as exc:
        raise PolicygapError(problems=[Problem(spath, 1, "", _("cannot read as CSV: {error}").format(error=exc))]) from None
    # Column names as written (pandas would rename a repeated name to name.1):
    # a name written twice is an error, and an unnamed column (Excel's
    # trailing commas) is just an extra column.
    header = [h.strip().lstrip("\ufeff") for h in _header_row(text)]
    if len(header) != len(frame.columns):
        header = [str(c).strip() for c in frame.columns]
    names, seen = [], {}
    for i, name in enumerate(header):
        key = name.lower()
        if not name:
            name = f"(column {i + 1})"
        elif key in seen:
            problems.append(Problem(spath, 1, name, _("column {name} appears twice (columns {first} and {second})").format(
                name=repr(name), first=seen[key] + 1, second=i + 1), col=i + 1))
            name = f"{name} (column {i + 1})"
        else:
            seen[key] = i
        names.append(name)
    frame.columns = names
    text_columns = [c for c, t in zip(names, frame.dtypes) if t == object]
    frame[text_columns] = frame[text_columns].fillna("")
    lines = physical_lines(data if isinstance(text, _LazyText) else text, len(frame))
    return CsvTable(spath, frame, lines, list(frame.columns), problems)


def is_utf8_text(data: bytes) -> bool:
    """UTF-8 (with or without BOM) without control characters, checked a
    few megabytes at a time so that no decoded copy of the whole file is kept.
    Anything else goes through ``decode``, which says what is wrong."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or b"\x00" in data:
        return False
    if data.translate(None, _NOT_CONTROL) or _C1_UTF8.search(data):
        return False
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 4 << 20
    try:
        for start in range(0, len(data), step):
            decoder.decode(data[start:start + step])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


class _LazyText:
    """The text of checked UTF-8 bytes, decoded (and line ends normalised) only
    when a caller needs more than its first megabyte."""

    def __init__(self, data: bytes):
        self._data = data
        self._text: str | None = None

    def full(self) -> str:
        if self._text is None:
            text = self._data.decode("utf-8-sig")
            self._text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        return self._text

    def strip(self) -> str:
        """Enough to tell an empty file: its first megabyte, stripped."""
        head = self._data.removeprefix(b"\xef\xbb\xbf")
        return head[: 1 << 20].strip().decode("utf-8", "ignore").strip() or head.strip().decode("utf-8", "ignore")

    def __getitem__(self, key):
        if isinstance(key, slice) and key.start in (None, 0) and key.stop is not None:
            head = self._data[: key.stop + 4].decode("utf-8-sig", "ignore")
            return head.replace("\r\n", "\n").replace("\r", "\n")[: key.stop]
        return self.full()[key]

    def __str__(self) -> str:
        return self.full()


def _pandas_read(source: str | bytes, dtype: dict | None = None):
    """Text cells as Python strings (object columns: the same whatever string
    storage pandas would pick), or the types chosen by position."""
    import numpy as np
    import pandas as pd

    def read(types: dict, usecols=None):
        if isinstance(source, bytes):
            buffer, encoding = io.BytesIO(source), "utf-8-sig"
        else:
            buffer, encoding = io.StringIO(source), None
        numbers = [k for k, t in types.items() if t == "float64"]
        # index_col=False: a row with more fields than the header is never
        # taken as an index column (which shifted every cell of a file whose
        # rows all end in a comma, and built an index of thousands of levels
        # for one very wide row); pandas then warns instead, and the warning
        # is the error the caller reports row by row (F013).
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            try:
                return pd.read_csv(buffer, dtype=types or object, keep_default_na=False, usecols=usecols,
                                   na_values={k: [""] for k in numbers}, skip_blank_lines=False,
                                   encoding=encoding, index_col=False)
            except pd.errors.ParserWarning as exc:
                raise pd.errors.ParserError(str(exc)) from None

    dtype = dict(dtype or {})
    try:
        frame = read(dtype)
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        raise
    except (ValueError, OverflowError):
        if "float64" not in dtype.values():
            raise
        frame = None  # a cell that is not a plain number: the column is read as text
    if frame is not None:
        floats = [c for c, t in zip(frame.columns, frame.dtypes) if t.kind == "f"]
        if all(np.isfinite(frame[c].to_numpy()[~np.isnan(frame[c].to_numpy())]).all() for c in floats):
            return _categories_as_written(frame, read)
    return read({k: (object if t == "float64" else t) for k, t in dtype.items()})


def _rows_wider_than(data: bytes, width: int) -> bool:
    """Whether a line without quotes has more commas than the header allows.

    Such a row is reported line by line (F013) without asking pandas first:
    pandas reads one very wide row as thousands of columns before it
    complains (a 1 MB row of commas took seconds and gigabytes). Counted on
    the bytes: one comparison per byte, no decoded copy. A line with quotes
    is left to pandas, which tells a quoted comma from a separator."""
    import numpy as np

    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.r_[np.flatnonzero(raw == 10), len(raw)]
    per_line = np.diff(np.r_[0, np.searchsorted(np.flatnonzero(raw == 44), ends)])
    wide = np.flatnonzero(per_line > width - 1)
    if not len(wide):
        return False
    starts = np.r_[0, ends[:-1] + 1]
    return any(b'"' not in data[starts[i]:ends[i]] for i in wide[:1000])


def _categories_as_written(frame, read):
    """Category columns keep the text as written. pandas 3 infers numeric
    categories (periods 2022 and 2025.06 become 2022.0 and 2025.06, a code
    0101 becomes 101); such a column is read again as text."""
    import pandas as pd
    from pandas.api.types import is_string_dtype

    # Text categories (object, or pandas' str) are as written; only the others
    # are read again, all in one pass (each re-read is a pass over the file).
    inferred = [pos for pos, dtype in enumerate(frame.dtypes)
                if isinstance(dtype, pd.CategoricalDtype) and not is_string_dtype(dtype.categories.dtype)]
    if inferred:
        again = read({}, usecols=inferred)
        for k, pos in enumerate(inferred):
            frame[frame.columns[pos]] = again.iloc[:, k].astype("category")
    return frame


def _header_row(text: str) -> list:
    import csv

    return next(csv.reader(io.StringIO(text[: 1 << 20])), [])  # the header is in the first megabyte


def _drop_bad_rows(text: str, path: str, exc) -> tuple[str, list]:
    """After pandas refused the file: find every row it cannot take with the
    csv module, report each with its line, and blank them out (the lines stay,
    empty, so that line numbers of the other rows do not move)."""
    import csv

    message = str(exc)
    if "EOF inside string" in message or "EOF inside" in message:
        start = _unclosed_quote_line(text)
        raise PolicygapError(problems=[Problem(
            path, start, "", _("a double quote (\") opened here is never closed; the rest of the file "
                               "cannot be read"))]) from None
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text))
    problems: list[Problem] = []
    bad = 0
    try:
        width = None
        previous_end = 0
        for row in reader:
            start, end = previous_end + 1, reader.line_num
            previous_end = end
            if width is None:
                width = len(row)
                continue
            if len(row) > width:
                bad += 1
                if bad <= MAX_ROW_PROBLEMS:
                    problems.append(Problem(path, start, "", _("{count} fields, but the header has {width}; a value with a "
                                                              "comma in it (1,300) must be in double quotes: \"1,300\"").format(
                                                                count=len(row), width=width)))
                for n in range(start - 1, min(end, len(lines))):
                    lines[n] = ""
    except csv.Error as exc2:
        raise PolicygapError(problems=[Problem(path, reader.line_num or None, "", _("not a valid CSV row: {error}").format(error=exc2))]) from None
    if bad > MAX_ROW_PROBLEMS:
        problems.append(Problem(path, None, "", _("… and {count} more rows with too many fields").format(
            count=f"{bad - MAX_ROW_PROBLEMS:,}")))
    if not problems:
        detail = re.sub(r"^Error tokenizing data\. C error: ", "", message).strip()
        raise PolicygapError(problems=[Problem(path, None, "", _("not a valid CSV file: {error}").format(error=detail))]) from None
    return "\n".join(lines), problems


def _unclosed_quote_line(text: str) -> int | None:
    """The line where a quoted field that never ends begins."""
    line, in_quote, start = 1, False, None
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
            if in_quote:
                start = line
        elif ch == "\n":
            line += 1
    return start if in_quote else None


def physical_lines(text: str, rows: int):
    """Line number of each data row in the file (the header is line 1).

    Rows map one-to-one to lines unless a quoted field spans lines; only then
    is the csv module asked where each record starts.
    """
    import numpy as np

    quote = b'"' if isinstance(text, bytes) else '"'
    if quote not in text:
        return np.arange(2, rows + 2)
    if isinstance(text, bytes):
        # Quotes, but does any quoted field span a line end? A line end with
        # an odd number of quotes before it is inside a quoted field.
        raw = np.frombuffer(text, dtype=np.uint8)
        ends = np.flatnonzero(raw == 10)
        inside = (np.cumsum(raw == 34, dtype=np.int64)[ends] % 2).astype(bool) if len(ends) else ends
        if not inside.any():
            return np.arange(2, rows + 2)
        text = text.decode("utf-8-sig")
        text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    import csv

    starts = []
    reader = csv.reader(io.StringIO(text))
    previous_end = 0
    try:
        for i, _row in enumerate(reader):
            if i > 0:
                starts.append(previous_end + 1)
            previous_end = reader.line_num
    except csv.Error:
        pass
    starts = starts[:rows]
    if len(starts) < rows:
        starts += list(range(previous_end + 1, previous_end + 1 + rows - len(starts)))
    return np.array(starts)


# --------------------------------------------------------------------------
# Output

# What a path given to --output is: a regular file (replaced atomically), a
# new file, or a stream (a device such as /dev/null, a FIFO, a descriptor such
# as /dev/stdout) written straight, as a shell's ``>`` would.
NEW, FILE, STREAM = "new", "file", "stream"

# Signals that end a run politely (kill, a closed terminal): while a temporary
# file exists they remove it before the process ends.
_TERMINATING = ("SIGTERM", "SIGHUP")


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while an output file was being written; the
    temporary file has been removed. The CLI ends the process by the signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def own_descriptor(path: str) -> int | None:
    """The descriptor of this process that ``path`` names (/dev/stdout,
    /dev/fd/1, /proc/self/fd/1), or None."""
    names = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
    path = os.path.normpath(os.path.abspath(path))
    if path in names:
        return names[path]
    m = re.fullmatch(r"/(?:dev/fd|proc/(?:self|thread-self|\d+)(?:/task/\d+)?/fd)/(\d+)", path)
    if m and (path.startswith(("/dev/", "/proc/self/", "/proc/thread-self/"))
              or path.split("/")[2] == str(os.getpid())):
        return int(m.group(1))
    return None


def _through_descriptor(path: str) -> bool:
    """True when ``path`` or a link on its way names a file descriptor
    (/dev/stdout -> /proc/self/fd/1 -> the file the shell opened)."""
    current = os.path.abspath(path)
    for _step in range(40):
        if own_descriptor(current) is not None or current.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(current):
            return False
        try:
            current = os.path.join(os.path.dirname(current), os.readlink(current))
        except OSError:
            return False
    return False


def output_target(path: Path) -> tuple[str, Path]:
    """``(kind, where)`` for an output path: NEW or FILE with the real path to
    write (a symbolic link is followed and kept), or STREAM with the path
    itself. Anything else (a directory, a block device, a socket, a path
    through a file) is refused with a message naming it."""
    spath = str(path)
    if not spath:
        raise PolicygapError(_("an output file needs a name"))
    try:
        st = os.stat(spath)  # follows symbolic links
    except FileNotFoundError:
        # A new file, or a link whose target does not exist yet: write the target.
        return NEW, Path(os.path.realpath(spath))
    except NotADirectoryError:
        raise _file_problem(path, _("cannot write: a folder on the way is a file")) from None
    except PermissionError:
        raise _file_problem(path, _("cannot write: {error}").format(error=os.strerror(errno.EACCES))) from None
    except OSError as exc:
        raise _file_problem(path, _("cannot write: {error}").format(error=exc.strerror or exc)) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise _file_problem(path, _("is a directory; name a file to write"))
    if stat.S_ISREG(mode) and not _through_descriptor(spath):
        if not os.access(spath, os.W_OK) or not mode & 0o222:  # read-only for all: refused even for root
            # The rename would replace it anyway; the shell's > refuses it.
            raise _file_problem(path, _("is read-only; policygap does not replace a file it may not write "
                                        "(choose another output file, or make it writable)"))
        return FILE, Path(os.path.realpath(spath))
    if stat.S_ISREG(mode) or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return STREAM, Path(spath)
    what = _("a block device") if stat.S_ISBLK(mode) else _("a socket") if stat.S_ISSOCK(mode) else _("not a file")
    raise _file_problem(path, _("is {what}; policygap writes files, character devices (/dev/null), FIFOs "
                                "and standard output").format(what=what))


def write_bytes(path: Path, data: bytes, *, edit_input: bool = False) -> None:
    """Write ``data`` to ``path``: a regular or new file atomically, a device,
    a FIFO or a descriptor straight. A full disk or any other failure is a
    PolicygapError naming the path; nothing half-written is left behind."""
    kind, where = output_target(path)
    if kind == STREAM:
        _check_not_input(path, edit_input)
        write_stream(path, data)
    else:
        with atomic_path(path, edit_input=edit_input) as tmp:
            tmp.write_bytes(data)


def write_stream(path: Path, data: bytes) -> None:
    """Write to a device, FIFO or descriptor as it is (never replaced).

    A FIFO blocks until a reader opens it, as a shell's ``>`` does. A reader
    that went away raises BrokenPipeError (the caller ends quietly, as for a
    pipe on stdout)."""
    fd = own_descriptor(str(path))
    opened = fd is None
    try:
        if opened:
            fd = os.open(str(path), os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _file_problem(path, _("cannot write: {error}").format(error=exc.strerror or exc)) from None
    finally:
        if opened and fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, edit_input: bool = False) -> None:
    """Write ``data`` to ``path`` (see write_bytes: atomically for files)."""
    write_bytes(path, data, edit_input=edit_input)


def _check_not_input(path: Path, edit_input: bool) -> None:
    if _identity(path) in _INPUTS and not edit_input:
        raise _file_problem(path, _("is an input file of this run; policygap never writes over its input "
                                    "(choose another output file)"))


@contextlib.contextmanager
def atomic_path(path: Path, *, edit_input: bool = False):
    """Yield a temporary path to write; on success it becomes ``path``.

    A regular file (or a new one) is replaced by a rename, so it appears whole
    or not at all; a symbolic link is followed and stays a link. A device, a
    FIFO or a descriptor (see output_target) receives the finished bytes
    straight. On any failure, KeyboardInterrupt, SIGTERM or SIGHUP the
    temporary file is removed and ``path`` is left as it was. An input file
    of the run is refused unless ``edit_input`` says that editing it is the
    point (``extract --merge``).
    """
    path = Path(path)
    _check_not_input(path, edit_input)
    kind, where = output_target(path)
    directory = where.parent if kind != STREAM else None
    if directory is not None and not directory.is_dir():
        raise _file_problem(path, _("cannot write: folder {folder} does not exist").format(folder=directory))
    with _signals_raise(), _temporary(path, directory) as tmp:
        try:
            yield tmp
            if kind == STREAM:
                write_stream(path, tmp.read_bytes())
                return
            _copy_mode(where, tmp)
            os.replace(tmp, where)
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            raise _file_problem(path, _("cannot write: {error}").format(error=exc.strerror or exc)) from None


@contextlib.contextmanager
def _temporary(path: Path, directory: Path | None):
    """A temporary file beside the target (or in the system's temporary
    folder for a stream), removed unless it was renamed into place."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name or 'output'}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise _file_problem(path, _("cannot write: {error}").format(error=exc.strerror or exc)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        with _signals_blocked(), contextlib.suppress(OSError):
            tmp.unlink()


def _copy_mode(where: Path, tmp: Path) -> None:
    """The new file keeps the permissions of the one it replaces; a new file
    gets the usual ones (0666 less the umask), not mkstemp's 0600."""
    try:
        mode = where.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _signal_numbers() -> list[int]:
    import signal

    return [getattr(signal, name) for name in _TERMINATING if hasattr(signal, name)]


@contextlib.contextmanager
def _signals_raise():
    """While the body runs, SIGTERM and SIGHUP raise Terminated (so that the
    temporary file is removed on the way out) instead of ending the process
    on the spot. Only the main thread can install handlers; elsewhere the
    body runs as it is."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        raise Terminated(signum)

    previous = {}
    try:
        for signum in _signal_numbers():
            old = signal.getsignal(signum)
            if old is signal.SIG_IGN:
                continue  # nohup: the user asked for the signal to be ignored
            previous[signum] = old
            signal.signal(signum, handler)
        yield
    finally:
        with _signals_blocked():
            for signum, old in previous.items():
                signal.signal(signum, old)


@contextlib.contextmanager
def _signals_blocked():
    """SIGTERM and SIGHUP wait (they are not lost) while the body runs."""
    import signal

    numbers = _signal_numbers()
    if not numbers or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, numbers)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
