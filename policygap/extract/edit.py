"""Editing a targets file in place for ``extract --merge``: locked, and
keeping everything about the file that the edit is not about.

* **One editor at a time.** The file is locked (``flock``) from before it is
  read until the new text is in place; a second merge waits (up to
  ``LOCK_WAIT`` seconds) and then reads the first one's result. When the
  first merge replaced the file by renaming, the second notices that the
  file it locked is no longer the file at the path, and locks again.
* **The same file.** A symbolic link is followed: the file it points to is
  edited and the link stays a link. A file with other hard links is
  rewritten in place, so every name sees the new text; otherwise the new
  text is written beside it and renamed over it (a reader sees the old file
  or the new one, never half), with the owner, group, mode and extended
  attributes of the old one. When the owner cannot be given to the new file
  (another user's group-writable file), the file is rewritten in place.
* **The same bytes.** The encoding (UTF-8 or GB18030/GBK), a UTF-8 BOM and
  the line ends are those of the file: the caller edits the decoded text
  and gets back bytes in which everything it did not edit is unchanged.
* **Refused, with a message (exit 2):** a read-only file, a file that is not
  a regular file, a file whose bytes would not survive decoding and encoding
  unchanged.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import PolicygapError
from ..i18n import _

LOCK_WAIT = 60.0  # seconds a merge waits for another to finish
_BOM = b"\xef\xbb\xbf"


@dataclass
class EditableFile:
    path: Path  # as given (may be a link)
    real: Path  # the file edited
    fd: int  # open for reading and writing, locked
    data: bytes  # the bytes read under the lock
    text: str  # decoded, line ends as they are
    encoding: str  # "utf-8" or "gb18030"
    bom: bytes
    staged: Path | None = None  # the new bytes, written beside the file, not yet in place
    staged_data: bytes | None = None
    staged_beside: bool = False  # staged in the file's own directory (so it can be renamed over it)

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise PolicygapError(_("{path}: the new entries hold a character ({char}) that {encoding} cannot "
                                   "store; nothing was written").format(
                                       path=self.path, char=repr(exc.object[exc.start: exc.end]),
                                       encoding=self.encoding)) from None

    def stage(self, data: bytes) -> Path:
        """Write ``data`` to a temporary file (beside the file when its
        directory allows) for checking before it replaces the file."""
        self.discard()
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.real.name}.", suffix=".part", dir=self.real.parent)
            self.staged_beside = True
        except OSError:
            fd, name = tempfile.mkstemp(prefix="policygap-merge-", suffix=".yaml")
            self.staged_beside = False
        self.staged, self.staged_data = Path(name), data
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            self.discard()
            raise _refuse(self.path, _("cannot write the merged file: {reason}; nothing was merged").format(
                reason=exc.strerror or exc)) from None
        return self.staged

    def discard(self) -> None:
        if self.staged is not None:
            with contextlib.suppress(OSError):
                self.staged.unlink()
        self.staged = None

    def commit(self) -> str:
        """Put the staged bytes in place; returns how ("renamed" or "in place")."""
        data = self.staged_data
        st = os.fstat(self.fd)
        if self.staged_beside and st.st_nlink == 1 and _take_identity(self.staged, st, self.real):
            try:
                os.replace(self.staged, self.real)
            except OSError as exc:
                raise _refuse(self.path, _("cannot replace it: {reason}; nothing was merged").format(
                    reason=exc.strerror or exc)) from None
            self.staged = None
            _sync_directory(self.real.parent)
            return "renamed"
        _write_in_place(self.fd, data, self.path)
        self.discard()
        return "in place"


def _take_identity(staged: Path, st: os.stat_result, real: Path) -> bool:
    """Give the staged file the owner, group, mode and extended attributes of
    the file it will replace; False when the owner cannot be kept."""
    try:
        now = os.stat(staged)
        if (now.st_uid, now.st_gid) != (st.st_uid, st.st_gid):
            os.chown(staged, st.st_uid, st.st_gid)
        os.chmod(staged, st.st_mode & 0o7777)
    except OSError:
        return False
    _copy_xattrs(real, staged)
    return True


def _copy_xattrs(real: Path, staged: Path) -> None:
    # best effort: ACLs and labels live in extended attributes (Linux)
    if not hasattr(os, "listxattr"):
        return
    with contextlib.suppress(OSError):
        for name in os.listxattr(real):
            with contextlib.suppress(OSError):
                os.setxattr(staged, name, os.getxattr(real, name))


def _write_in_place(fd: int, data: bytes, path) -> None:
    try:
        view, offset = memoryview(data), 0
        while offset < len(data):
            offset += os.pwrite(fd, view[offset:], offset)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    except OSError as exc:
        raise PolicygapError(_("{path}: cannot write: {reason}").format(path=path, reason=exc.strerror or exc)) from None


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_end_the_run():
    """SIGTERM and SIGHUP (a killed job, a closed terminal) end the run as an
    exception would, so the staged file is removed and the file is left as
    it was. A handler someone else installed is left alone."""
    import signal

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    saved = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        try:
            if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:
                saved[sig] = signal.signal(sig, stop)
        except ValueError:  # not the main thread
            pass
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def open_for_edit(path: Path, *, wait: float | None = None, max_bytes: int | None = None):
    """Lock ``path`` and read it; yield an EditableFile. The lock holds until
    the block ends; a staged file not committed is removed."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    fd = _open_locked(path, real, LOCK_WAIT if wait is None else wait)
    edit = None
    try:
        with _signals_end_the_run():
            data = _read_all(fd, path, max_bytes)
            text, encoding, bom = _decode(data, path)
            edit = EditableFile(path, real, fd, data, text, encoding, bom)
            yield edit
    finally:
        if edit is not None:
            edit.discard()
        os.close(fd)


