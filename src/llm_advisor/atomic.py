"""Writing files so that readers never see half of one, and nothing is destroyed.

``write_atomic`` replaces a **regular file** (or creates one) through a temporary file beside
it and a rename, keeping the existing file's permissions (a new file gets the umask's); it
writes *through* a symbolic link to the file the link names, and refuses anything else that is
not a regular file (a device, a FIFO, a socket: renaming over one would replace, say,
``/dev/null`` for the whole system), raising ``NotRegularFile`` for the caller to word.

Temporary files are named ``.<name>.<random>.tmp``; a signal that arrives while one exists
unwinds through the cleanup (the CLI turns SIGINT, SIGTERM and SIGHUP into exceptions, and the
moment of creation is shielded from them), and ``remove_stale`` deletes the ones a killed run
(SIGKILL, a power cut) left behind once they are an hour old.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

STALE_SECONDS = 3600
"""A temporary file this old belongs to a run that is gone."""
_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None)


class NotRegularFile(OSError):
    """The path names something other than a regular file (what it is, in ``kind``)."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: is {kind}, not a regular file")
        self.path = path
        self.kind = kind


def file_kind(mode: int) -> str:
    """'a directory', 'a FIFO', 'a character device', ... for a stat mode."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP while a temporary file comes into being and is
    registered for cleanup, so that no signal lands between the two."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


Data = str | bytes | Callable[[BinaryIO], object]


@contextlib.contextmanager
def _temporary(target: Path, data: Data, mode: int) -> Iterator[str]:
    """A temporary file beside ``target`` holding ``data`` (synced, with ``mode``), for the
    caller to move into place; removed on the way out whatever happened (a signal included),
    unless the caller renamed it away."""
    tmp = ""
    try:
        with _signals_held():
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            if callable(data):
                data(fh)
            else:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        yield tmp
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_atomic(path: Path, data: Data) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    ``data`` may be a function that writes to the open file, so large outputs (the catalogue
    cache) stream to disk instead of being built in memory first.

    On any failure (a signal included) the temporary file is removed and ``path`` is
    untouched; ``NotRegularFile`` when ``path`` (or what a link names) is not a regular file;
    other OSErrors propagate for the caller to word.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    else:
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(Path(path), file_kind(st.st_mode))
        mode = stat.S_IMODE(st.st_mode)
    with _temporary(target, data, mode) as tmp:
        os.replace(tmp, target)
    with contextlib.suppress(OSError):  # what a killed earlier write of this file left
        remove_stale(target.parent, _temporaries_of(target.name), now=os.stat(target).st_mtime)


def _temporaries_of(name: str) -> re.Pattern[str]:
    """The names ``mkstemp`` gives this module's temporary files for ``name``."""
    return re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]+\.tmp")


def create_new(path: Path, data: str) -> None:
    """Create ``path`` with ``data``, atomically and only if it does not exist: the content is
    written to a temporary file, then linked into place (``FileExistsError`` when something is
    already there, even if it appeared a moment ago)."""
    with _temporary(path, data, 0o666 & ~_umask()) as tmp:
        os.link(tmp, path)  # fails if path exists: no check-then-write race


def remove_stale(folder: Path, names: re.Pattern[str], *, now: float) -> None:
    """Delete temporary files in ``folder`` whose names match ``names`` and that are older than
    ``STALE_SECONDS`` before ``now`` (left by a run that was killed); nothing else is touched.
    ``now`` is the file system's own time (the modification time of a file just written), so
    no clock is read."""
    limit = now - STALE_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not names.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_mtime < limit:
                os.unlink(entry.path)


class TooLarge(OSError):
    """A file holds more than the limit (found by reading, not by the size the kernel reports,
    which is 0 for ``/dev/zero`` and a lie for a sparse file)."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path}: larger than {limit:,} bytes")
        self.path = path
        self.limit = limit


def read_limited(path: Path, limit: int, *, regular_only: bool = False) -> bytes:
    """At most ``limit`` bytes of ``path``; ``TooLarge`` when there are more, whatever the file
    says its size is.  A FIFO is opened without waiting for a writer (with none, it reads as
    empty); ``regular_only`` refuses anything but a regular file (``NotRegularFile``)."""
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode) or (regular_only and not stat.S_ISREG(st.st_mode)):
        raise NotRegularFile(path, file_kind(st.st_mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # the open did not wait; the reads may (a pipe's writer)
        st = os.fstat(fd)
        if regular_only and not stat.S_ISREG(st.st_mode):  # swapped since the stat above
            raise NotRegularFile(path, file_kind(st.st_mode))
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(path, limit)
    return data


class Unreadable(ValueError):
    """A file that could not be read as text, with the reason in words (``reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_text(path: Path, limit: int, what: str) -> str:
    """The UTF-8 text of ``path`` (at most ``limit`` bytes, as ``read_limited`` reads them), or
    ``Unreadable`` saying why not; ``what`` ends the reasons that a user fixes by giving another
    file ("a policy is a TOML file")."""
    try:
        raw = read_limited(path, limit)
    except NotRegularFile as exc:
        raise Unreadable(f"is {exc.kind}; {what}") from None
    except TooLarge:
        raise Unreadable(f"larger than {limit:,} bytes; {what}") from None
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(f"not UTF-8 text; {what}") from None
