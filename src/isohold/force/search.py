"""Searches done for many trials at once: for each trial, the first or last sample in its own
index range that is at or below (or at or above) its own level.

Each search walks its range in blocks that double in size, gathering one block for every trial
still searching into a 2-D array, so the work is proportional to the distance walked (usually a
few samples) and there is no Python loop over trials.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from isohold.force.signal import Array

Index = NDArray[np.int64]
Mask = NDArray[np.bool_]

#: Samples gathered per trial in the first block; later blocks double.
FIRST_BLOCK = 32
#: The largest block (per trial), so the 2-D gather stays small.
LARGEST_BLOCK = 1 << 16


def first_where(f: Array, lo: Index, hi: Index, level: Array, *, below: bool) -> Index:
    """For each i, the first k in [lo_i, hi_i) with f[k] <= level_i (below) or f[k] >= level_i
    (not below); -1 when there is none."""
    return _walk(f, lo, hi, level, below=below, backward=False)


def last_where(f: Array, lo: Index, hi: Index, level: Array, *, below: bool) -> Index:
    """For each i, the last k in [lo_i, hi_i) with f[k] <= level_i (below) or f[k] >= level_i
    (not below); -1 when there is none."""
    return _walk(f, lo, hi, level, below=below, backward=True)


def _walk(f: Array, lo: Index, hi: Index, level: Array, *, below: bool, backward: bool) -> Index:
    lo = np.maximum(np.asarray(lo, dtype=np.int64), 0)
    hi = np.minimum(np.asarray(hi, dtype=np.int64), len(f))
    level = np.broadcast_to(np.asarray(level, dtype=np.float64), lo.shape)
    out = np.full(lo.shape, -1, dtype=np.int64)
    # the part of each range not yet searched: [lo_i, edge_i) walking back, [edge_i, hi_i) forward
    edge = hi.copy() if backward else lo.copy()
    pending = np.flatnonzero(hi > lo)
    size = FIRST_BLOCK
    while pending.size:
        if backward:
            stop = edge[pending]
            start = np.maximum(stop - size, lo[pending])
            width = int((stop - start).max())
            idx = stop[:, None] - 1 - np.arange(width)[None, :]
            inside = idx >= start[:, None]
        else:
            start = edge[pending]
            stop = np.minimum(start + size, hi[pending])
            width = int((stop - start).max())
            idx = start[:, None] + np.arange(width)[None, :]
            inside = idx < stop[:, None]
        values = f[np.clip(idx, 0, len(f) - 1)]
        lim = level[pending][:, None]
        hit = ((values <= lim) if below else (values >= lim)) & inside
        found = hit.any(axis=1)
        col = hit.argmax(axis=1)
        rows = pending[found]
        out[rows] = idx[found, col[found]]
        if backward:
            edge[pending] = start
            done = start <= lo[pending]
        else:
            edge[pending] = stop
            done = stop >= hi[pending]
        pending = pending[~found & ~done]
        size = min(size * 2, LARGEST_BLOCK)
    return out
