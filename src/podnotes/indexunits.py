"""The index as a keyed source of search units (search.UnitSource): a unit's key is its row
id, so a ranking keeps keys and scores and fetches the texts of the hits it hands out."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from podnotes.index import db
from podnotes.search import Unit
from podnotes.store import SUFFIX

if TYPE_CHECKING:
    from podnotes.index import Index

_UNIT = "u.id, f.name, f.title, u.field, u.text, u.heading_end"
_MATCHED = (
    " FROM units_fts JOIN units u ON u.id = units_fts.rowid JOIN files f ON f.id = u.file"
    " WHERE units_fts MATCH ?"
)


class IndexUnits:
    """Units read from the index a row at a time."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def units(
        self,
        fields: frozenset[str] | None = None,
        contains: str | None = None,
        ignore_case: bool = False,
        episodes: frozenset[str] | None = None,
    ) -> Iterator[Unit]:
        """Units in library order, the first at once: files are walked in name order and each
        file's units (consecutive ids) read by range, so SQLite sorts nothing (ordering the
        units themselves sorted every match before the first: 3.7 s at 100,000 episodes)."""
        where, args = _filters(fields, episodes)
        condition = db.contains_condition(contains, ignore_case)
        if condition is not None:
            where, args = f"{where} AND {condition[0]}", [*args, condition[1]]
        sql = (
            f"SELECT {_UNIT} FROM files f CROSS JOIN units u"
            " ON u.id BETWEEN f.first_unit AND f.last_unit"
            f" WHERE f.name > ''{where} ORDER BY f.name, u.id"
        )
        for _, name, title, field, text, heading_end in self._rows(sql, args):
            yield Unit(name[: -len(SUFFIX)], title, field, text, heading_end)

    def vocabulary(self) -> list[str]:
        return self.index.vocabulary()

    def best(
        self,
        expression: str,
        fields: frozenset[str] | None,
        limit: int,
        episodes: frozenset[str] | None = None,
    ) -> list[int]:
        """The keys of the first `limit` units the expression matches, in the index's order
        (the order the notes were read in): all of them when there are no more. A query with
        more matches is common enough that which of them are scored is a choice; bm25 made
        it by ranking every match before the first, at a cost in proportion to the matches
        (a common word in 100,000 episodes: 900,000 units, 1.4 s a search; the first 400:
        5 ms). The hits shown are then the best scores among these, as before."""
        where, args = _filters(fields, episodes)
        sql = f"SELECT u.id{_MATCHED}{where} LIMIT ?"
        return [key for (key,) in self._rows(sql, [expression, *args, limit])]

    def every(
        self,
        expression: str | None,
        fields: frozenset[str] | None,
        episodes: frozenset[str] | None = None,
    ) -> Iterator[tuple[int, Unit]]:
        """Every unit the expression matches (every unit for None), in the index's order."""
        where, args = _filters(fields, episodes)
        if expression is None:
            from_all = " FROM units u JOIN files f ON f.id = u.file WHERE 1"
            rows = self._rows(f"SELECT {_UNIT}{from_all}{where}", args)
        else:
            rows = self._rows(f"SELECT {_UNIT}{_MATCHED}{where}", [expression, *args])
        for key, name, title, field, text, heading_end in rows:
            yield key, Unit(name[: -len(SUFFIX)], title, field, text, heading_end)

    def fetch(self, keys: Sequence[int]) -> list[tuple[int, Unit]]:
        sql = (
            f"SELECT {_UNIT} FROM units u JOIN files f ON f.id = u.file"
            " WHERE u.id IN (SELECT value FROM json_each(?))"
        )
        return [
            (key, Unit(name[: -len(SUFFIX)], title, field, text, heading_end))
            for key, name, title, field, text, heading_end in self._rows(sql, [json.dumps(keys)])
        ]

    def _rows(self, sql: str, args: Sequence[object]) -> Iterator[tuple[Any, ...]]:
        return self.index.rows(sql, args)


def _filters(
    fields: frozenset[str] | None, episodes: frozenset[str] | None
) -> tuple[str, list[Any]]:
    """SQL conditions (to follow a WHERE) and their arguments for the fields and episodes."""
    where, args = db.unit_filter(fields)
    where = where.replace(" WHERE ", " AND ")
    condition = db.episode_condition(episodes)
    if condition is not None:
        where, args = f"{where} AND {condition[0]}", [*args, condition[1]]
    return where, list(args)
