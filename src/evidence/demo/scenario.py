"""The fictional place: names, codes, nesting and the planted social geography.

A :class:`Scenario` ties the tiled polygons to codes and names and gives every LSOA
the two latent traits that drive the indicator values:

* ``deprivation`` - spatially smooth, high in a cluster of three wards around the town
  centre (the *deprived* wards) and low in three wards on the edge of the town (the
  *affluent* wards);
* ``urban`` - 1 in the town centre falling towards 0 at the rural edge (bus access,
  travel times).

One outlying rural ward is the *road* ward: an A-road runs through it, so it has more
road casualties and poorer bus access than its deprivation would suggest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from evidence.demo.geometry import CENTRE, RADIUS, Tiling, build_tiling

__all__ = ["DISTRICT_CODE", "DISTRICT_NAME", "Scenario", "build_scenario"]

DISTRICT_CODE = "E07999001"
DISTRICT_NAME = "Demoshire"

_CENTRAL_NAMES = ["Abbey", "Castle", "Market", "Priory", "St Mary's", "Bridge"]
_SECTOR_NAMES = {  # suburbs, by compass sector of the ward from the town centre
    "N": ["Northfield", "Highfields", "Hillside", "Broadway"],
    "E": ["Riverside", "Eastwood", "Meadowbank", "Mill Lane"],
    "S": ["Southgate", "Brookside", "Park", "Cherry Tree"],
    "W": ["Westcote", "Oakley", "Fernhill", "Stoneygate"],
}
_VILLAGE_NAMES = [
    "Ashby Parva", "Thornton", "Kingsley", "Little Stretton", "Burton Green",
    "Langford", "Hartwell", "Great Easton", "Coston", "Wymondham",
]
_NEIGHBOURHOOD_NAMES = {"N": "North", "E": "East", "S": "South", "W": "West"}


@dataclass(frozen=True)
class Scenario:
    """The fictional district: polygons, lookup and the latent traits of each LSOA.

    Attributes
    ----------
    tiling
        Polygons in EPSG:27700 (LSOAs in the order of ``lsoas``' rows).
    lsoas
        One row per LSOA, in polygon order: ``lsoa_code``, ``lsoa_name``, ``ward``
        (index into ``wards``), ``deprivation``, ``urban``, ``role`` (the ward's
        planted role), ``centroid_x``, ``centroid_y``.
    wards
        One row per ward, in polygon order: ``ward_code``, ``ward_name``, ``role``
        (``deprived``, ``affluent``, ``road`` or ``""``), ``neighbourhood``.
    neighbourhoods
        One row per neighbourhood partnership area: ``code``, ``name``, ``members``.
    """

    tiling: Tiling
    lsoas: pd.DataFrame
    wards: pd.DataFrame
    neighbourhoods: pd.DataFrame

    def lookup(self) -> pd.DataFrame:
        """The LSOA -> ward -> district lookup, sorted by LSOA code."""
        ward = self.wards.iloc[self.lsoas["ward"].to_numpy()]
        frame = pd.DataFrame(
            {
                "lsoa_code": self.lsoas["lsoa_code"].to_numpy(),
                "lsoa_name": self.lsoas["lsoa_name"].to_numpy(),
                "ward_code": ward["ward_code"].to_numpy(),
                "ward_name": ward["ward_name"].to_numpy(),
                "district_code": DISTRICT_CODE,
                "district_name": DISTRICT_NAME,
            }
        )
        return frame.sort_values("lsoa_code", ignore_index=True)

    def role_wards(self, role: str) -> list[str]:
        """Names of the wards with a planted ``role``, sorted."""
        return sorted(self.wards.loc[self.wards["role"] == role, "ward_name"])


def _sector(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Compass sector (N, E, S, W) of offsets from the town centre."""
    angle = np.degrees(np.arctan2(dx, dy)) % 360  # 0 = north, clockwise
    return np.array(["N", "E", "S", "W"])[((angle + 45) // 90).astype(int) % 4]


def _ward_names(rng: np.random.Generator, dist: np.ndarray, sector: np.ndarray) -> list[str]:
    """Town-centre names for the central wards, suburb names by sector, villages outside."""
    central = [str(n) for n in rng.permutation(_CENTRAL_NAMES)]
    suburbs = {k: [str(n) for n in rng.permutation(v)] for k, v in _SECTOR_NAMES.items()}
    villages = [str(n) for n in rng.permutation(_VILLAGE_NAMES)]
    names = [""] * len(dist)
    for rank, w in enumerate(np.argsort(dist, kind="stable")):
        if rank < 4:
            names[w] = central.pop()
        elif dist[w] < 0.75 * RADIUS and suburbs[sector[w]]:
            names[w] = suburbs[sector[w]].pop()
        elif villages:
            names[w] = villages.pop()
        else:  # more rural wards than villages: any suburb name left
            names[w] = next(pool for pool in suburbs.values() if pool).pop()
    return names


def build_scenario(rng: np.random.Generator) -> Scenario:
    """Build the fictional district from one random generator (fully deterministic)."""
    tiling = build_tiling(rng)
    n_wards = len(tiling.wards)
    ward_xy = shapely.get_coordinates(shapely.centroid(tiling.wards))
    lsoa_xy = shapely.get_coordinates(shapely.centroid(tiling.lsoas))
    town = np.array(CENTRE) + rng.normal(0, 250, 2)
    dx, dy = (ward_xy - town).T
    dist = np.hypot(dx, dy)
    sector = _sector(dx, dy)

    # Planted roles: the three wards nearest the town centre are deprived; the three
    # edge wards furthest along a random direction are affluent; the outermost of the
    # rest, on the opposite side, is the road ward.
    order = np.argsort(dist, kind="stable")
    role = np.full(n_wards, "", dtype=object)
    role[order[:3]] = "deprived"
    direction = rng.normal(size=2)
    direction /= np.hypot(*direction)
    along = (ward_xy - town) @ direction
    affluent = [w for w in np.argsort(-along, kind="stable") if role[w] == ""][:3]
    role[affluent] = "affluent"
    road = [w for w in np.argsort(along - dist, kind="stable") if role[w] == ""][0]
    role[road] = "road"

    names = _ward_names(rng, dist, sector)
    ward_order = np.argsort(names, kind="stable")
    codes = np.empty(n_wards, dtype=object)
    codes[ward_order] = [f"E05999{i + 1:03d}" for i in range(n_wards)]

    # Latent deprivation: ward effect + a smooth centre-to-edge gradient + LSOA noise.
    lsoa_dist = np.hypot(*(lsoa_xy - town).T) / RADIUS
    ward_effect = np.where(role == "deprived", 1.3, np.where(role == "affluent", -1.1, 0.0))
    ward_effect = ward_effect + rng.normal(0, 0.25, n_wards) * (role == "")
    deprivation = (
        ward_effect[tiling.lsoa_ward]
        + 0.6 * (0.5 - lsoa_dist)
        + rng.normal(0, 0.3, len(tiling.lsoas))
    )
    urban = np.exp(-((lsoa_dist / 0.5) ** 2))

    # LSOA names as ONS does: "<district> 001A", MSOA-like numbers running north to
    # south (one per ward here), letters north to south within the ward; LSOA codes in
    # name order.
    msoa = np.empty(n_wards, dtype=int)
    msoa[np.argsort(-ward_xy[:, 1], kind="stable")] = np.arange(1, n_wards + 1)
    lsoa_names = np.empty(len(tiling.lsoas), dtype=object)
    for w in range(n_wards):
        members = np.flatnonzero(tiling.lsoa_ward == w)
        members = members[np.argsort(-lsoa_xy[members, 1], kind="stable")]
        for letter, i in zip("ABCDEFGH", members):
            lsoa_names[i] = f"{DISTRICT_NAME} {msoa[w]:03d}{letter}"
    lsoa_codes = np.empty(len(tiling.lsoas), dtype=object)
    lsoa_codes[np.argsort(lsoa_names, kind="stable")] = [
        f"E01999{i + 1:03d}" for i in range(len(tiling.lsoas))
    ]

    # Neighbourhood partnerships: the town centre (four nearest wards), then the
    # other wards split into three sectors around it.
    angle = np.degrees(np.arctan2(dx, dy)) % 360
    start = rng.uniform(0, 120)
    part = np.where(np.isin(np.arange(n_wards), order[:4]), 0, 1 + ((angle - start) % 360) // 120)
    neighbourhoods = []
    for p in range(4):
        members = sorted(codes[part == p])
        if p == 0:
            name = "Town Centre Neighbourhood Partnership"
        else:
            mean = np.degrees(np.arctan2(dx[part == p].mean(), dy[part == p].mean())) % 360
            sector_name = _NEIGHBOURHOOD_NAMES[_sector(np.array([np.sin(np.radians(mean))]),
                                                       np.array([np.cos(np.radians(mean))]))[0]]
            name = f"{sector_name} Demoshire Neighbourhood Partnership"
        neighbourhoods.append({"code": f"NP{p + 1:02d}", "name": name, "members": members})

    wards = pd.DataFrame(
        {"ward_code": codes, "ward_name": names, "role": role,
         "neighbourhood": [f"NP{p + 1:02d}" for p in part.astype(int)]}
    )
    lsoas = pd.DataFrame(
        {
            "lsoa_code": lsoa_codes,
            "lsoa_name": lsoa_names,
            "ward": tiling.lsoa_ward,
            "deprivation": deprivation,
            "urban": urban,
            "role": role[tiling.lsoa_ward],
            "centroid_x": lsoa_xy[:, 0],
            "centroid_y": lsoa_xy[:, 1],
        }
    )
    return Scenario(tiling, lsoas, wards, pd.DataFrame(neighbourhoods))
