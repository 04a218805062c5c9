"""Scoring a search against the relevance set: recall@10 and mean reciprocal rank."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tests.search.corpus import RelevanceQuery

TOP = 10


@dataclass
class Scores:
    recall_at_10: float
    mrr: float
    queries: int = 0
    misses: list[tuple[str, list[str]]] = field(default_factory=list)  # query, keys not found

    def to_json(self) -> dict[str, object]:
        return {"queries": self.queries, "recall_at_10": round(self.recall_at_10, 3),
                "mrr": round(self.mrr, 3)}


def evaluate(search: Callable[[RelevanceQuery], Sequence[int]],
             queries: Sequence[RelevanceQuery], ids: dict[str, int]) -> Scores:
    """`search` returns the record ids found for a query, best first."""
    recalls, ranks, misses = [], [], []
    for rq in queries:
        top = list(search(rq))[:TOP]
        wanted = {ids[k] for k in rq.expected}
        found = wanted & set(top)
        recalls.append(len(found) / len(wanted))
        first = next((i for i, rid in enumerate(top, 1) if rid in wanted), None)
        ranks.append(1 / first if first else 0.0)
        if found != wanted:
            by_id = {v: k for k, v in ids.items()}
            misses.append((rq.query, sorted(by_id[r] for r in wanted - found)))
    n = len(queries)
    return Scores(sum(recalls) / n, sum(ranks) / n, n, misses)
