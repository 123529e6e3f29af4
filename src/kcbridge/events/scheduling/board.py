"""Mutable slot assignment with O(1) conflict checks, and the final choice of tables."""

from __future__ import annotations

from .model import Meeting
from .problem import Problem


class Board:
    """Who meets whom in which slot; tables are chosen only at the end because shared ones are interchangeable."""

    def __init__(self, prob: Problem):
        self.p = prob
        self.slot_of = [-1] * len(prob.w)
        self.at = [[-1] * prob.n_slots for _ in range(prob.n_parts)]
        self.count = [0] * prob.n_parts
        self.shared_used = [0] * prob.n_slots

    def can(self, k: int, s: int) -> bool:
        p = self.p
        return bool(
            p.rmask[k] >> s & 1
            and self.at[p.ra[k]][s] < 0
            and self.at[p.rb[k]][s] < 0
            and (not p.rshared[k] or self.shared_used[s] < p.n_shared)
        )

    def has_room(self, k: int) -> bool:
        return (
            self.count[self.p.ra[k]] < self.p.cap[self.p.ra[k]]
            and self.count[self.p.rb[k]] < self.p.cap[self.p.rb[k]]
        )

    def put(self, k: int, s: int) -> None:
        a, b = self.p.ra[k], self.p.rb[k]
        self.slot_of[k] = s
        self.at[a][s] = self.at[b][s] = k
        self.count[a] += 1
        self.count[b] += 1
        if self.p.rshared[k]:
            self.shared_used[s] += 1

    def remove(self, k: int) -> int:
        s, a, b = self.slot_of[k], self.p.ra[k], self.p.rb[k]
        self.slot_of[k] = -1
        self.at[a][s] = self.at[b][s] = -1
        self.count[a] -= 1
        self.count[b] -= 1
        if self.p.rshared[k]:
            self.shared_used[s] -= 1
        return s

    def placed(self) -> list[int]:
        return [k for k, s in enumerate(self.slot_of) if s >= 0]

    def weight(self) -> int:
        return sum(self.p.w[k] for k, s in enumerate(self.slot_of) if s >= 0)

    def blocks(self, i: int) -> int:
        """Runs of consecutive busy available slots; a participant with one run has no needless idle gap."""
        runs, prev_busy, row = 0, False, self.at[i]
        for s in self.p.avail_order[i]:
            busy = row[s] >= 0
            runs += busy and not prev_busy
            prev_busy = busy
        return runs

    def meetings(self, previous: dict[int, tuple[int, int]] | None = None) -> list[Meeting]:
        return to_meetings(self.p, {k: s for k, s in enumerate(self.slot_of) if s >= 0}, previous or {})


def to_meetings(
    prob: Problem, slot_of: dict[int, int], previous: dict[int, tuple[int, int]]
) -> list[Meeting]:
    """Give each placed request a table: locks first, then former tables (fewer moves), owners, shared."""
    used: set[tuple[int, int]] = set()
    table_of: dict[int, int] = {}

    def take(k: int, t: int) -> None:
        used.add((slot_of[k], t))
        table_of[k] = t

    for k in slot_of:
        if prob.lock_table[k] >= 0:
            take(k, prob.lock_table[k])
    for k, (s, t) in previous.items():
        if (
            k in slot_of
            and k not in table_of
            and slot_of[k] == s
            and t in prob.rtables[k]
            and (s, t) not in used
        ):
            take(k, t)
    for k in sorted(slot_of, key=lambda k: prob.rshared[k]):
        if k not in table_of:
            free = next((t for t in prob.rtables[k] if (slot_of[k], t) not in used), None)
            if free is None:
                raise RuntimeError(
                    f"no free table for request {prob.inst.requests[k].id!r}: capacity bookkeeping bug"
                )
            take(k, free)
    inst = prob.inst
    return sorted(
        (Meeting(inst.requests[k].id, inst.slots[slot_of[k]], inst.tables[table_of[k]].id) for k in slot_of),
        key=lambda m: (prob.sid[m.slot], m.table, m.request),
    )
