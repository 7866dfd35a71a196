"""A small seeded synthetic evidence base for demos, docs and the rendering tests.

Five square "wards" side by side (one with a hostile name, one with an ampersand), three
indicators over five periods, a district comparator, and one small count that disclosure
control must hide. Nothing here is real data.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

__all__ = ["sample_areas", "sample_indicators", "sample_values"]

AREA_NAMES = ["<script>alert(1)</script> Ward", "Mill & Meadow", "Northgate", "Riverside", "Castle"]
AREA_CODES = [f"E0500000{i}" for i in range(1, 6)]
DISTRICT = "E07000001"


def sample_areas() -> gpd.GeoDataFrame:
    """Five 0.02-degree squares near 52.0N 1.0W, in EPSG:4326."""
    geoms = [box(-1.0 + 0.02 * (i % 3), 52.0 + 0.02 * (i // 3), -0.98 + 0.02 * (i % 3),
                 52.02 + 0.02 * (i // 3)) for i in range(5)]
    return gpd.GeoDataFrame(
        {"area_code": AREA_CODES, "area_name": AREA_NAMES, "area_type": "ward",
         "district_code": DISTRICT},
        geometry=geoms,
        crs=4326,
    )


def sample_indicators() -> pd.DataFrame:
    """Three indicators in two themes, with each polarity."""
    return pd.DataFrame(
        {
            "id": ["smoking", "activity", "households"],
            "name": ["Adults who smoke", "Physically active adults", "Single-person households & <b>flats</b>"],
            "theme": ["Health & wellbeing", "Health & wellbeing", "Housing"],
            "unit": ["%", "%", "%"],
            "polarity": ["lower_is_better", "higher_is_better", "no_judgement"],
            "value_type": ["proportion", "proportion", "proportion"],
            "multiplier": [100, 100, 100],
            "source": ["Synthetic", "Synthetic", "Synthetic"],
            "definition": ["Synthetic", "Synthetic", "Synthetic"],
        }
    )


def sample_values(seed: int = 7) -> pd.DataFrame:
    """Tidy values rows for the five wards and the district, five periods each."""
    rng = np.random.default_rng(seed)
    rows = []
    base = {"smoking": 14.0, "activity": 65.0, "households": 30.0}
    for ind, level in base.items():
        for year in range(2018, 2023):
            district = level + (year - 2018) * (-0.6 if ind == "smoking" else 0.4)
            rows.append(dict(indicator_id=ind, area_code=DISTRICT, area_type="district",
                             period=f"{year}/{str(year + 1)[2:]}", year=year, value=district,
                             numerator=np.nan, denominator=np.nan, lower=district - 1,
                             upper=district + 1, comparator_code="E92000001",
                             comparator_value=district, judgement="Not compared", trend=""))
            for i, code in enumerate(AREA_CODES):
                denom = float(rng.integers(300, 900))
                value = max(1.0, district + (i - 2) * 2.5 + rng.normal(0, 1))
                num = round(value / 100 * denom)
                if ind == "smoking" and i == 3 and year == 2022:
                    num, value = 3.0, 3 / denom * 100  # small count: suppressed
                half = 1.96 * np.sqrt(value * (100 - value) / denom)
                lower, upper = value - half, value + half
                pol = {"smoking": -1, "activity": 1, "households": 0}[ind]
                if lower > district:
                    comp = "Higher"
                elif upper < district:
                    comp = "Lower"
                else:
                    comp = "Similar"
                if pol == 0 or comp == "Similar":
                    judgement = comp
                else:
                    judgement = "Better" if (comp == "Higher") == (pol > 0) else "Worse"
                rows.append(dict(indicator_id=ind, area_code=code, area_type="ward",
                                 period=f"{year}/{str(year + 1)[2:]}", year=year, value=value,
                                 numerator=float(num), denominator=denom, lower=lower, upper=upper,
                                 comparator_code=DISTRICT, comparator_value=district,
                                 judgement=judgement,
                                 trend="Decreasing and getting better" if ind == "smoking" and year == 2022
                                 else ("No significant change" if year == 2022 else "")))
    return pd.DataFrame(rows)
