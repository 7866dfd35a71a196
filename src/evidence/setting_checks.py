"""Settings of ``evidence.yml`` checked against the areas and values they rely on.

Some settings are well formed on their own and still break a later command: a focus area
that contains no wards to rank, a deprivation indicator without values for the small
areas, a comparator code with no values, a map indicator that the profiled areas do not
have. :func:`check_settings` runs after every input has been read, so that ``evidence
validate`` reports these too, each with the setting, its line and what to change.
"""

from __future__ import annotations

import pandas as pd

from evidence.config import Config, ranked_type
from evidence.problems import Problems

__all__ = ["check_settings"]


def check_settings(config: Config, catalogue: pd.DataFrame, areas: pd.DataFrame, values: pd.DataFrame,
                   problems: Problems) -> None:
    """Record in ``problems`` every setting that the inputs cannot serve.

    Parameters
    ----------
    config, catalogue, areas, values
        The project's inputs as :func:`evidence.validation.validate` reads them.
    problems
        Where the problems go.
    """
    codes = areas["area_code"].astype(str)
    kinds = dict(zip(codes, areas["area_type"].astype(str)))
    focus_type = kinds.get(config.focus_area)
    known = set(catalogue["id"].astype(str))
    inside = None
    if focus_type is not None:
        inside = _focus(config, areas, focus_type, problems)
    ids = values["indicator_id"].astype(str)
    has_value = values["value"].notna()
    smallest = config.type_order[0]
    dep = config.deprivation_indicator
    if dep in known and inside is not None:
        small = set(codes[(areas["area_type"] == smallest).to_numpy() & inside])
        if not (has_value & (ids == dep) & values["area_code"].astype(str).isin(small)).any():
            problems.error(f"'context.deprivation' names '{dep}', which has no values for the {smallest}s of "
                           f"{config.focus_area}: the deprivation fifths rank those {smallest}s by it.",
                           f"Add its {smallest} values to a value file, or set 'context.deprivation' to an "
                           f"indicator given for {smallest}s (e.g. an IMD score or decile).",
                           file=config.file, **config.where("context.deprivation"))
        else:
            _deprivation_scale(config, catalogue, values[ids == dep], problems)
    shown = config.map_indicator
    types = config.type_order
    profiled = ranked_type(types, config.profile_area_type)
    if shown in known:
        # values of smaller areas are aggregated to larger and custom ones by the build
        sources = {profiled} if config.benchmark_values == "data" and profiled in types else \
            set(types[:types.index(profiled) + 1] if profiled in types else types)
        if not (has_value & (ids == shown) & values["area_type"].astype(str).isin(sources)).any():
            problems.error(f"'profiles.map_indicator' names '{shown}', which has no values for {profiled}s, so "
                           f"every {profiled} profile would quietly map another indicator.",
                           f"Set it to an indicator given for {profiled}s, or remove it to map each area's most "
                           "striking indicator.", file=config.file, **config.where("profiles.map_indicator"))
    _comparators(config, areas, kinds, set(values["area_code"].astype(str)), problems)


def _deprivation_scale(config: Config, catalogue: pd.DataFrame, values: pd.DataFrame, problems: Problems) -> None:
    """The deprivation indicator's values must be on the scale ``context.deprivation_scale`` says."""
    scale = config.deprivation_scale
    if not scale.national:
        return
    from evidence.deprivation_scale import national_fifth

    dep = config.deprivation_indicator
    polarity = str(catalogue.set_index(catalogue["id"].astype(str)).at[dep, "polarity"])
    wanted = "lower_is_better" if scale.kind == "national_score" else "higher_is_better"
    spot = config.where("context.deprivation_scale")
    if polarity != wanted:
        meaning = ("a score: higher is more deprived" if scale.kind == "national_score"
                   else "1 is the most deprived")
        problems.error(f"'context.deprivation_scale' says '{dep}' is a {scale.kind.replace('_', ' ')} ({meaning}), "
                       f"but its polarity in the catalogue is {polarity}.",
                       f"Give '{dep}' the polarity {wanted} in the catalogue, or set the scale it really has.",
                       file=config.file, **spot)
        return
    numbers = pd.to_numeric(values["value"], errors="coerce").dropna()
    off = sorted({float(v) for v in numbers if national_fifth(float(v), scale) is None})
    if off:
        shown = ", ".join(f"{v:g}" for v in off[:5])
        fix = {"national_decile": "deciles are whole numbers from 1 (most deprived 10%) to 10",
               "national_rank": f"ranks run from 1 (most deprived) to {scale.ranked} ('context.deprivation_ranked')"}
        problems.error(f"'{dep}' has values that are not a {scale.kind.replace('_', ' ')}: {shown}.",
                       f"Check the indicator: {fix.get(scale.kind, '')}; or set 'context.deprivation_scale' to "
                       "the scale it has.", file=config.file, **spot)
    if scale.kind == "national_score" and len(numbers) and numbers.between(0, 1).all() and max(scale.cuts) > 1:
        problems.error(f"The values of '{dep}' are on a 0 to 1 scale (an IoD domain score such as income is a "
                       f"rate), but 'context.deprivation_cuts' goes up to {max(scale.cuts):g}: every area would be "
                       "in the least deprived fifth.",
                       "Give the cut points on the scale of the values (0.21, not 21).", file=config.file,
                       **config.where("context.deprivation_cuts"))


