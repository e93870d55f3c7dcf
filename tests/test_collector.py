"""The garbage collector during the process stage (pipeline/common/collector.py): the heap that
exists when the stage starts is frozen, young collections are rarer, and both are undone after."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

from presswatch.common.collector import YOUNG_THRESHOLD, long_lived_heap, settle_loaded


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_heap_is_frozen_inside_and_handed_back_after() -> None:
    before_threshold = gc.get_threshold()
    gc.unfreeze()
    with long_lived_heap():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == max(YOUNG_THRESHOLD, before_threshold[0])
        with long_lived_heap():  # a stage inside a stage: nothing more happens, nothing undone
            assert gc.get_threshold()[0] == max(YOUNG_THRESHOLD, before_threshold[0])
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before_threshold


def test_garbage_made_during_the_stage_is_still_collected() -> None:
    with long_lived_heap():
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert alive() is None


def test_a_structure_settled_inside_the_stage_is_collectable_after_it() -> None:
    with long_lived_heap():
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        settle_loaded()  # frozen: a collection inside the stage leaves it
        del cycle
        gc.collect()
        assert alive() is not None
    gc.collect()  # unfrozen when the stage ended
    assert alive() is None


def test_settling_outside_a_stage_freezes_nothing() -> None:
    gc.unfreeze()
    settle_loaded()
    assert gc.get_freeze_count() == 0


def test_the_process_stage_runs_with_the_heap_frozen(tmp_path: Path, monkeypatch: Any) -> None:
    import presswatch.process.loop as loop

    seen: list[int] = []
    original = loop.cluster_articles

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold()[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(loop, "cluster_articles", spy)
    from presswatch.dataset import load_dataset
    from presswatch.store import open_database

    root = Path(__file__).resolve().parents[1] / "datasets" / "fb-messaging-integration"
    dataset = load_dataset(root)
    db = open_database(tmp_path / "empty.db")

    class Nothing:
        ahead, batch_size = 1, 32

        def submit(self, texts: list[str]) -> Any:
            return lambda: [(False, "unused") for _ in texts]

    before = gc.get_threshold()
    loop.process_pending(db, dataset, Nothing(), fetch_ids=[])
    assert seen == [max(YOUNG_THRESHOLD, before[0])]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
