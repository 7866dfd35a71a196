"""Rural and equality proofing: do the main findings differ by kind of place?

The board checks the strategy for rural impact and equality impact by looking at the
main findings (the share of areas significantly worse, and the mean gap in the bad
direction) separately for rural and urban areas and for each deprivation fifth.

Small areas are classified from an optional CSV (``area_code, classification``), for
example the ONS 2011 rural-urban classification of LSOAs (codes ``A1`` to ``F2`` or their
labels). Larger areas (wards, districts) take the class held by most of their small
areas (ties go to the class that sorts first, so the result is deterministic).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import get_close_matches
from pathlib import Path

import numpy as np
import pandas as pd

from evidence.errors import DataError, did_you_mean
from evidence.gaps._frames import require, text
from evidence.io.tables import read_text_table
from evidence.problems import Problems

__all__ = ["RUC2011_BROAD", "classify_areas", "proofing_table", "read_classification"]

DOC = "docs/gap-analysis-inputs.md"

#: ONS RUC2011 (LSOA/OA) codes -> broad class.
RUC2011_BROAD: dict[str, str] = {
    "A1": "Urban", "B1": "Urban", "C1": "Urban", "C2": "Urban",
    "D1": "Rural", "D2": "Rural", "E1": "Rural", "E2": "Rural", "F1": "Rural", "F2": "Rural",
}


_RUC_LIKE = re.compile(r"^[A-Za-z]\d$")
_SHOWN = 5  # rows reported one by one for the same problem; the rest are counted


def read_classification(path: str | Path, *, areas: Mapping[str, str] | None = None,
                        small_type: str | None = None, problems: Problems | None = None) -> pd.DataFrame:
    """Read and check a classification CSV with columns ``area_code, classification``.

    Parameters
    ----------
    path
        The CSV file (other columns are ignored).
    areas
        Area code -> area type of every known area: codes not among them, or of
        another type than ``small_type``, are errors. Leave out to skip that check.
    small_type
        The smallest area type (the one classified).
    problems
        A list to add to; when not given, errors raise
        :class:`~evidence.errors.ValidationError` listing every problem.

    Every problem names the file, row and column: a missing column (with "did you
    mean"), a blank cell, an area listed twice, an unknown area or one of the wrong
    type, and a class that looks like an RUC2011 code but is not one (``G1``) or a
    misspelt "Urban"/"Rural" (``Rurla village``).
    """
    path = Path(path)
    own = problems is None
    problems = problems if problems is not None else Problems(path.parent)
    empty = pd.DataFrame({"area_code": pd.Series(dtype=object), "classification": pd.Series(dtype=object)})
    frame = read_text_table(path, problems)  # a CSV (or a spreadsheet saved as .xlsx)
    if frame is None:
        return _finish(problems, own, empty)
    missing = [c for c in ("area_code", "classification") if c not in frame.columns]
    for column in missing:
        problems.error(f"The classification has no '{column}' column (it has {', '.join(frame.columns)})."
                       f"{did_you_mean(column, [c for c in frame.columns if not c.startswith(column + '_')])}",
                       f"Name the columns 'area_code' and 'classification' (see {DOC}).",
                       file=path, place="row 1", column=column)
    if missing:
        return _finish(problems, own, empty)
    found: dict[tuple[str, str], list[tuple[int, str, str]]] = {}

    def note(kind: str, column: str, row: int, message: str, fix: str) -> None:
        found.setdefault((kind, column), []).append((row, message, fix))

    seen: dict[str, int] = {}
    cells = {c: [None if pd.isna(v) else str(v) for v in frame[c]] for c in ("area_code", "classification")}
    for row, code, label in zip(frame.index, cells["area_code"], cells["classification"]):
        for column, value in (("area_code", code), ("classification", label)):
            if value is None:
                note("blank", column, row, "The cell is blank.", "Fill it in or remove the row.")
        if code is not None:
            if code in seen:
                note("twice", "area_code", row, f"'{code}' is listed twice (first in row {seen[code]}).",
                     "Keep one row per area.")
            seen.setdefault(code, row)
            if areas is not None and code not in areas:
                shown = len(found.get(("unknown", "area_code"), ())) < _SHOWN  # "did you mean" is slow on 30,000 rows
                note("unknown", "area_code", row,
                     f"Area code '{code}' is not in the lookup.{did_you_mean(code, areas) if shown else ''}",
                     f"Use the {small_type or 'small-area'} codes of the lookup, or remove the rows of other places.")
            elif areas is not None and small_type and areas[code] != small_type:
                note("type", "area_code", row,
                     f"'{code}' is an area of type '{areas[code]}', not '{small_type}': the classification is of "
                     "the smallest areas (larger ones take the class of most of their small areas).",
                     f"List '{small_type}' codes only, and remove the rows of '{areas[code]}' areas.")
        if label is not None and (bad := _bad_class(label)):
            note("class", "classification", row, *bad)
    for (_, column), items in found.items():
        for row, message, fix in items[:_SHOWN]:
            problems.error(message, fix, file=path, place=f"row {row}", column=column)
        if len(items) > _SHOWN:
            row, message, fix = items[_SHOWN]
            problems.error(f"{len(items) - _SHOWN} more rows have the same kind of problem, from row {row}: {message}",
                           fix, file=path, place=f"row {row}", column=column)
    result = frame.loc[frame["area_code"].notna() & frame["classification"].notna(), ["area_code", "classification"]]
    return _finish(problems, own, result.drop_duplicates("area_code").reset_index(drop=True))


def _bad_class(label: str) -> tuple[str, str] | None:
    """Why ``label`` is not a class (message, fix), or ``None`` when it is one."""
    codes = ", ".join(RUC2011_BROAD)
    if _RUC_LIKE.match(label) and label.upper() not in RUC2011_BROAD:
        return (f"'{label}' is not an ONS 2011 rural-urban code.",
                f"Use one of {codes}, or a label starting with 'Urban' or 'Rural' (see {DOC}).")
    word = label.split()[0].lower() if label.split() else ""
    if word not in ("urban", "rural") and get_close_matches(word, ["urban", "rural"], n=1, cutoff=0.7):
        near = get_close_matches(word, ["urban", "rural"], n=1, cutoff=0.7)[0].capitalize()
        return (f"'{label}' looks like a misspelt '{near}' class.",
                f"Start the label with '{near}' (or use an ONS code: {codes}).")
    return None


def _finish(problems: Problems, own: bool, frame: pd.DataFrame) -> pd.DataFrame:
    if own:
        problems.raise_if_errors()
    return frame


def classify_areas(areas: pd.DataFrame, classification: pd.DataFrame, *, broad: bool = False) -> pd.DataFrame:
    """Give every area a class: small areas from ``classification``, larger ones by majority.

    Parameters
    ----------
    areas
        The areas table (``area_code`` and the ``<type>_code`` ancestor columns).
    classification
        ``area_code, classification`` for small areas.
    broad
        Map RUC2011 codes (``A1``...``F2``) and labels starting "Urban"/"Rural" to the
        two broad classes ``Urban`` and ``Rural``.

    Returns
    -------
    pandas.DataFrame
        ``area_code, classification`` for the classified small areas and every area
        containing at least one of them.
    """
    require(classification, ["area_code", "classification"], "classification")
    cls = pd.DataFrame({"area_code": text(classification["area_code"]).to_numpy(),
                        "classification": text(classification["classification"]).str.strip().to_numpy()})
    if broad:
        label = cls["classification"]
        mapped = label.str.upper().map(RUC2011_BROAD)
        word = label.str.extract(r"^(urban|rural)", flags=re.IGNORECASE)[0].str.capitalize()
        cls["classification"] = mapped.fillna(word).fillna(label)
    parts = [cls]
    small = areas[text(areas["area_code"]).isin(set(cls["area_code"])).to_numpy()]
    for column in [c for c in areas.columns if str(c).endswith("_code") and c != "area_code"]:
        link = pd.DataFrame({"area_code": text(small[column]).to_numpy(),
                             "member": text(small["area_code"]).to_numpy()})
        link = link[link["area_code"] != ""].merge(cls.rename(columns={"area_code": "member"}), on="member")
        if link.empty:
            continue
        counts = link.groupby(["area_code", "classification"]).size().rename("n").reset_index()
        best = counts.sort_values(["area_code", "n", "classification"], ascending=[True, False, True],
                                  kind="stable").groupby("area_code").head(1)
        parts.append(best[["area_code", "classification"]])
    return pd.concat(parts, ignore_index=True).drop_duplicates("area_code").reset_index(drop=True)


def proofing_table(gaps: pd.DataFrame, groups: pd.DataFrame, *, by: str = "theme",
                   group_column: str | None = None) -> pd.DataFrame:
    """The main findings split by a classification of areas.

    Parameters
    ----------
    gaps
        From :func:`~evidence.gaps.performance_gaps`, for one area type (e.g. LSOAs).
    groups
        ``area_code`` and a class column: the result of :func:`classify_areas`, or of
        :func:`~evidence.gaps.deprivation_fifths` (class column ``fifth_name``).
    by
        ``"theme"`` or ``"indicator"``: the level of the findings.
    group_column
        The class column of ``groups`` (default: its second column).

    Returns
    -------
    pandas.DataFrame
        ``<by>, group, n_areas, n_worse, share_worse (%), mean_bad_gap_pct`` where
        ``n_areas`` counts area x indicator values that were compared, and a ``text``;
        groups in their order of first appearance in ``groups`` (most deprived fifth first
        for :func:`~evidence.gaps.deprivation_fifths`), areas not in ``groups`` as
        "Not classified".
    """
    if by not in ("theme", "indicator"):
        raise DataError(f"by must be 'theme' or 'indicator', not {by!r}.")
    key = "theme" if by == "theme" else "indicator_id"
    require(gaps, ["area_code", key, "judgement", "bad_gap_pct"], "gaps")
    column = group_column or [c for c in groups.columns if c != "area_code"][0]
    require(groups, ["area_code", column], "groups")
    g = pd.DataFrame({"area_code": text(groups["area_code"]).to_numpy(),
                      "group": text(groups[column]).to_numpy()})
    judgement = text(gaps["judgement"])
    frame = pd.DataFrame({key: text(gaps[key]).to_numpy(), "area_code": text(gaps["area_code"]).to_numpy(),
                          "compared": (~judgement.isin(["Not compared", ""])).to_numpy(),
                          "worse": (judgement == "Worse").to_numpy(),
                          "bad_gap_pct": pd.to_numeric(gaps["bad_gap_pct"]).to_numpy(dtype=float)})
    frame = frame.merge(g, on="area_code", how="left")
    frame["group"] = frame["group"].fillna("Not classified")
    frame = frame[frame["compared"]]
    out = frame.groupby([key, "group"], sort=True).agg(
        n_areas=("area_code", "size"), n_worse=("worse", "sum"), mean_bad_gap_pct=("bad_gap_pct", "mean"),
    ).reset_index()
    rank = {grp: i for i, grp in enumerate(dict.fromkeys(g["group"]))}
    out["_o"] = out["group"].map(rank).fillna(len(rank))
    out = out.sort_values([key, "_o", "group"], kind="stable").drop(columns="_o").reset_index(drop=True)
    out["n_worse"] = out["n_worse"].astype(int)
    out["share_worse"] = 100.0 * out["n_worse"] / out["n_areas"]
    out["text"] = [f"{grp}: {w} of {n} compared values significantly worse ({s:.0f}%)"
                   + (f", mean gap {m:+.1f}% in the bad direction." if np.isfinite(m) else ".")
                   for grp, w, n, s, m in zip(out["group"], out["n_worse"], out["n_areas"], out["share_worse"],
                                              out["mean_bad_gap_pct"])]
    return out[[key, "group", "n_areas", "n_worse", "share_worse", "mean_bad_gap_pct", "text"]]