def _focus(config: Config, areas: pd.DataFrame, focus_type: str, problems: Problems):
    """Mask of the areas inside the focus area; problems when there is nothing to analyse in it."""
    spot = config.where("focus_area")
    types = config.type_order
    column = f"{focus_type}_code"
    if focus_type not in types or types.index(focus_type) == 0 or column not in areas.columns:
        problems.error(f"The focus area '{config.focus_area}' is a {focus_type}, the smallest area type: the "
                       "strategy's area must be made of smaller areas to compare.",
                       f"Set 'focus_area' to the code of the area the strategy is for, usually a {types[-1]}.",
                       file=config.file, **spot)
        return None
    inside = (areas[column].astype("string") == config.focus_area).fillna(False).to_numpy(dtype=bool)
    ranked = ranked_type(types, config.profile_area_type)
    if not (inside & (areas["area_type"] == ranked).to_numpy()).any():
        # a focus area of the largest type is what the strategy needs: then the ranked type is at fault
        where = config.where("profiles.area_type") if config.profile_area_type and focus_type == types[-1] else spot
        problems.error(f"The gap analysis ranks the {ranked}s inside the focus area '{config.focus_area}' "
                       f"(a {focus_type}), but there are none.",
                       f"Set 'profiles.area_type' to a type of area inside the {focus_type}, or 'focus_area' to "
                       f"an area that contains {ranked}s.", file=config.file, **where)
    return inside


def _comparators(config: Config, areas: pd.DataFrame, kinds: dict[str, str], with_values: set[str],
                 problems: Problems) -> None:
    types = config.type_order
    members = {c.type: set() for c in config.custom_areas}
    for custom in config.custom_areas:
        members[custom.type] |= {kinds[m] for m in custom.members if m in kinds}
    users = [t for t, tokens in config.comparators.items() if "england" in tokens]
    if users and config.england_code not in with_values:
        problems.warn(f"No value file has values for England ({config.england_code}), the 'england' comparator of "
                      f"{', '.join(users)} areas: every comparison with England will be 'Not compared'.",
                      "Add England's values (e.g. a Fingertips download includes them), or check "
                      "'geography.england.code'.", file=config.file, **config.where("benchmarks.comparators"))
    given = (config.raw.get("benchmarks") or {}).get("comparators") or {}
    for area_type, tokens in config.comparators.items():
        setting = f"benchmarks.comparators.{area_type}"
        if area_type not in given:
            continue  # the defaults always work
        for token in tokens:
            if token in types and area_type in members:
                finest = max((types.index(t) for t in members[area_type] if t in types), default=None)
                if finest is not None and types.index(token) <= finest:
                    problems.error(f"The {area_type} areas are made of {types[finest]}s, so they cannot be compared "
                                   f"with a {token}: not every one lies inside a single {token}.",
                                   f"Name a type larger than {types[finest]} ("
                                   f"{', '.join(types[finest + 1:]) or 'none is larger'}), 'england' or an area "
                                   "code.", file=config.file, **config.where(setting))
            elif (token not in types and token != "england" and token not in with_values
                  and kinds.get(token, "comparator") == "comparator"):  # a code outside the lookup, no values
                problems.error(f"The comparator '{token}' of {area_type} areas has no values in the value files, "
                               f"so no {area_type} would be compared with it.",
                               f"Add '{token}''s values to a value file, or correct the code.",
                               file=config.file, **config.where(setting))
