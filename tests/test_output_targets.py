"""Where --output may point, and what happens there.

A regular file (or a new path) is replaced atomically; a device, a FIFO or a
descriptor (/dev/stdout) is written straight, never replaced by a file; a
symbolic link is followed and stays a link; a full disk, a directory, an
empty name, a closed stdout are errors with exit code 2; SIGTERM and SIGHUP
during a write leave no temporary file behind.

The device cases use device nodes made under a temporary folder (os.mknod,
which needs root); they are skipped where that is not allowed.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from conftest import MINI_BASELINES, REPO, plain


# Messages in English, the language the assertions are written in (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("english")



# `required` needs no data files: the cheapest command that writes output.
REQUIRED = ["required", "473", "600", "--from", "2022", "--to", "2025", "--format", "csv"]
# The csv starts with its header (the columns themselves are tested elsewhere).
FIRST_LINE = b"period,years,"


def _device(tmp_path: Path, name: str, major: int, minor: int) -> Path:
    path = tmp_path / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


def _only(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


def test_a_new_file_and_a_regular_file_are_written(run, tmp_path):
    out = tmp_path / "path.csv"
    r = run(*REQUIRED, "-o", out)
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_bytes().startswith(FIRST_LINE)
    out.write_bytes(b"old")
    out.chmod(0o640)
    assert run(*REQUIRED, "-o", out).exit_code == 0
    assert out.read_bytes().startswith(FIRST_LINE)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert _only(tmp_path) == ["path.csv"]


def test_dev_null_stays_a_device(run, tmp_path):
    null = _device(tmp_path, "null", 1, 3)
    r = run(*REQUIRED, "-o", null)
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert _only(tmp_path) == ["null"]


def test_xlsx_to_a_device_is_written_through(run, tmp_path, data):
    null = _device(tmp_path, "null", 1, 3)
    t, b = data()
    r = run("status", "anshan", "--as-of", "2024-06", "--format", "xlsx", "-o", null, "--targets", t,
            "--baselines", b)
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISCHR(null.stat().st_mode)
    assert _only(tmp_path) == ["baselines.csv", "null", "targets.yaml"]


def test_a_full_device_is_an_error(run, tmp_path):
    full = _device(tmp_path, "full", 1, 7)
    r = run(*REQUIRED, "-o", full)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{full}: cannot write: ")  # then the system's reason (no space left)
    assert len(plain(r.stderr).splitlines()) == 1
    assert stat.S_ISCHR(full.stat().st_mode)
    assert _only(tmp_path) == ["full"]


def test_a_symlink_is_followed_and_kept(run, tmp_path):
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    assert run(*REQUIRED, "-o", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert real.read_bytes().startswith(FIRST_LINE)
    # a link whose target does not exist yet: the target is created, the link stays
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to("new.csv")
    assert run(*REQUIRED, "-o", dangling).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "new.csv").read_bytes().startswith(FIRST_LINE)
    assert _only(tmp_path) == ["dangling.csv", "link.csv", "new.csv", "real.csv"]


def test_a_fifo_is_written_not_replaced(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = run(*REQUIRED, "-o", fifo)
    reader.join(timeout=300)
    assert r.exit_code == 0, r.stderr
    assert got and got[0].startswith(FIRST_LINE)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert _only(tmp_path) == ["pipe"]


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_are_stdout(run, tmp_path, name):
    r = run(*REQUIRED, "-o", name)
    assert r.exit_code == 0
    assert r.stdout.encode().startswith(FIRST_LINE)
    assert not Path("-").exists()


def test_a_read_only_file_is_refused_as_the_shell_refuses_it(run, tmp_path):
    """Last quarter's 台账 made read-only to protect it: the shell's > will not
    write it, and neither does -o (its rename would replace the file
    whatever its mode). Root may write any file, with > as with -o, so as
    root the rule is tested in a child process that gives up root."""
    if os.geteuid() != 0:
        out = tmp_path / "ro.csv"
        out.write_bytes(b"keep")
        out.chmod(0o444)
        r = run(*REQUIRED, "-o", out)
        assert r.exit_code == 2
        assert plain(r.stderr).startswith(f"{out}: is read-only")
        assert out.read_bytes() == b"keep" and _only(tmp_path) == ["ro.csv"]
        return
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        folder.chmod(0o777)
        out = folder / "ro.csv"
        out.write_bytes(b"keep")
        out.chmod(0o444)
        pid = os.fork()
        if pid == 0:  # the child: nobody, then policygap in-process
            code = 99
            try:
                os.setgid(65534)
                os.setuid(65534)
                r = run(*REQUIRED, "-o", out)
                code = r.exit_code if plain(r.stderr).startswith(f"{out}: is read-only") else 98
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 2
        assert out.read_bytes() == b"keep" and sorted(p.name for p in folder.iterdir()) == ["ro.csv"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_directory_is_refused(run, tmp_path):
    before = _only(tmp_path)
    r = run(*REQUIRED, "-o", tmp_path)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"{tmp_path}: is a directory; name a file to write"]
    assert _only(tmp_path) == before


def test_an_empty_name_is_refused(run, tmp_path):
    r = run(*REQUIRED, "-o", "")
    assert r.exit_code == 2
    assert "needs a file name" in plain(r.stderr)


def test_a_missing_folder_is_named(run, tmp_path):
    out = tmp_path / "no" / "such" / "out.csv"
    r = run(*REQUIRED, "-o", out)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"{out}: cannot write: folder {out.parent} does not exist"]


def test_a_path_through_a_file_is_named(run, tmp_path):
    (tmp_path / "file").write_bytes(b"x")
    out = tmp_path / "file" / "out.csv"
    r = run(*REQUIRED, "-o", out)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"{out}: cannot write: a folder on the way is a file"]


# --------------------------------------------------------------------------
# The real process: descriptors, full disks, signals


def _bash(script: str, cwd, env=None, timeout=60, namespace=False):
    """Run ``script``; with ``namespace`` in a private mount namespace, so
    that what it mounts is seen by nothing else and goes when it ends."""
    prefix = ["unshare", "--mount", "--propagation", "private"] if namespace else []
    return subprocess.run([*prefix, "bash", "-c", script], cwd=cwd, capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


PG = f"{sys.executable} -m policygap " + " ".join(REQUIRED)


def test_dev_stdout_appends_where_the_shell_appends(tmp_path):
    """`>> log` with -o /dev/stdout: written to the shell's descriptor (appended),
    never a new file renamed over the log."""
    log = tmp_path / "log"
    log.write_bytes(b"earlier\n")
    p = _bash(f"{PG} -o /dev/stdout >> log", tmp_path, timeout=300)
    assert p.returncode == 0, p.stderr
    data = log.read_bytes()
    assert data.startswith(b"earlier\n" + FIRST_LINE)
    assert data.count(FIRST_LINE) == 1


def test_closed_and_full_stdout_and_closed_stderr(tmp_path, data):
    """One shell, several cases (each line: case=exit code). An output
    written by policygap (`required`), an echo at the end of a run
    (`--version`, as `validate` prints its summary), bad input with stderr
    closed, and a usage mistake with nothing open."""
    t, b = data(baselines=MINI_BASELINES.replace("495", "49x"))
    pg = f"{sys.executable} -m policygap"
    script = f"""
        {PG} >&- 2>closed.err; echo "closed=$?"
        {PG} > /dev/full 2>full.err; echo "full=$?"
        {pg} --version > /dev/full 2>echo.err; echo "echo_full=$?"
        {pg} validate --targets {t} --baselines {b} 2>&-; echo "bad_input_no_stderr=$?"
        {pg} status --format nonsense 2>&- >&-; echo "usage_nothing_open=$?"
    """
    p = _bash(textwrap.dedent(script), tmp_path, timeout=600)
    codes = dict(line.split("=") for line in p.stdout.decode().split() if "=" in line)
    assert codes == {"closed": "2", "full": "2", "echo_full": "2", "bad_input_no_stderr": "2",
                     "usage_nothing_open": "2"}, p.stdout
    assert (tmp_path / "closed.err").read_text() == "cannot write to standard output: standard output is closed\n"
    for name in ("full.err", "echo.err"):
        text = (tmp_path / name).read_text()
        assert text.startswith("cannot write to standard output: ") and len(text.splitlines()) == 1, text


def test_write_stdout_reports_a_failed_write(monkeypatch):
    """In-process: stdout on a full device gives the error, and stdout is
    then pointed at /dev/null so that the interpreter's last flush is quiet."""
    import io

    import importlib

    from policygap.errors import PolicygapError

    app_module = importlib.import_module("policygap.cli.app")  # the module, not the Typer app it exports

    class Full(io.RawIOBase):
        def writable(self):
            return True

        def write(self, _data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(Full())))
    monkeypatch.setattr(app_module, "silence_stdout", lambda: None)  # keep pytest's own descriptor 1
    with pytest.raises(PolicygapError) as caught:
        app_module.write_stdout(b"x" * 10)
    assert str(caught.value) == "cannot write to standard output: No space left on device"


