"""The review-cycle fields of ``outcomes.yml``, read with their problems.

The two-yearly review (target sets agreed and expiring, old targets against revised ones),
the key issue of the year (actions tagged ``key_issue``) and milestones done: each field
is optional and each mistake is a problem with its line, like every other field of the
framework. :class:`ReviewFields` is mixed into the framework reader
(:mod:`evidence.outcomes.reader`), which keeps the rest of the format.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from evidence.errors import did_you_mean
from evidence.io.textfile import YamlMap
from evidence.io.yaml_fields import FieldReader
from evidence.outcomes.framework import TargetSet

__all__ = ["ReviewFields"]


class ReviewFields(FieldReader):
    """Readers of ``review_date``, ``target_sets``, a measure's ``target_set`` and ``previous_targets``,
    an action's ``key_issue`` and a milestone's ``done``."""

    def review_date(self, data: YamlMap) -> dt.date | None:
        return self.date(data["review_date"], data, "review_date", "top level") if data.get("review_date") else None

    def target_sets(self, data: YamlMap) -> tuple[TargetSet, ...]:
        value = data.get("target_sets")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.field_error("Field 'target_sets' should be a list.",
                             "Write each set on a line: - {id: 2025-27, agreed: 2025-05-21, expires: 2027-05-31}.",
                             "top level", data, "target_sets")
            return ()
        sets, seen = [], set()
        for n, item in enumerate(value, 1):
            place = f"target set {n}"
            if not isinstance(item, YamlMap):
                self.field_error(f"Target set {n} should be a mapping with id, agreed and expires, not {item!r}.",
                                 "Write - {id: 2025-27, agreed: 2025-05-21, expires: 2027-05-31}.", place, data,
                                 "target_sets")
                continue
            self.unknown_keys(item, ("id", "agreed", "expires"), place)
            ident = self.text(item, "id", place, required=True)
            if ident in seen:
                self.field_error(f"Target set id '{ident}' is used twice.", "Give each target set its own id.",
                                 place, item, "id")
            seen.add(ident)
            dates = {}
            for key in ("agreed", "expires"):
                if item.get(key) is None:
                    self.field_error(f"Missing required field '{key}'.", f"Add '{key}' as YYYY-MM-DD (see {self.doc}).",
                                     place, item, key)
                else:
                    dates[key] = self.date(item[key], item, key, place)
            agreed, expires = dates.get("agreed"), dates.get("expires")
            if agreed and expires and expires <= agreed:
                self.field_error(f"The set expires ({expires}) before it was agreed ({agreed}).",
                                 "Give the date it expires, after the date it was agreed (two years later, as a rule).",
                                 place, item, "expires")
            elif ident and agreed and expires:
                sets.append(TargetSet(ident, agreed, expires))
        return tuple(sets)

    def measure_target_set(self, item: YamlMap, place: str, sets: tuple[TargetSet, ...] | None) -> str | None:
        """A measure's ``target_set``: a listed set's id (default: the set agreed last, if any)."""
        ident = self.text(item, "target_set", place) or None
        if ident is None:
            return max(sets, key=lambda s: s.agreed).id if sets else None
        ids = [s.id for s in sets or ()]
        if ident not in ids:
            self.field_error(f"Unknown target set '{ident}'.{did_you_mean(ident, ids)}",
                             f"Use a set id from 'target_sets': {', '.join(ids)}." if ids else
                             "List the set under 'target_sets' at the top level first.", place, item, "target_set")
        return ident

    def previous_targets(self, item: YamlMap, place: str) -> dict[int, float]:
        """A measure's ``previous_targets``: year -> the target agreed in the set it revises."""
        value = item.get("previous_targets")
        if value is None:
            return {}
        good = isinstance(value, dict) and all(
            isinstance(k, int) and not isinstance(k, bool) and 1900 <= k <= 2200
            and isinstance(v, (int, float)) and not isinstance(v, bool) for k, v in value.items())
        if not good:
            self.field_error(f"'previous_targets' should map years to numbers, not {value!r}.",
                             "Write the targets of the set it revises, e.g. previous_targets: {2023: 20.5}.",
                             place, item, "previous_targets")
            return {}
        return {int(k): float(v) for k, v in sorted(value.items())}

    def key_issue(self, item: YamlMap, place: str) -> bool:
        value = item.get("key_issue", False)
        if not isinstance(value, bool):
            self.field_error(f"'key_issue' should be true or false, not {value!r}.",
                             "Write key_issue: true for an action that addresses the key issue of the year.",
                             place, item, "key_issue")
            return False
        return value

    def done(self, item: YamlMap, place: str) -> dt.date | None:
        return self.date(item["done"], item, "done", place) if item.get("done") is not None else None
