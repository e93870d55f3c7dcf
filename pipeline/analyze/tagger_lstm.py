"""The attribution tagger's bidirectional LSTM at prediction time, in numpy.

thinc runs an LSTM on the CPU one direction and one time step at a time, with a scalar
`expf`/`tanhf` per gate value: on news, where the tagger reads most paragraphs, that was 90% of
the component's time. Here both directions advance together (each piece's backward direction
reads the piece reversed, so at step t the same pieces are active in both), a step is a few
whole-array numpy operations over every active piece, and the sigmoid gates are computed as
tanh(x/2) (their weights halved once, which is exact), so one vectorised tanh serves all four
gates. Same weights, same formulas; the float rounding differs from thinc's in the last digits
(below 1e-5 on the hidden states), which changed no tag on PolNeAR dev nor on the benchmarks'
articles (README figures).

Each piece's result does not depend on the other pieces read with it (nlp.pipe batches must
not change a text's analysis): every matrix product has at least two rows, because a one-row
product goes to another BLAS routine (a matrix-vector product) that sums in another order.
Training does not come here: it runs thinc's own LSTM, with its gradients.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from thinc.api import Model

from .blas_threads import one_blas_thread

BLOCK = 64  # time steps whose input projections are computed together


@dataclass(frozen=True)
class BiLSTMWeights:
    """One bidirectional layer's weights, laid out for `bilstm` (gates f, i, o, c by block)."""

    inputs: numpy.ndarray  # (nI, 2 * 4H): both directions' input weights, sigmoid gates halved
    bias: numpy.ndarray  # (2 * 4H,): input and hidden biases summed, sigmoid gates halved
    hidden: numpy.ndarray  # (2, H, 4H): each direction's hidden-to-gates weights, transposed
    h0: numpy.ndarray  # (2, H) initial hidden state of each direction
    c0: numpy.ndarray  # (2, H) initial cell state


def bilstm_weights(layer: Model) -> BiLSTMWeights | None:
    """The weights of `with_padded(LSTM(bi=True, depth=1))`, or None for any other layer (then
    thinc runs it). Read again on every call: a few small arrays, and training changes them."""
    if layer.name != "with_padded(lstm)":
        return None
    lstm = layer.layers[0]
    if lstm.get_dim("depth") != 1 or lstm.get_dim("dirs") != 2 or not lstm.has_param("LSTM"):
        return None
    params, hc0 = lstm.get_param("LSTM"), lstm.get_param("HC0")
    width, inputs = hc0.shape[-1], lstm.get_dim("nI")
    gates = 4 * width
    if params.size != 2 * gates * (width + inputs) + 2 * 2 * gates:
        return None
    # thinc's layout, per direction: Wx (4H, nI), bx (4H), Wh (4H, H), bh (4H); gate blocks f,
    # i, o (sigmoid) and c (tanh) in that order (thinc.backends.numpy_ops._split_weights).
    half = numpy.ones(gates, dtype="float32")
    half[: 3 * width] = 0.5  # sigmoid(x) = (tanh(x / 2) + 1) / 2
    w_in, biases, w_hidden = [], [], []
    start = 0
    for _direction in range(2):
        w_x = params[start : start + gates * inputs].reshape(gates, inputs)
        start += gates * inputs
        b_x = params[start : start + gates]
        start += gates
        w_h = params[start : start + gates * width].reshape(gates, width)
        start += gates * width
        b_h = params[start : start + gates]
        start += gates
        w_in.append(w_x.T * half)
        biases.append((b_x + b_h) * half)
        w_hidden.append(w_h.T * half)
    # thinc's lstm_forward_training(params, c_init, h_init, …) is handed (H0, C0) in that order,
    # so HC0[1] starts the hidden state and HC0[0] the cell (both zeros when trained by thinc)
    return BiLSTMWeights(
        numpy.ascontiguousarray(numpy.concatenate(w_in, axis=1), dtype="float32"),
        numpy.concatenate(biases).astype("float32"),
        numpy.ascontiguousarray(numpy.stack(w_hidden), dtype="float32"),
        numpy.array(hc0[1, 0], dtype="float32"),
        numpy.array(hc0[0, 0], dtype="float32"),
    )


