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
from pathlib import Path

import numpy as np
import pandas as pd

from evidence.errors import DataError
from evidence.gaps._frames import require, text

__all__ = ["RUC2011_BROAD", "classify_areas", "proofing_table", "read_classification"]

#: ONS RUC2011 (LSOA/OA) codes -> broad class.
RUC2011_BROAD: dict[str, str] = {
    "A1": "Urban", "B1": "Urban", "C1": "Urban", "C2": "Urban",
    "D1": "Rural", "D2": "Rural", "E1": "Rural", "E2": "Rural", "F1": "Rural", "F2": "Rural",
}


def read_classification(path: str | Path) -> pd.DataFrame:
    """Read a classification CSV with columns ``area_code, classification``.

    Raises :class:`~evidence.errors.DataError` naming the file, row and column of a
    problem (missing column, blank cell, an area listed twice).
    """
    path = Path(path)
    if not path.exists():
        raise DataError(f"Classification file not found: '{path}'. Check the path.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [c.strip() for c in frame.columns]
    for column in ("area_code", "classification"):
        if column not in frame.columns:
            raise DataError(f"{path.name}: no '{column}' column (it has {', '.join(frame.columns)}). "
                            "Name the columns 'area_code' and 'classification'.")
        blank = frame.index[frame[column].str.strip() == ""]
        if len(blank):
            raise DataError(f"{path.name}, row {blank[0] + 2}, column '{column}': blank. Fill it in or "
                            "remove the row.")
    dup = frame.index[frame["area_code"].duplicated()]
    if len(dup):
        raise DataError(f"{path.name}, row {dup[0] + 2}, column 'area_code': "
                        f"'{frame.at[dup[0], 'area_code']}' is listed twice. Keep one row per area.")
    return frame[["area_code", "classification"]].apply(lambda s: s.str.strip())


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
