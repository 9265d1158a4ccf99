"""Writing files so that readers never see half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: str | bytes | Callable[[BinaryIO], object]) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    ``data`` may be a function that writes to the open file, so large outputs (the catalogue
    cache) stream to disk instead of being built in memory first.

    On any failure (including Ctrl-C) the temporary file is removed and ``path`` is untouched;
    OSError propagates for the caller to word.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
