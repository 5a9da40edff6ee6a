"""The rebuildable-file cache: a hit skips the build, a miss or a damaged file rebuilds, off means off."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from replylint.cache import cache_dir, cache_key, cached_file


class Built:
    """A stand-in for an index: records whether it was built or loaded."""

    def __init__(self) -> None:
        self.value: list[int] | None = None
        self.builds = 0

    def build(self) -> None:
        self.builds += 1
        self.value = [1, 2, 3]

    def load(self, path: Path) -> bool:
        self.value = pickle.loads(path.read_bytes())
        return True

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self.value))

    def run(self, key: str = "k1") -> None:
        cached_file("thing", key, self.load, self.build, self.save)


def test_second_run_loads_instead_of_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path))
    first, second = Built(), Built()
    first.run()
    second.run()
    assert (first.builds, second.builds) == (1, 0)
    assert second.value == [1, 2, 3]
    assert [p.name for p in tmp_path.iterdir()] == ["thing-k1.pickle"]


def test_a_new_key_rebuilds_and_replaces_the_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path))
    Built().run("old")
    fresh = Built()
    fresh.run("new")
    assert fresh.builds == 1
    assert [p.name for p in tmp_path.iterdir()] == ["thing-new.pickle"]


def test_a_damaged_file_is_rebuilt_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k1.pickle").write_bytes(b"\x80\x05not a pickle")
    thing = Built()
    thing.run()
    assert thing.builds == 1 and thing.value == [1, 2, 3]
    again = Built()
    again.run()
    assert again.builds == 0  # the rebuilt file replaced the damaged one


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    assert cache_dir() is None
    thing = Built()
    thing.run()
    assert thing.builds == 1 and list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(blocker / "cache"))
    thing = Built()
    thing.run()
    assert thing.builds == 1 and thing.value == [1, 2, 3]


def test_keys_differ_when_any_part_differs() -> None:
    assert cache_key("symspellpy 6.9", 2, 7) != cache_key("symspellpy 6.10", 2, 7)
    assert cache_key("a", 1) == cache_key("a", 1)


def test_the_speller_index_round_trips_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A speller whose index came from the cache suggests exactly what a freshly built one does."""
    from replylint.spelling import Speller

    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path))
    built, loaded = Speller(), Speller()
    words = ["recieved", "acount", "pasword", "definately", "adress"]
    before = [built.suggest(w) for w in words]
    assert len(list(tmp_path.glob("symspell-*.pickle"))) == 1
    after = [loaded.suggest(w) for w in words]
    assert after == before
    assert before[0] is not None and before[0].word == "received"
