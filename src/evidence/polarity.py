"""Polarity: which way is better for an indicator, as one sign.

The one convention: **+1 when higher is better, -1 when lower is better, 0 (or NaN in
arrays) when the indicator carries no judgement.** Code that wants "badness" (larger is
worse) negates it: ``-polarity_signs(rows["polarity"]) * gap``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["polarity_sign", "polarity_signs"]


def polarity_sign(polarity: object) -> int:
    """+1 when higher is better, -1 when lower is better, 0 when there is no polarity.

    Accepts the catalogue's tokens (``higher_is_better``, ``lower_is_better``,
    ``no_judgement``) and their spaced or hyphenated spellings; anything else (a blank,
    a missing value) has no polarity.

    Examples
    --------
    >>> polarity_sign("higher_is_better"), polarity_sign("Lower is better"), polarity_sign(None)
    (1, -1, 0)
    """
    text = polarity.lower().replace("-", "_").replace(" ", "_") if isinstance(polarity, str) else ""
    if "better" in text and text.startswith("high"):
        return 1
    if "better" in text and text.startswith("low"):
        return -1
    return 0


def polarity_signs(polarity: pd.Series | list) -> np.ndarray:
    """:func:`polarity_sign` of each value, as floats, NaN where there is no polarity.

    Examples
    --------
    >>> polarity_signs(["lower_is_better", "higher_is_better", "no_judgement"]).tolist()
    [-1.0, 1.0, nan]
    """
    signs = pd.Series(polarity, dtype=object).map(lambda p: polarity_sign(p) or np.nan)
    return signs.to_numpy(dtype=float)
