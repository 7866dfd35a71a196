"""Target-setting methods, chosen per measure by name from a registry a council can extend.

A method turns a measure's baseline (and, if it wants, the comparator's value and the
recent history) into one target per target year. It receives a :class:`TargetContext`
and its parameters as keyword arguments, and returns a :class:`Targets` frame with, per
year, a ``target`` and, for a range target, ``low`` and ``high``:

* a **single** target (``low``/``high`` missing) is met on its good side, so it needs a
  polarity (``higher_is_better`` or ``lower_is_better``);
* a **range** target (``low <= value <= high``) is met inside the range; methods give
  one when asked for a ``tolerance`` and for indicators with no polarity.

Built in (see ``docs/outcomes-format.md`` for worked examples):

=====================  ==========================================================
``reach_comparator``   reach the comparator's value by year ``by``, on a straight line
``close_gap``          close ``share`` of the baseline gap to the comparator each year
``hold``               keep the baseline
``continue_trend``     extend the straight-line trend of the last ``periods`` periods
``explicit``           the values given, one per target year
=====================  ==========================================================

Polarity: a method never sets a target worse than the baseline for an indicator with
a polarity (already better than the comparator: hold; trend getting worse: hold).

Add a method with the decorator; its keyword-only parameters become the parameters
that ``outcomes.yml`` may give (those without a default are required)::

    @register_target_method("ten_percent_better")
    def ten_percent(ctx, *, share: float = 0.1):
        step = ctx.baseline * share * ctx.sign
        return Targets.single(ctx.years, [ctx.baseline + step] * len(ctx.years))
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from evidence.errors import DataError, unknown_name
from evidence.polarity import polarity_sign

__all__ = [
    "TargetContext",
    "TargetMethod",
    "Targets",
    "get_target_method",
    "register_target_method",
    "target_method_names",
]

TARGET_COLUMNS = ("year", "target", "low", "high")


@dataclass(frozen=True)
class TargetContext:
    """What a target method may use for one measure.

    Attributes
    ----------
    baseline, baseline_year
        The latest value for the measure's area and the first calendar year of its period.
    years
        The target years, ascending.
    polarity
        ``higher_is_better``, ``lower_is_better`` or ``no_judgement``.
    comparator
        The comparator's value for the baseline period (NaN when unknown).
    history
        Values of the measure's area by year (ascending), ending at the baseline.
    """

    baseline: float
    baseline_year: int
    years: tuple[int, ...]
    polarity: str
    comparator: float = float("nan")
    history: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better, 0 with no polarity."""
        return polarity_sign(self.polarity)

    def better_or_equal(self, a: float, b: float) -> bool:
        """Whether ``a`` is at least as good as ``b`` (False with no polarity)."""
        return self.sign != 0 and (a - b) * self.sign >= 0


class Targets:
    """Helpers that build a method's result: a frame with ``year, target, low, high``."""

    @staticmethod
    def single(years: Sequence[int], targets: Sequence[float]) -> pd.DataFrame:
        """One single (one-sided) target per year."""
        return pd.DataFrame({"year": list(years), "target": np.asarray(targets, dtype=float),
                             "low": np.nan, "high": np.nan})

    @staticmethod
    def ranges(years: Sequence[int], targets: Sequence[float], low: Sequence[float],
               high: Sequence[float]) -> pd.DataFrame:
        """One range target per year (``target`` is the middle of the path)."""
        return pd.DataFrame({"year": list(years), "target": np.asarray(targets, dtype=float),
                             "low": np.asarray(low, dtype=float), "high": np.asarray(high, dtype=float)})


@dataclass(frozen=True)
class TargetMethod:
    """A registered method: its function, parameters and optional parameter check."""

    name: str
    func: Callable[..., pd.DataFrame]
    check: Callable[[Mapping[str, Any], Sequence[int]], list[str]] | None = None
    uses_baseline: bool = True  # False: targets that do not depend on the data (kept when the baseline is hidden)

    @property
    def parameters(self) -> dict[str, bool]:
        """Parameter name -> required, from the function's keyword-only arguments."""
        sig = inspect.signature(self.func)
        return {p.name: p.default is inspect.Parameter.empty for p in sig.parameters.values()
                if p.kind is inspect.Parameter.KEYWORD_ONLY}

    @property
    def description(self) -> str:
        return (inspect.getdoc(self.func) or "").split("\n", 1)[0]

    def __call__(self, ctx: TargetContext, params: Mapping[str, Any]) -> pd.DataFrame:
        result = self.func(ctx, **dict(params))
        missing = [c for c in TARGET_COLUMNS if c not in result.columns]
        if missing:
            raise DataError(f"Target method {self.name!r} returned no {', '.join(missing)} column(s); "
                            "build its result with Targets.single or Targets.ranges.")
        return pd.DataFrame(result[list(TARGET_COLUMNS)]).reset_index(drop=True)


