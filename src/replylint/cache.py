"""Files replylint can rebuild but would rather not: today, the speller's SymSpell index.

Building the index takes 2-3 s at every start-up; reading it back takes about half a
second. The cache lives in the user's cache folder (``~/.cache/replylint`` on Linux),
or in ``REPLYLINT_CACHE_DIR``; ``REPLYLINT_NO_CACHE=1`` turns it off. A file whose key
no longer matches (another symspellpy, another dictionary) is ignored and rewritten.
Nothing in it comes from customer text: only lexicons that ship with the packages.
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

FORMAT = "1"  # bump when what a cached file holds changes shape


def cache_dir() -> Path | None:
    """The folder for cached files, or None when caching is off."""
    if os.environ.get("REPLYLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    override = os.environ.get("REPLYLINT_CACHE_DIR", "").strip()
    return Path(override) if override else Path(platformdirs.user_cache_dir("replylint"))


def cache_key(*parts: object) -> str:
    """A short digest of everything the cached file depends on."""
    return hashlib.sha256("\0".join([FORMAT, *map(str, parts)]).encode()).hexdigest()[:16]


@contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of small objects are built at once; the collector would walk them all, repeatedly."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def cached_file(name: str, key: str, load: Callable[[Path], bool], build: Callable[[], None],
                save: Callable[[Path], None]) -> None:
    """Load ``name`` from the cache when its key matches; otherwise build it and try to save it.

    A cache that cannot be read or written (read-only home, full disk) only costs the build.
    """
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle" if folder else None
    with _no_gc():
        if path is not None and path.is_file():
            try:
                if load(path):
                    return
            except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
                pass
        build()
    if path is not None:
        _save(path, name, save)


def _save(path: Path, name: str, save: Callable[[Path], None]) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        save(Path(tmp))
        os.replace(tmp, path)  # atomic: a reader never sees half a file
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
