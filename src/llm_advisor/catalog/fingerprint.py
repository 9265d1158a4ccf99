"""The cache key of a catalogue, and where its cache files are: cheap to import (os and hashlib
only), so that shell completion can find the names list without loading anything else."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from . import paths

FORMAT = 2
PICKLED_MODULES = ("base.py", "records.py", "results.py", "policy.py", "catalog/catalog.py")
"""The modules whose classes the cache pickles (paths inside the package)."""
PACKAGE = Path(__file__).resolve().parents[1]


def _entries(folder: str, prefix: str) -> Iterable[str]:
    """(relative name, size, mtime) of the .toml files in a folder, via one scandir."""
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.endswith(".toml") and e.is_file():
                    st = e.stat()
                    yield f"{prefix}{e.name}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return


def _code_stamp() -> str:
    """Size and mtime of the modules whose classes are pickled, so a changed type (an editable
    install, or a reinstall without a version bump) never meets a cache of the old shape."""
    parts = []
    for module in PICKLED_MODULES:
        try:
            st = os.stat(PACKAGE / module)
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("?")
    return ":".join(parts)


def fingerprint(roots: list[Path]) -> str:
    """The cache key of a catalogue made of these directories, as they are now."""
    import hashlib

    h = hashlib.sha256(f"{FORMAT}:{__version__}:{_code_stamp()}".encode())
    for root in roots:
        base = str(root.resolve())
        h.update(f"\0root:{base}".encode(errors="surrogateescape"))
        if not root.is_dir():
            h.update(b"\0missing")
            continue
        parts = sorted(_entries(base, ""))
        parts += sorted(_entries(os.path.join(base, "hosts"), "hosts/"))
        models = os.path.join(base, "models")
        parts += sorted(_entries(models, "models/"))
        try:
            labs = sorted(e.name for e in os.scandir(models) if e.is_dir())
        except OSError:
            labs = []
        for lab in labs:
            parts += sorted(_entries(os.path.join(models, lab), f"models/{lab}/"))
        h.update("\0".join(parts).encode(errors="surrogateescape"))
    return h.hexdigest()[:32]


def cache_paths(cache_dir: Path, overlays: list[Path]) -> tuple[Path, Path]:
    """The pickle of the catalogue the overlays make, as it is now, and its names list."""
    key = fingerprint([paths.builtin_catalog_dir(), *overlays])
    return cache_dir / f"llm-advisor-catalog-{key}.pickle", cache_dir / f"llm-advisor-names-{key}.txt"


def cached_names(overlays: Iterable[Path | str], *, cache_dir: Path) -> list[str] | None:
    """The names (ids, aliases, families) of the catalogue these overlays make, from beside its
    cache; None when no cache of the catalogue as it is now exists."""
    _, names = cache_paths(cache_dir, [Path(p) for p in overlays])
    try:
        return names.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
