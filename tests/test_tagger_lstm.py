"""The attribution tagger's numpy LSTM (pipeline/analyze/tagger_lstm.py) against thinc's."""

from __future__ import annotations

import numpy
import pytest
from presswatch.analyze.tagger_lstm import bilstm, bilstm_weights
from thinc.api import LSTM, with_padded


def _layer(seed: int, inputs: int = 12, width: int = 8, bi: bool = True, depth: int = 1):
    layer = with_padded(LSTM(nO=2 * width if bi else width, nI=inputs, bi=bi, depth=depth))
    rng = numpy.random.default_rng(seed)
    layer.initialize(X=[rng.standard_normal((3, inputs)).astype("float32")])
    lstm = layer.layers[0]
    # random biases and initial states too, so every term of the formulas is exercised
    lstm.set_param("LSTM", rng.standard_normal(lstm.get_param("LSTM").shape).astype("float32"))
    lstm.set_param("HC0", rng.standard_normal(lstm.get_param("HC0").shape).astype("float32"))
    return layer, rng


def test_bilstm_gives_thincs_outputs() -> None:
    layer, rng = _layer(0)
    pieces = [rng.standard_normal((n, 12)).astype("float32") for n in (5, 1, 130, 7, 7, 64)]
    expected = layer.predict(pieces)
    got = bilstm(pieces, bilstm_weights(layer))
    assert [g.shape for g in got] == [e.shape for e in expected]
    for g, e in zip(got, expected):
        numpy.testing.assert_allclose(g, e, atol=1e-5)


def test_a_pieces_outputs_do_not_depend_on_the_pieces_read_with_it() -> None:
    # nlp.pipe batches must not change a text's analysis: bit for bit, not only nearly
    layer, rng = _layer(1)
    weights = bilstm_weights(layer)
    pieces = [rng.standard_normal((n, 12)).astype("float32") for n in (1, 40, 3, 200, 2, 71)]
    together = bilstm(pieces, weights)
    for piece, output in zip(pieces, together):
        assert numpy.array_equal(bilstm([piece], weights)[0], output)
    assert all(numpy.array_equal(a, b) for a, b in zip(bilstm(pieces[2:], weights), together[2:]))


@pytest.mark.parametrize("bi, depth", [(False, 1), (True, 2)])
def test_other_lstms_are_left_to_thinc(bi: bool, depth: bool) -> None:
    layer, _rng = _layer(2, bi=bi, depth=depth)
    assert bilstm_weights(layer) is None
