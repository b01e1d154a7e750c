"""Pairwise exchange descent: the quick first improvement of a feasible placement before the CP-SAT search.

For a pair of classes, every exchange of one unit of the first class with one unit of the second (and every
move of one unit from one to the other) is priced at once with numpy, and the best is made when it lowers
the objective of `objective.py` and keeps every hard constraint (sizes within range, apart groups apart,
pre-assigned units in place). Pairs are visited in a seeded order until a whole sweep changes nothing: a
local optimum for exchanges, the move of Kernighan & Lin ("An efficient heuristic procedure for partitioning
graphs", Bell System Technical Journal 49, 1970). CP-SAT's neighbourhoods, which re-place every student of
several classes at once, then take it further.

Each exchange made lowers the (integer) objective by at least one, so the descent ends; MAX_SWEEPS bounds
it anyway.
"""

from __future__ import annotations

import itertools
import random

import numpy as np

from zhiliang.core.placement.objective import COUNT_WEIGHT
from zhiliang.core.placement.state import Matrix, State

MAX_SWEEPS = 60
_NEVER = np.iinfo(np.int64).max


def best_exchange(state: State, first: int, second: int) -> tuple[int, int | None, int | None]:
    """The best exchange between two classes: (change of the objective, unit leaving `first` or None, unit
    leaving `second` or None). The change is `_NEVER` when no exchange keeps the hard constraints."""
    out_first = np.flatnonzero((state.unit_class == first) & state.movable)
    out_second = np.flatnonzero((state.unit_class == second) & state.movable)
    # Row / column 0 stands for "nobody": a plain move instead of an exchange.
    rows = np.concatenate(([-1], out_first))
    cols = np.concatenate(([-1], out_second))

    def with_nobody(data: Matrix, units: Matrix) -> Matrix:
        stacked: Matrix = np.vstack([np.zeros_like(data[:1]), data[units]])
        return stacked

    d_values = with_nobody(state.values, out_first)[:, None, :] - with_nobody(state.values, out_second)[None, :, :]
    d_size = np.concatenate(([0], state.size[out_first]))[:, None] - np.concatenate(([0], state.size[out_second]))

    counts_u, counts_v = with_nobody(state.counts, out_first), with_nobody(state.counts, out_second)
    if max(int(counts_u.max(initial=0)), int(counts_v.max(initial=0))) <= 1:
        count_delta = _binary_count_delta(state, first, second, counts_u, counts_v)
    else:  # a together group counts more than one in a category: price every pair in full
        counts_first, counts_second = state.class_counts[first], state.class_counts[second]
        old_counts = state.excess(counts_first) + state.excess(counts_second)
        d_counts = counts_u[:, None, :] - counts_v[None, :, :]
        count_delta = state.excess(counts_first - d_counts) + state.excess(counts_second + d_counts) - old_counts

    others = np.ones(state.classes, dtype=bool)
    others[[first, second]] = False
    other_worst = np.abs(state.class_sums[others]).max(axis=0) if others.any() else np.zeros_like(state.weights)
    sums_first, sums_second = state.class_sums[first], state.class_sums[second]

    def numbers_cost(a: Matrix, b: Matrix) -> Matrix:
        worst = np.maximum(other_worst, np.maximum(a, b))
        cost: Matrix = (state.weights * (a + b + state.classes * worst)).sum(axis=-1)
        return cost

    old_numbers = numbers_cost(np.abs(sums_first), np.abs(sums_second))
    new_numbers = numbers_cost(np.abs(sums_first - d_values), np.abs(sums_second + d_values))
    delta = count_delta + (new_numbers - old_numbers)

    size_first = state.class_sizes[first] - d_size
    size_second = state.class_sizes[second] + d_size
    valid = (size_first >= state.low) & (size_first <= state.high)
    valid &= (size_second >= state.low) & (size_second <= state.high)
    valid[0, 0] = False
    # A unit may join a class that holds one of its apart-mates only when that mate is the one leaving.
    row_of = {int(unit): i for i, unit in enumerate(rows) if unit >= 0}
    column_of = {int(unit): j for j, unit in enumerate(cols) if unit >= 0}
    for i, unit in enumerate(out_first, start=1):
        there = state.mates_in(int(unit), second)
        if there:
            keep = np.zeros(len(cols), dtype=bool)
            (mate,) = there if len(there) == 1 else (None,)
            if mate in column_of:
                keep[column_of[mate]] = True
            valid[i] &= keep
    for j, unit in enumerate(out_second, start=1):
        there = state.mates_in(int(unit), first)
        if there:
            keep = np.zeros(len(rows), dtype=bool)
            (mate,) = there if len(there) == 1 else (None,)
            if mate in row_of:
                keep[row_of[mate]] = True
            valid[:, j] &= keep
    delta = np.where(valid, delta, _NEVER)
    best_row, best_col = (int(index) for index in np.unravel_index(int(np.argmin(delta)), delta.shape))
    leaving_first = int(rows[best_row]) if best_row else None
    leaving_second = int(cols[best_col]) if best_col else None
    return int(delta[best_row, best_col]), leaving_first, leaving_second


def _binary_count_delta(state: State, first: int, second: int, counts_u: Matrix, counts_v: Matrix) -> Matrix:
    """The change of the count penalties for every exchange, when each unit counts 0 or 1 in each category.

    With d = c_u − c_v in {−1, 0, 1} per category, the change is F⁺·[d = 1] + F⁻·[d = −1], where F⁺ is the
    change when the first class loses one student of the category to the second and F⁻ the reverse. For 0/1
    vectors [d = 1] = c_u − c_u·c_v and [d = −1] = c_v − c_u·c_v, so the whole matrix is two vector products
    and one matrix product instead of an (n₁ × n₂ × categories) array.
    """
    counts_first, counts_second = state.class_counts[first], state.class_counts[second]

    def penalty(counts: Matrix) -> Matrix:
        result: Matrix = COUNT_WEIGHT * (
            np.maximum(0, counts - state.count_high) + np.maximum(0, state.count_low - counts)
        )
        return result

    base = penalty(counts_first) + penalty(counts_second)
    plus = penalty(counts_first - 1) + penalty(counts_second + 1) - base  # one leaves first for second
    minus = penalty(counts_first + 1) + penalty(counts_second - 1) - base  # one leaves second for first
    both: Matrix = (counts_u * (plus + minus)) @ counts_v.T
    delta: Matrix = (counts_u @ plus)[:, None] + (counts_v @ minus)[None, :] - both
    return delta


def exchange_descent(state: State, rng: random.Random) -> None:
    """Make improving exchanges in `state` until none is left; the placement stays feasible."""
    pairs = list(itertools.combinations(range(state.classes), 2))
    for _sweep in range(MAX_SWEEPS):
        rng.shuffle(pairs)
        changed = False
        for first, second in pairs:
            while True:
                delta, leaving_first, leaving_second = best_exchange(state, first, second)
                if delta >= 0:
                    break
                if leaving_first is not None:
                    state.move(leaving_first, second)
                if leaving_second is not None:
                    state.move(leaving_second, first)
                changed = True
        if not changed:
            return
