"""One BLAS thread for the attribution tagger's many small matrix products.

numpy's OpenBLAS splits a matrix product over every core once it is larger than about 260,000
multiply-adds. Each step of the tagger's BiLSTM (tagger_lstm.py) is a product of that size (2
directions × the active pieces × 128 × 512), thousands of them per batch, each far too short
for the split to pay: OpenBLAS's helper thread wakes for every one and spins between them, and on
a 2-core machine it takes the core that the NLP thread and the process stage's writer need. With
one thread the presswatch components on 40 synthetic articles took 7.1 CPU seconds instead of
10.4 (the BiLSTM 0.2 s instead of 1.8), and the rest of the model ran faster too.

OpenBLAS divides a product between threads by rows and columns, never along the summed
dimension, so each value is summed in the same order either way: the analyses are the same bit
for bit (PolNeAR dev, both datasets' fixture pages, synthetic articles; tests/test_blas_threads.py).
Another BLAS (MKL, Accelerate), or an OpenBLAS whose controls are not found, is left as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
from collections.abc import Callable, Iterator
from pathlib import Path

# (get, set) thread-count functions, by the names the OpenBLAS builds export: numpy's wheels
# bundle scipy-openblas with its symbols prefixed (and suffixed 64_ for 64-bit integers).
_CONTROL_NAMES = [
    (f"{prefix}_get_num_threads{suffix}", f"{prefix}_set_num_threads{suffix}")
    for prefix in ("scipy_openblas", "openblas")
    for suffix in ("64_", "")
]


def loaded_libraries(maps: Path = Path("/proc/self/maps")) -> list[str]:
    """Paths of the shared libraries this process has loaded (Linux; empty elsewhere)."""
    try:
        text = maps.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return sorted({line.split()[-1] for line in text.splitlines() if ".so" in line.split()[-1]})


@functools.lru_cache(maxsize=1)
def openblas_thread_controls() -> tuple[tuple[Callable[[], int], Callable[[int], None]], ...]:
    """(get, set) of the thread count of every OpenBLAS loaded when first asked, numpy's among
    them (scipy brings its own copy: the block limits both). Opening an already loaded
    library hands back the same copy, so these control the ones in use."""
    import numpy  # noqa: F401  (loads numpy's BLAS, so that it is in the list)

    controls = []
    for path in loaded_libraries():
        if "openblas" not in Path(path).name.lower():
            continue
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for get_name, set_name in _CONTROL_NAMES:
            get, set_ = getattr(library, get_name, None), getattr(library, set_name, None)
            if get is not None and set_ is not None:
                get.restype, get.argtypes = ctypes.c_int, []
                set_.restype, set_.argtypes = None, [ctypes.c_int]
                controls.append((get, set_))
                break
    return tuple(controls)


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's matrix products on the calling thread only, for the duration of the block. The
    count is the process's: another thread's products inside the block are not split either."""
    limited = [(get(), set_) for get, set_ in openblas_thread_controls()]
    limited = [(before, set_) for before, set_ in limited if before != 1]
    for _before, set_ in limited:
        set_(1)
    try:
        yield
    finally:
        for before, set_ in limited:
            set_(before)