def _can_unshare() -> bool:
    try:
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True,
                              timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def test_a_full_disk_is_an_error_and_the_old_file_stays(tmp_path):
    """A 16 KiB file system in a private mount namespace: the output does not
    fit; the error names the file, exit 2, the previous file is intact and no
    temporary file is left."""
    if not _can_unshare():
        pytest.skip("no private mount namespace here (needs unshare -m as root)")
    small = tmp_path / "small"
    small.mkdir()
    script = f"""
        set -e
        mount -t tmpfs -o size=16k tmpfs {small}
        printf old > {small}/out.csv
        set +e
        {sys.executable} -m policygap required 473 600000 --from 1900 --to 2200 --format csv -o {small}/out.csv 2> {tmp_path}/err
        echo "exit=$?"
        cat {small}/out.csv; echo
        ls -a {small}
        umount {small}
    """
    p = _bash(script, tmp_path, namespace=True, timeout=300)
    out = p.stdout.decode().split("\n")
    assert out[0] == "exit=2", (p.stdout, p.stderr, (tmp_path / "err").read_text())
    assert out[1] == "old"
    assert sorted(out[2:]) == ["", ".", "..", "out.csv"]
    err = (tmp_path / "err").read_text()
    assert err.startswith(f"{small}/out.csv: cannot write: ") and len(err.splitlines()) == 1