def bilstm(pieces: Sequence[numpy.ndarray], weights: BiLSTMWeights) -> list[numpy.ndarray]:
    """Each piece's (length, 2H) outputs: forward states then backward states per token, as
    thinc's with_padded(LSTM(bi=True)) returns them. Pieces must not be empty."""
    with one_blas_thread():  # thousands of small products: see blas_threads.py
        return _bilstm(pieces, weights)


def _bilstm(pieces: Sequence[numpy.ndarray], weights: BiLSTMWeights) -> list[numpy.ndarray]:
    width = weights.hidden.shape[1]
    gates = 4 * width
    lengths = numpy.array([len(piece) for piece in pieces], dtype="int64")
    offsets = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
    order = numpy.argsort(-lengths, kind="stable")  # longest first: active pieces are a prefix
    active = numpy.bincount(lengths, minlength=int(lengths.max()) + 1)[::-1].cumsum()[::-1][1:]
    # Rows of the packed, step-major layout: step t holds token t of each active piece (forward)
    # and token length-1-t (backward).
    steps = numpy.repeat(numpy.arange(len(active)), active)
    pieces_at = order[numpy.concatenate([numpy.arange(n) for n in active])]
    forward = offsets[pieces_at] + steps
    backward = offsets[pieces_at] + lengths[pieces_at] - 1 - steps
    tokens = numpy.concatenate(pieces).astype("float32", copy=False)
    count, total = len(pieces), len(tokens)
    hidden = numpy.empty((2, count + 1, width), dtype="float32")  # a spare row: see above
    hidden[:] = weights.h0[:, None, :]
    cells = numpy.empty((2, count, width), dtype="float32")
    cells[:] = weights.c0[:, None, :]
    values = numpy.empty((2, count + 1, gates), dtype="float32")
    scratch = numpy.empty((2, count, width), dtype="float32")
    out = numpy.empty((total, 2 * width), dtype="float32")
    w2, w3 = 2 * width, 3 * width
    matmul, tanh, multiply = numpy.matmul, numpy.tanh, numpy.multiply
    # The input projections (and the states) of BLOCK steps at a time: memory stays that of a
    # block whatever the batch's length.
    ends = numpy.concatenate([[0], numpy.cumsum(active)])
    for first in range(0, len(active), BLOCK):
        top, bottom = int(ends[first]), int(ends[min(first + BLOCK, len(active))])
        inputs = numpy.empty((2, max(bottom - top, 2), gates), dtype="float32")
        for direction, rows in enumerate((forward, backward)):
            taken = tokens[rows[top:bottom]]
            if len(taken) < 2:  # see the module docstring: no one-row products
                taken = numpy.concatenate([taken, numpy.zeros_like(taken)])
            matmul(
                taken,
                weights.inputs[:, direction * gates : (direction + 1) * gates],
                out=inputs[direction],
            )
            inputs[direction] += weights.bias[direction * gates : (direction + 1) * gates]
        states = numpy.empty((2, bottom - top, width), dtype="float32")
        row = 0
        for n in active[first : first + BLOCK].tolist():
            rows = max(n, 2)
            matmul(hidden[:, :rows], weights.hidden, out=values[:, :rows])
            g = values[:, :n]
            g += inputs[:, row : row + n]
            tanh(g, out=g)
            sigmoids = g[:, :, :w3]
            sigmoids += 1.0
            sigmoids *= 0.5
            c, h, tmp = cells[:, :n], hidden[:, :n], scratch[:, :n]
            c *= g[:, :, :width]  # forget
            multiply(g[:, :, width:w2], g[:, :, w3:], out=tmp)  # input × candidate
            c += tmp
            tanh(c, out=h)
            h *= g[:, :, w2:w3]  # output gate
            states[:, row : row + n] = h
            row += n
        out[forward[top:bottom], :width] = states[0]
        out[backward[top:bottom], width:] = states[1]
    return [out[start : start + length] for start, length in zip(offsets, lengths)]
