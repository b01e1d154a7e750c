"""A placement being improved: the unit → class assignment with each class's counts, sums and size kept up to
date (numpy), so that the objective of `objective.py`, and what a change does to it, are quick to compute."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from zhiliang.core.placement.constraints import Structure
from zhiliang.core.placement.objective import COUNT_WEIGHT, Balance

Matrix = npt.NDArray[np.int64]


class State:
    def __init__(self, structure: Structure, balance: Balance, unit_class: list[int]) -> None:
        units = len(structure.units)
        self.classes = structure.classes
        self.low = structure.small_size
        self.high = min(structure.largest_size, structure.max_size)
        self.unit_class = np.array(unit_class, dtype=np.int64)
        self.movable = np.array([fixed is None for fixed in structure.unit_fixed], dtype=bool)
        self.size = np.array([len(members) for members in structure.units], dtype=np.int64)
        # Per unit: how many of its students are in each category, and the sum of their scaled numbers.
        self.counts: Matrix = np.zeros((units, max(1, len(balance.categories))), dtype=np.int64)
        for g, category in enumerate(balance.categories):
            self.counts[:, g] = category.counts
        self.count_low = np.array([c.low for c in balance.categories] or [0], dtype=np.int64)
        self.count_high = np.array([c.high for c in balance.categories] or [0], dtype=np.int64)
        self.values: Matrix = np.zeros((units, max(1, len(balance.numbers))), dtype=np.int64)
        for a, number in enumerate(balance.numbers):
            self.values[:, a] = number.values
        self.weights = np.array([n.weight for n in balance.numbers] or [0], dtype=np.int64)
        self.mates: list[set[int]] = [set() for _ in range(units)]
        for group in structure.apart:
            group_units = {structure.unit_of[m] for m in group.members}
            for unit in group_units:
                self.mates[unit] |= group_units - {unit}
        self.class_counts: Matrix = np.zeros((self.classes, self.counts.shape[1]), dtype=np.int64)
        self.class_sums: Matrix = np.zeros((self.classes, self.values.shape[1]), dtype=np.int64)
        self.class_sizes: Matrix = np.zeros(self.classes, dtype=np.int64)
        np.add.at(self.class_counts, self.unit_class, self.counts)
        np.add.at(self.class_sums, self.unit_class, self.values)
        np.add.at(self.class_sizes, self.unit_class, self.size)

    def excess(self, counts: Matrix) -> Matrix:
        """COUNT_WEIGHT × students outside the range, summed over the last axis (the categories)."""
        over = np.maximum(0, counts - self.count_high)
        under = np.maximum(0, self.count_low - counts)
        result: Matrix = COUNT_WEIGHT * (over + under).sum(axis=-1)
        return result

    def class_costs(self) -> Matrix:
        """Each class's own share of the objective (its count penalties and weighted deviations)."""
        costs: Matrix = self.excess(self.class_counts) + (self.weights * np.abs(self.class_sums)).sum(axis=-1)
        return costs

    def cost(self) -> int:
        worst = np.abs(self.class_sums).max(axis=0)
        return int(self.class_costs().sum() + (self.weights * self.classes * worst).sum())

    def mates_in(self, unit: int, class_index: int) -> set[int]:
        return {mate for mate in self.mates[unit] if self.unit_class[mate] == class_index}

    def move(self, unit: int, target: int) -> None:
        source = int(self.unit_class[unit])
        self.class_counts[source] -= self.counts[unit]
        self.class_counts[target] += self.counts[unit]
        self.class_sums[source] -= self.values[unit]
        self.class_sums[target] += self.values[unit]
        self.class_sizes[source] -= self.size[unit]
        self.class_sizes[target] += self.size[unit]
        self.unit_class[unit] = target

    def assignment(self) -> list[int]:
        return [int(c) for c in self.unit_class]