def _refuse(path, message: str) -> PolicygapError:
    return PolicygapError(f"{path}: {message}")


def _open_locked(path: Path, real: Path, wait: float) -> int:
    deadline = time.monotonic() + wait
    while True:
        _check_editable(path, real)
        try:
            fd = os.open(real, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
        except PermissionError:
            raise _refuse(path, _("is not writable by you; nothing was merged")) from None
        except OSError as exc:
            raise _refuse(path, _("cannot open for editing: {reason}").format(reason=exc.strerror or exc)) from None
        try:
            _lock(fd, path, deadline)
            locked, now = os.fstat(fd), os.stat(real)
        except BaseException:
            os.close(fd)
            raise
        if (locked.st_dev, locked.st_ino) == (now.st_dev, now.st_ino):
            return fd
        os.close(fd)  # another merge renamed a new file into place while we waited: lock that one


def _check_editable(path: Path, real: Path) -> None:
    import stat

    try:
        st = os.stat(real)
    except FileNotFoundError:
        raise _refuse(path, _("no such file") if not path.is_symlink()
                      else _("is a link to {target}, which does not exist").format(target=real)) from None
    except OSError as exc:
        raise _refuse(path, _("cannot open: {reason}").format(reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, _("is not a regular file; --merge edits a targets file"))
    if not st.st_mode & 0o222:
        raise _refuse(path, _("is read-only (mode {mode}); make it writable (chmod u+w) to merge into it; "
                              "nothing was merged").format(mode=oct(st.st_mode & 0o7777)[2:]))
    if not os.access(real, os.W_OK):
        raise _refuse(path, _("is not writable by you; nothing was merged"))


def _lock(fd: int, path, deadline: float) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, one merge at a time by hand
        return
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise _refuse(path, _("another policygap run is editing it; try again when it has "
                                      "finished")) from None
            time.sleep(0.05)
        except OSError:
            return  # a file system without locks: go on unlocked, as before


def _read_all(fd: int, path, limit: int | None) -> bytes:
    from ..targets_file import YAML_MAX_BYTES
    from ..textio import max_bytes

    limit = min(YAML_MAX_BYTES, max_bytes()) if limit is None else limit
    chunks, total = [], 0
    while True:
        chunk = os.pread(fd, 1 << 20, total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _refuse(path, _("file is larger than the limit of {limit} bytes").format(limit=f"{limit:,}"))
    return b"".join(chunks)


def _decode(data: bytes, path) -> tuple[str, str, bytes]:
    """Text with its line ends as they are, the encoding and the BOM; bytes
    that would not come back unchanged are refused."""
    from ..textio import decode

    _text, found = decode(data, path)  # the reader's checks and choice of encoding
    bom = _BOM if data.startswith(_BOM) else b""
    encoding = "utf-8" if found == "utf-8-sig" else found
    text = data[len(bom):].decode(encoding)
    if bom + text.encode(encoding) != data:
        raise _refuse(path, _("its bytes would not come back unchanged after decoding as {encoding}; save it "
                              "as UTF-8 to merge into it").format(encoding=encoding))
    return text, encoding, bom