_REGISTRY: dict[str, TargetMethod] = {}


def register_target_method(name: str, *, check: Callable[[Mapping[str, Any], Sequence[int]], list[str]] | None = None,
                           replace: bool = False, uses_baseline: bool = True) -> Callable[[Callable[..., pd.DataFrame]], Callable[..., pd.DataFrame]]:
    """Register a target method under ``name`` (decorator).

    Parameters
    ----------
    name
        The name ``outcomes.yml`` uses in ``target_method``.
    check
        Optional ``check(params, years) -> list of messages`` run when the framework
        is read, for checks the signature cannot express.
    replace
        Allow replacing a method already registered under ``name``.
    uses_baseline
        Whether the targets depend on the measure's data (baseline, comparator, history).
        A measure whose baseline is hidden by disclosure control gets no targets from
        such a method (they could give the hidden figure back); ``False`` (targets typed
        in ``outcomes.yml``, as ``explicit``) keeps them.

    Examples
    --------
    >>> from evidence.outcomes import register_target_method, Targets
    >>> @register_target_method("doc_example_plus_one", replace=True)
    ... def plus_one(ctx, *, step: float = 1.0):
    ...     return Targets.single(ctx.years, [ctx.baseline + step] * len(ctx.years))
    >>> "doc_example_plus_one" in target_method_names()
    True
    """
    key = name.strip().lower()

    def decorate(func: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
        if key in _REGISTRY and not replace:
            raise DataError(f"A target method named {key!r} is already registered; pass replace=True to replace it.")
        _REGISTRY[key] = TargetMethod(key, func, check, uses_baseline)
        return func

    return decorate


def target_method_names() -> list[str]:
    """The registered method names, sorted."""
    return sorted(_REGISTRY)


def get_target_method(name: str) -> TargetMethod:
    """The method registered as ``name``; an unknown name lists the allowed ones."""
    method = _REGISTRY.get(str(name).strip().lower())
    if method is None:
        raise unknown_name("target method", name, _REGISTRY)
    return method


# --- built-in methods -------------------------------------------------------------------


def _finish(ctx: TargetContext, path: np.ndarray, tolerance: float | None, towards: float) -> pd.DataFrame:
    """Single targets with a polarity; range targets with a tolerance or no polarity.

    With no polarity and no tolerance the range runs from the path to ``towards``
    (the comparator): at least that close to it is met.
    """
    if tolerance is not None:
        return Targets.ranges(ctx.years, path, path - tolerance, path + tolerance)
    if ctx.sign == 0:
        end = np.full_like(path, towards if np.isfinite(towards) else np.nan)
        end = np.where(np.isnan(end), path, end)
        return Targets.ranges(ctx.years, path, np.minimum(path, end), np.maximum(path, end))
    return Targets.single(ctx.years, path)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_common(params: Mapping[str, Any], years: Sequence[int]) -> list[str]:
    """Checks of the parameters several built-in methods share: ``tolerance`` and ``by``."""
    messages = []
    tolerance = params.get("tolerance")
    if tolerance is not None and (not _number(tolerance) or tolerance < 0):
        messages.append(f"'tolerance' must be a number of 0 or more (in the indicator's units); got {tolerance!r}.")
    by = params.get("by")
    if by is not None and (not isinstance(by, int) or isinstance(by, bool) or not 1900 <= by <= 2200):
        messages.append(f"'by' must be a year such as 2027; got {by!r}.")
    return messages


def _need_comparator(ctx: TargetContext, method: str) -> None:
    if not np.isfinite(ctx.comparator):
        raise DataError(f"Target method {method!r} needs the comparator's value for the baseline period, and "
                        "there is none; set 'comparator' on the measure or choose another method.")


@register_target_method("reach_comparator", check=_check_common)
def reach_comparator(ctx: TargetContext, *, by: int | None = None, tolerance: float | None = None) -> pd.DataFrame:
    """Reach the comparator's value by year ``by`` (default the last target year), on a straight line.

    Already at least as good as the comparator: hold the baseline.
    """
    _need_comparator(ctx, "reach_comparator")
    by = int(by if by is not None else max(ctx.years))
    years = np.asarray(ctx.years, dtype=float)
    span = by - ctx.baseline_year
    share = np.ones_like(years) if span <= 0 else np.clip((years - ctx.baseline_year) / span, 0, 1)
    if ctx.better_or_equal(ctx.baseline, ctx.comparator):
        share = np.zeros_like(years)
    path = ctx.baseline + (ctx.comparator - ctx.baseline) * share
    return _finish(ctx, path, tolerance, ctx.comparator)


def _check_share(params: Mapping[str, Any], years: Sequence[int]) -> list[str]:
    share = params.get("share")
    if not _number(share) or not 0 < share <= 1:
        return [f"'share' must be a number above 0 and at most 1 (0.25 closes a quarter of the gap a year); "
                f"got {share!r}.", *_check_common(params, years)]
    return _check_common(params, years)


@register_target_method("close_gap", check=_check_share)
def close_gap(ctx: TargetContext, *, share: float, tolerance: float | None = None) -> pd.DataFrame:
    """Close ``share`` (0 to 1) of the baseline gap to the comparator each year after the baseline year.

    After year ``k`` the gap is ``max(0, 1 - share * k)`` of the baseline gap. Already at
    least as good as the comparator: hold the baseline.
    """
    _need_comparator(ctx, "close_gap")
    years = np.asarray(ctx.years, dtype=float)
    closed = np.clip(float(share) * np.maximum(years - ctx.baseline_year, 0), 0, 1)
    if ctx.better_or_equal(ctx.baseline, ctx.comparator):
        closed = np.zeros_like(years)
    path = ctx.baseline + (ctx.comparator - ctx.baseline) * closed
    return _finish(ctx, path, tolerance, ctx.comparator)


@register_target_method("hold", check=_check_common)
def hold(ctx: TargetContext, *, tolerance: float | None = None) -> pd.DataFrame:
    """Keep the baseline: no worse than it (with a polarity), or within ``tolerance`` of it."""
    path = np.full(len(ctx.years), ctx.baseline, dtype=float)
    return _finish(ctx, path, tolerance if tolerance is not None or ctx.sign else 0.0, ctx.baseline)


def _check_periods(params: Mapping[str, Any], years: Sequence[int]) -> list[str]:
    periods = params.get("periods", 5)
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 2:
        return [f"'periods' must be a whole number of 2 or more; got {periods!r}.", *_check_common(params, years)]
    return _check_common(params, years)


@register_target_method("continue_trend", check=_check_periods)
def continue_trend(ctx: TargetContext, *, periods: int = 5, tolerance: float | None = None) -> pd.DataFrame:
    """Extend the least-squares straight line through the last ``periods`` values from the baseline.

    A trend getting worse gives a target to hold the baseline (never a target to get worse).
    """
    history = ctx.history.dropna().sort_index().iloc[-int(periods):]
    if len(history) < 2:
        raise DataError(f"Target method 'continue_trend' needs at least 2 periods of data; found {len(history)}.")
    slope = float(np.polyfit(history.index.astype(float), history.to_numpy(dtype=float), 1)[0])
    if ctx.sign and slope * ctx.sign < 0:
        slope = 0.0
    path = ctx.baseline + slope * (np.asarray(ctx.years, dtype=float) - ctx.baseline_year)
    return _finish(ctx, path, tolerance if tolerance is not None or ctx.sign else 0.0, ctx.baseline)


def _check_explicit(params: Mapping[str, Any], years: Sequence[int]) -> list[str]:
    values = params.get("values")
    if not isinstance(values, Mapping):
        return ["'values' must map each target year to a number or [low, high], e.g. {2025: 60, 2026: [55, 65]}."]
    messages = []
    missing = [y for y in years if y not in values]
    if missing:
        messages.append(f"'values' gives no target for {', '.join(map(str, missing))}.")
    for year, value in values.items():
        pair = isinstance(value, (list, tuple))
        numbers = list(value) if pair else [value]
        ok = all(_number(v) for v in numbers)
        if not ok or (pair and (len(numbers) != 2 or numbers[0] > numbers[1])):
            messages.append(f"'values' for {year} must be a number or [low, high] with low <= high; got {value!r}.")
    return messages


@register_target_method("explicit", check=_check_explicit, uses_baseline=False)
def explicit(ctx: TargetContext, *, values: Mapping[int, Any]) -> pd.DataFrame:
    """The values given, one per target year: a number (single target) or ``[low, high]`` (range)."""
    missing = [y for y in ctx.years if y not in values]
    if missing:
        raise DataError(f"Target method 'explicit' has no value for {', '.join(map(str, missing))}; "
                        "give one for every target year.")
    rows = []
    for year in ctx.years:
        value = values[year]
        if isinstance(value, (list, tuple)):
            low, high = float(value[0]), float(value[1])
            rows.append((year, (low + high) / 2, low, high))
        else:
            rows.append((year, float(value), np.nan, np.nan))
    return pd.DataFrame(rows, columns=list(TARGET_COLUMNS))
