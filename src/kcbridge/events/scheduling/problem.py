"""Integer-indexed view of a checked Instance, shared by the greedy, the relaxation and the CP-SAT models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Instance, Meeting

Previous = Mapping[str, tuple[str, str]] | Iterable[Meeting] | None


class Problem:
    """Requests become indices with their feasible slots (bitmask + tuple), tables and scaled integer weight."""

    def __init__(self, inst: Instance):
        self.inst = inst
        self.n_slots = len(inst.slots)
        self.n_parts = len(inst.participants)
        self.sid = {s: i for i, s in enumerate(inst.slots)}
        self.pid = {p.id: i for i, p in enumerate(inst.participants)}
        self.tid = {t.id: i for i, t in enumerate(inst.tables)}
        full = (1 << self.n_slots) - 1
        self.avail = [
            full if p.available is None else sum(1 << self.sid[s] for s in set(p.available))
            for p in inst.participants
        ]
        self.cap = [
            min(bin(m).count("1"), p.max_meetings if p.max_meetings is not None else self.n_slots)
            for p, m in zip(inst.participants, self.avail, strict=True)
        ]
        self.owned: list[list[int]] = [[] for _ in inst.participants]
        self.shared_tables: list[int] = []
        for j, t in enumerate(inst.tables):
            (self.owned[self.pid[t.owner]] if t.owner is not None else self.shared_tables).append(j)
        self.n_shared = len(self.shared_tables)
        self.scale = 1 if all(float(r.weight).is_integer() for r in inst.requests) else 1000
        n = len(inst.requests)
        self.ra = [self.pid[r.a] for r in inst.requests]
        self.rb = [self.pid[r.b] for r in inst.requests]
        self.w = [round(r.weight * self.scale) for r in inst.requests]
        self.lock_slot = [-1] * n
        self.lock_table = [-1] * n
        self.rshared = [False] * n
        self.rtables: list[list[int]] = []
        self.rmask = [0] * n
        for k, r in enumerate(inst.requests):
            own = self.owned[self.ra[k]] + self.owned[self.rb[k]]
            self.rshared[k] = not own
            self.rtables.append(own or self.shared_tables)
            mask = self.avail[self.ra[k]] & self.avail[self.rb[k]]
            if r.locked is not None:
                self.lock_slot[k] = self.sid[r.locked.slot]
                mask = 1 << self.lock_slot[k]
                if r.locked.table is not None:
                    self.lock_table[k] = self.tid[r.locked.table]
                    self.rtables[k] = [self.lock_table[k]]
            elif not self.rtables[k] or min(self.cap[self.ra[k]], self.cap[self.rb[k]]) == 0:
                mask = 0
            self.rmask[k] = mask
        self.rslots = [tuple(s for s in range(self.n_slots) if m >> s & 1) for m in self.rmask]
        self.locked = [k for k in range(n) if self.lock_slot[k] >= 0]
        self.live = [k for k in range(n) if self.rmask[k]]
        self.by_part: list[list[int]] = [[] for _ in inst.participants]
        for k in self.live:
            self.by_part[self.ra[k]].append(k)
            self.by_part[self.rb[k]].append(k)
        self.need = [min(self.cap[i], len(self.by_part[i])) for i in range(self.n_parts)]
        self.avail_order = [[s for s in range(self.n_slots) if m >> s & 1] for m in self.avail]

    def previous_slots(self, previous: Previous) -> dict[int, tuple[int, int]]:
        """Map request index → (slot, table) of a former schedule; cancelled or unknown ids drop out."""
        if previous is None:
            return {}
        items = (
            previous.items()
            if isinstance(previous, Mapping)
            else ((m.request, (m.slot, m.table)) for m in previous)
        )
        rid = {r.id: k for k, r in enumerate(self.inst.requests)}
        out = {}
        for request, (slot, table) in items:
            if request in rid and slot in self.sid:
                out[rid[request]] = (self.sid[slot], self.tid.get(table, -1))
        return out

    def weight_of(self, chosen: Iterable[int]) -> int:
        return sum(self.w[k] for k in chosen)
