"""A seeded, fictional demo project: the borough of Demoshire.

``generate(path)`` writes a complete project in the format of
``docs/project-format.md`` (boundaries, lookup, catalogue, values, a Fingertips
download and a commented ``evidence.yml``) with planted features that the profiles,
gap analysis and priority issues should find; ``data/README.md`` lists them.

::

    folder = generate(tempfile.mkdtemp())
    sorted(p.name for p in folder.iterdir())  # ['README.md', 'boundaries', 'evidence.yml', ...]
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from evidence.demo.catalogue import CATALOGUE, CATALOGUE_COLUMNS, planted_indicators
from evidence.demo.config import config_text
from evidence.demo.consultation import consultation_files
from evidence.demo.fingertips import FINGERTIPS_COLUMNS, fingertips_rows
from evidence.demo.gap_inputs import (ACTIVITY_COLUMNS, CLASSIFICATION_COLUMNS, activity_rows,
                                      classification_rows)
from evidence.demo.geometry import to_wgs84
from evidence.demo.outcomes import outcomes_text
from evidence.demo.proofing import NATIONAL_COLUMNS, national_rows, proofing_text
from evidence.demo.readme import readme_text
from evidence.demo.strategy import PREVIOUS_FILE, previous_outcomes_text, strategy_text
from evidence.demo.timetable import lcap_file_name, lcap_text, timetable_text
from evidence.demo.scenario import DISTRICT_CODE, DISTRICT_NAME, Scenario, build_scenario
from evidence.demo.values import TIDY_COLUMNS, build_values
from evidence.demo.writer import csv_bytes, format_tidy, geojson_bytes, write_files

__all__ = ["DEFAULT_SEED", "Scenario", "generate", "make_scenario", "planted_indicators",
           "render"]

DEFAULT_SEED = 20261123


def make_scenario(seed: int = DEFAULT_SEED) -> Scenario:
    """The fictional district for ``seed``: polygons, names, codes and planted roles.

    Tests and readers use it to learn which wards were planted as deprived, affluent
    or the road ward (``Scenario.role_wards``) without parsing the README.
    """
    return build_scenario(np.random.default_rng([seed, 0]))


def _boundaries(scn: Scenario) -> dict[str, bytes]:
    lookup = scn.lookup()
    order = np.argsort(scn.lsoas["lsoa_code"].to_numpy(), kind="stable")
    lsoas = to_wgs84([scn.tiling.lsoas[i] for i in order])
    ward_order = np.argsort(scn.wards["ward_code"].to_numpy(), kind="stable")
    wards_4326 = to_wgs84([scn.tiling.wards[i] for i in ward_order])
    district = to_wgs84([scn.tiling.district])
    ward_props = [{"ward_code": scn.wards["ward_code"].iloc[i],
                   "ward_name": scn.wards["ward_name"].iloc[i]} for i in ward_order]
    lsoa_props = [{"lsoa_code": c, "lsoa_name": n}
                  for c, n in zip(lookup["lsoa_code"], lookup["lsoa_name"])]
    return {
        "boundaries/lsoa.geojson": geojson_bytes(lsoa_props, lsoas),
        "boundaries/ward.geojson": geojson_bytes(ward_props, wards_4326),
        "boundaries/district.geojson": geojson_bytes(
            [{"district_code": DISTRICT_CODE, "district_name": DISTRICT_NAME}], district),
    }


def render(seed: int = DEFAULT_SEED) -> dict[str, bytes]:
    """Every file of the demo project as bytes, by path relative to the project folder.

    Pure: nothing is written. :func:`generate` writes the result.
    """
    scn = make_scenario(seed)
    values = build_values(seed, scn)
    decimals = {s.id: s.decimals for s in CATALOGUE}
    small = ["indicator_id", "area_code", "period", "value", "numerator", "denominator"]
    lookup = scn.lookup()
    files = _boundaries(scn)
    files |= {
        "lookup.csv": csv_bytes(lookup.columns, lookup.astype(str).to_numpy().tolist()),
        "indicators.csv": csv_bytes(CATALOGUE_COLUMNS, [s.row() for s in CATALOGUE]),
        "values_lsoa.csv": csv_bytes(small, format_tidy(values.lsoa, decimals, small)),
        "values_ward.csv": csv_bytes(TIDY_COLUMNS, format_tidy(values.ward, decimals,
                                                               TIDY_COLUMNS)),
        "values_comparators.csv": csv_bytes(
            TIDY_COLUMNS, format_tidy(values.comparators, decimals, TIDY_COLUMNS)),
        "fingertips_download.csv": csv_bytes(
            FINGERTIPS_COLUMNS, fingertips_rows(seed, values.district_population)),
        "activities.csv": csv_bytes(ACTIVITY_COLUMNS, activity_rows(scn)),
        "rural_urban.csv": csv_bytes(CLASSIFICATION_COLUMNS, classification_rows(scn)),
        "evidence.yml": config_text(scn).encode("utf-8"),
        "outcomes.yml": outcomes_text(scn).encode("utf-8"),
        "timetable.yml": timetable_text(scn).encode("utf-8"),
        "strategy.yml": strategy_text(scn).encode("utf-8"),
        PREVIOUS_FILE: previous_outcomes_text(scn).encode("utf-8"),
        "proofing.yml": proofing_text(scn).encode("utf-8"),
        "national_outcomes.csv": csv_bytes(NATIONAL_COLUMNS, national_rows()),
        lcap_file_name(scn): lcap_text(scn).encode("utf-8"),
        "README.md": readme_text(seed, scn, values).encode("utf-8"),
    }
    files |= consultation_files(seed, scn)
    return files


def generate(path: str | os.PathLike[str], seed: int = DEFAULT_SEED) -> Path:
    """Write the demo project into ``path`` (created if needed) and return it.

    Files are rendered in memory first and each is then written atomically, so an
    error leaves any earlier demo untouched. The same seed gives byte-identical files.

    A folder that holds files of another project is never written over: when a file the
    demo would write exists with other content and the folder's ``evidence.yml`` is not
    the demo's (its header and its fictional focus area), :class:`~evidence.errors.OutputError`
    is raised before anything is written.

    Parameters
    ----------
    path
        The project folder. Existing files of the demo are replaced; others are kept.
    seed
        Seed of every random draw.

    Returns
    -------
    pathlib.Path
        The project folder.
    """
    root = Path(path)
    files = render(seed)
    _check_target(root, files)
    write_files(root, files)
    return root


def _is_demo(root: Path) -> bool:
    """Whether ``root`` holds a demo project (its config still the demo's, not a user's copy)."""
    try:
        text = (root / "evidence.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "This is the bundled demo" in text and f"focus_area: {DISTRICT_CODE}" in text


def _check_target(root: Path, files: dict[str, bytes]) -> None:
    """Raise :class:`~evidence.errors.OutputError` if writing ``files`` would destroy another project's files."""
    from evidence.errors import OutputError

    blocked = [name for name in files if (root / name).exists() and not (root / name).is_file()]
    differ = [name for name in files if (root / name).is_file() and (root / name).read_bytes() != files[name]]
    if blocked or (differ and not _is_demo(root)):
        names = sorted(blocked or differ)
        raise OutputError(f"'evidence demo' would overwrite {', '.join(names[:5])}{' ...' if len(names) > 5 else ''} "
                          f"in '{root}', which is not a demo project. Nothing was written. Fix: give "
                          "'evidence demo' a new or empty folder, e.g. 'evidence demo demo-project'.")
