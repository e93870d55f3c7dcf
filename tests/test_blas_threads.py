"""One BLAS thread for the tagger's products (pipeline/analyze/blas_threads.py): the count is
set inside the block and put back after it, and the tagger's outputs are the same bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from presswatch.analyze.blas_threads import (
    loaded_libraries,
    one_blas_thread,
    openblas_thread_controls,
)
from presswatch.analyze.tagger_lstm import _bilstm, bilstm, bilstm_weights
from thinc.api import LSTM, with_padded


def test_loaded_libraries_reads_the_maps_file(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text(
        "7f0-7f1 r-xp 00000000 fd:01 12 /usr/lib/libm.so.6\n"
        "7f1-7f2 r--p 00001000 fd:01 12 /usr/lib/libm.so.6\n"
        "7f2-7f3 rw-p 00000000 00:00 0 [heap]\n"
        "7f3-7f4 r-xp 00000000 fd:01 13 /opt/numpy.libs/libscipy_openblas64_-ab.so\n"
    )
    assert loaded_libraries(maps) == [
        "/opt/numpy.libs/libscipy_openblas64_-ab.so",
        "/usr/lib/libm.so.6",
    ]
    assert loaded_libraries(tmp_path / "missing") == []


def test_one_thread_inside_the_block_and_the_count_put_back_after() -> None:
    controls = openblas_thread_controls()
    if not controls:
        pytest.skip("numpy's BLAS here is not an OpenBLAS with thread controls")
    before = [get() for get, _set in controls]
    for _get, set_ in controls:
        set_(2)
    try:
        with one_blas_thread():
            assert [get() for get, _set in controls] == [1] * len(controls)
        assert [get() for get, _set in controls] == [2] * len(controls)
        with pytest.raises(RuntimeError), one_blas_thread():
            raise RuntimeError
        assert [get() for get, _set in controls] == [2] * len(controls)
    finally:
        for count, (_get, set_) in zip(before, controls):
            set_(count)


def test_the_tagger_lstm_gives_the_same_bits_on_one_thread_as_on_several() -> None:
    # products large enough for OpenBLAS to split them over threads (48 pieces × 128 × 512)
    layer = with_padded(LSTM(nO=256, nI=96, bi=True, depth=1))
    rng = numpy.random.default_rng(3)
    layer.initialize(X=[rng.standard_normal((3, 96)).astype("float32")])
    lstm = layer.layers[0]
    lstm.set_param("LSTM", rng.standard_normal(lstm.get_param("LSTM").shape).astype("float32"))
    weights = bilstm_weights(layer)
    pieces = [rng.standard_normal((n, 96)).astype("float32") for n in range(40, 88)]
    controls = openblas_thread_controls()
    before = [get() for get, _set in controls]
    for count, (_get, set_) in zip(before, controls):
        set_(max(count, 2))
    try:
        threaded = _bilstm(pieces, weights)
    finally:
        for count, (_get, set_) in zip(before, controls):
            set_(count)
    single = bilstm(pieces, weights)
    assert all(numpy.array_equal(a, b) for a, b in zip(single, threaded))
