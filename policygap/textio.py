"""Reading input files and writing output files safely.

Input: bytes are decoded as UTF-8 (with or without BOM) or, failing that, as
GB18030 (a superset of GBK, what Excel on Chinese Windows saves); line ends
are normalised. Files above a size limit are refused before they are read.

Output: a file appears whole or not at all. It is written to a temporary file
in the same directory and renamed over the target, so an interruption leaves
the previous file untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import PolicygapError

# Refuse absurd inputs quickly rather than exhaust memory. A national data set
# (1.3M observation rows) is about 60 MB; a hand-written targets file is tiny.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


def max_bytes() -> int:
    value = os.environ.get("POLICYGAP_MAX_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    limit = max_bytes() if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit:
            raise PolicygapError(
                f"{path}: file is {size:,} bytes, larger than the limit of {limit:,} "
                "(set POLICYGAP_MAX_BYTES to raise it)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise PolicygapError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PolicygapError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise PolicygapError(f"{path}: permission denied") from None
    except OSError as exc:
        raise PolicygapError(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)``; UTF-8 first, then GB18030."""
    if b"\x00" in data[:4096]:
        raise PolicygapError(f"{path}: looks like a binary file (an .xlsx? save it as CSV UTF-8)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
    raise PolicygapError(f"{path}: neither UTF-8 nor GB18030/GBK text; save it as CSV UTF-8")


def read_text(path: Path, limit: int | None = None) -> str:
    return decode(read_bytes(path, limit), path)[0]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file beside it, then rename)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


@contextlib.contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    On any failure (including KeyboardInterrupt) the temporary file is removed
    and ``path`` is left as it was.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise PolicygapError(f"{path}: directory {directory} does not exist")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise PolicygapError(f"{path}: cannot write: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if path.exists():
            # Keep the permissions of the file being replaced.
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