# A policygap run whose writing of the temporary file stalls half-way, so
# that a signal arrives while the .part file exists.
SLOW_WRITER = """
import pathlib, sys, time
real = pathlib.Path.write_bytes
def slow(self, data):
    if self.name.endswith(".part"):
        with open(self, "wb") as f:
            f.write(data[: len(data) // 2])
        print("writing", flush=True)
        time.sleep(60)
    return real(self, data)
pathlib.Path.write_bytes = slow
sys.argv = ["policygap", *sys.argv[1:]]
from policygap.cli import main
main()
"""


def _default_signals():
    """The child starts with the default actions even when the tests run
    under nohup (SIGHUP ignored, which policygap rightly keeps ignoring)."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path, signum):
    out = tmp_path / "台账.csv"
    out.write_bytes(b"old")
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, *REQUIRED, "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
                            preexec_fn=_default_signals)
    try:
        assert proc.stdout.readline() == b"writing\n"
        assert any(p.name.endswith(".part") for p in tmp_path.iterdir())
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=60)  # read while waiting: a full stderr pipe cannot stall it
    finally:
        proc.kill()
    assert proc.returncode == -signum, err.decode(errors="replace")  # ended by the signal, as the caller asked
    assert _only(tmp_path) == ["台账.csv"]
    assert out.read_bytes() == b"old"


def test_a_signal_before_any_output_ends_the_run_by_default(tmp_path):
    """Outside a write the signals keep their default action (nothing to clean)."""
    from policygap import textio

    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    with textio.atomic_path(tmp_path / "x.csv") as tmp:
        assert signal.getsignal(signal.SIGTERM) is not before[signal.SIGTERM]
        tmp.write_bytes(b"x")
    assert {s: signal.getsignal(s) for s in before} == before
    assert (tmp_path / "x.csv").read_bytes() == b"x"


def test_terminated_inside_a_write_removes_the_temporary_file(tmp_path):
    from policygap import textio

    out = tmp_path / "out.csv"
    out.write_bytes(b"old")
    with pytest.raises(textio.Terminated):
        with textio.atomic_path(out) as tmp:
            tmp.write_bytes(b"half")
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler raises long before this ends
    assert _only(tmp_path) == ["out.csv"] and out.read_bytes() == b"old"


def test_a_block_device_is_refused(run, tmp_path):
    block = tmp_path / "disk"
    try:
        os.mknod(block, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    r = run(*REQUIRED, "-o", block)
    assert r.exit_code == 2
    assert plain(r.stderr).splitlines() == [f"{block}: is a block device; policygap writes files, character devices "
                                     "(/dev/null), FIFOs and standard output"]
    assert stat.S_ISBLK(block.stat().st_mode)


@pytest.mark.parametrize("name, magic", [("台账.xlsx", b"PK\x03\x04"), ("台账.csv", b"region,"), ("台账.json", b"[")])
def test_the_file_name_chooses_the_format_when_none_is_given(run, data, tmp_path, name, magic):
    """`status anshan -o 台账.xlsx` wrote a text table that Excel refuses to
    open; the extension now chooses the format when --format is not given."""
    t, b = data()
    out = tmp_path / name
    r = run("status", "anshan", "--as-of", "2024-06", "--targets", t, "--baselines", b, "-o", out)
    assert r.exit_code == 0
    assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("fmt, name, hint", [("xlsx", "台账.csv", "台账.xlsx"), ("csv", "台账.xlsx", "台账.csv"),
                                             ("text", "台账.json", "台账.txt")])
def test_a_format_that_contradicts_the_file_name_is_refused(run, data, tmp_path, fmt, name, hint):
    t, b = data()
    for command in ("status", "check"):
        r = run(command, "anshan", "--targets", t, "--baselines", b, "--format", fmt, "-o", tmp_path / name)
        assert r.exit_code == 2
        assert plain(r.stderr).splitlines() == [
            f"--format {fmt} does not write a {Path(name).suffix} file: name the file {hint}, or leave out --format"]
    assert _only(tmp_path) == ["baselines.csv", "targets.yaml"]
