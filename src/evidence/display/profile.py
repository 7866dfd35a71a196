"""``eb.profile(code)``: an area's profile inline, the same sections as its exported page.

The sections come from :func:`evidence.profiles.build_profile`, as the profile notebook
displays them; ``data`` is the area's latest published figure of every indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence.profiles.content import Profile, build_profile
from evidence.profiles.standouts import area_latest
from evidence.published import as_published
from evidence.render._html import Markup

from evidence.display._view import View

__all__ = ["ProfileView", "profile_view"]


@dataclass(frozen=True, eq=False, repr=False)
class ProfileView(View):
    """A profile in a notebook: ``profile`` holds its sections (``.section(id)``, ``.themes()``)."""

    profile: Profile | None = None


def profile_view(evidence: object, code: str, *, map_indicator: str | None = None) -> ProfileView:
    """The profile of area ``code`` (see :func:`~evidence.profiles.build_profile`)."""
    shown = as_published(evidence)
    profile = build_profile(shown, code, map_indicator=map_indicator)
    latest = area_latest(shown.values, shown.indicators, code)
    keep = [c for c in ("indicator_id", "name", "theme", "period", "value", "lower", "upper", "comparator_code",
                        "comparator_value", "judgement", "trend", "suppressed") if c in latest.columns]
    return ProfileView(profile.title, Markup(profile._repr_html_()), latest[keep], height=1400, profile=profile)
