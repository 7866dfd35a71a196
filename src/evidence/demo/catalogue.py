"""The demo indicator catalogue and the parameters of each indicator's value model.

Every :class:`Spec` is one row of ``indicators.csv`` plus the few numbers that make
its values plausible: a district level at the first period, how strongly it follows
deprivation (``slope``) and urbanity (``urban``), its trend, shocks (the pandemic) and
planted effects in particular wards. Effects are on the link scale of the value type:
logit for proportions, log for rates, DSRs and scores, additive for means.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CATALOGUE", "CATALOGUE_COLUMNS", "PERIODS", "THEMES", "Spec", "planted_indicators"]

THEMES = [
    ("safer", "Safer"),
    ("healthy", "Healthy"),
    ("young_people", "Young People"),
    ("getting_around", "Getting Around"),
    ("thriving", "Thriving"),
    ("learning", "Learning"),
]

#: Period labels by kind; year index 0 is 2017 (or 2017/18).
PERIODS: dict[str, list[str]] = {
    "fy": [f"{y}/{(y + 1) % 100:02d}" for y in range(2017, 2024)],
    "cal": [str(y) for y in range(2018, 2025)],
    "pooled": [f"{y} - {(y + 4) % 100:02d}" for y in range(2014, 2020)],
    "census": ["2011", "2021"],
    "imd": ["2019"],
}

CATALOGUE_COLUMNS = [
    "id", "name", "theme", "unit", "polarity", "value_type", "multiplier", "source",
    "definition",
]


@dataclass(frozen=True)
class Spec:
    """One indicator: its catalogue row and its value model."""

    id: str
    name: str
    theme: str
    unit: str
    polarity: str
    value_type: str
    multiplier: int
    source: str
    definition: str
    level: str  # lsoa, ward, district or fingertips
    periods: str  # a key of PERIODS
    denominator: str | None  # a population group, "survey", or None (value only)
    base: float  # district value at year index 0, on the indicator's scale
    england: float  # England value at year index 0
    slope: float = 0.0  # per unit of deprivation
    urban: float = 0.0  # per unit of urbanity (1 = town centre)
    trend: float = 0.0  # per year
    dep_trend: float = 0.0  # extra per year in the deprived wards
    shocks: tuple[tuple[int, float], ...] = ()  # (period index, effect)
    roles: tuple[tuple[str, float], ...] = ()  # (planted ward role, effect)
    skip: tuple[int, ...] = ()  # period indexes never published
    decimals: int = 1

    def row(self) -> list[str]:
        """The catalogue row, as written to ``indicators.csv``."""
        return [self.id, self.name, self.theme, self.unit, self.polarity, self.value_type,
                str(self.multiplier), self.source, self.definition]


_PCT, _K, _100K = "%", "per 1,000", "per 100,000"
_LOWER, _HIGHER, _NONE = "lower_is_better", "higher_is_better", "no_judgement"
_POLICE = "Police recorded crime (Home Office)"
_SURVEY = "Demoshire Residents Survey"
_OHID = "OHID Fingertips"
_COVID_FY, _COVID_CAL = 3, 2  # 2020/21, 2020

CATALOGUE: list[Spec] = [
    # --- Safer -------------------------------------------------------------------
    Spec("safer_violent_crime", "Violent crime", "safer", _K, _LOWER, "rate", 1000, _POLICE,
         "Violence against the person offences per 1,000 residents.",
         "lsoa", "fy", "pop", 27.0, 31.0, slope=0.55, trend=0.02, dep_trend=0.05),
    Spec("safer_asb", "Anti-social behaviour", "safer", _K, _LOWER, "rate", 1000,
         "Demoshire Police", "Anti-social behaviour incidents recorded by the police per "
         "1,000 residents.", "lsoa", "fy", "pop", 21.0, 25.0, slope=0.5, trend=-0.06,
         shocks=((_COVID_FY, 0.35),)),
    Spec("safer_burglary", "Residential burglary", "safer", "per 1,000 households", _LOWER,
         "rate", 1000, _POLICE, "Residential burglaries per 1,000 households.",
         "lsoa", "fy", "households", 5.5, 6.2, slope=0.35, trend=-0.07),
    Spec("safer_criminal_damage", "Criminal damage and arson", "safer", _K, _LOWER, "rate",
         1000, _POLICE, "Criminal damage and arson offences per 1,000 residents.",
         "lsoa", "fy", "pop", 8.5, 9.1, slope=0.45, trend=-0.02),
    Spec("safer_domestic_abuse", "Domestic abuse", "safer", _K, _LOWER, "rate", 1000,
         "Demoshire Police", "Domestic abuse-related incidents and crimes per 1,000 "
         "residents.", "lsoa", "fy", "pop", 24.0, 27.0, slope=0.6, trend=0.03,
         dep_trend=0.03),
    Spec("safer_feel_safe", "Feel safe after dark", "safer", _PCT, _HIGHER, "proportion", 100,
         _SURVEY, "Residents who feel very or fairly safe outside in their local area after "
         "dark (England: Community Life Survey).", "ward", "cal", "survey", 68.0, 70.0,
         slope=-0.35, trend=-0.01),
    Spec("safer_first_time_entrants", "First-time entrants to youth justice", "safer",
         "per 100,000 aged 10-17", _LOWER, "rate", 100000, "Ministry of Justice",
         "Young people aged 10-17 receiving their first caution or conviction, per 100,000.",
         "district", "cal", "age10_17", 180.0, 210.0, trend=-0.08),
    # --- Healthy -----------------------------------------------------------------
    Spec("healthy_life_expectancy_male", "Life expectancy at birth (males)", "healthy",
         "years", _HIGHER, "mean", 1, "ONS / OHID Local Health",
         "Average years a newborn boy would live at current mortality rates (5 years pooled).",
         "ward", "pooled", None, 80.1, 79.4, slope=-2.4, trend=0.05,
         shocks=((5, -0.25),)),
    Spec("healthy_life_expectancy_female", "Life expectancy at birth (females)", "healthy",
         "years", _HIGHER, "mean", 1, "ONS / OHID Local Health",
         "Average years a newborn girl would live at current mortality rates (5 years "
         "pooled).", "ward", "pooled", None, 83.6, 83.1, slope=-2.0, trend=0.04,
         shocks=((5, -0.2),)),
    Spec("healthy_obesity_year6", "Obesity in Year 6", "healthy", _PCT, _LOWER, "proportion",
         100, "NHS England National Child Measurement Programme", "Children in Year 6 "
         "(aged 10-11) with obesity, including severe obesity.", "lsoa", "fy", "year_group",
         20.0, 21.0, slope=0.4, trend=0.01, dep_trend=0.04, shocks=((_COVID_FY, 0.15),)),
    Spec("healthy_obesity_reception", "Obesity in Reception", "healthy", _PCT, _LOWER,
         "proportion", 100, "NHS England National Child Measurement Programme",
         "Children in Reception (aged 4-5) with obesity, including severe obesity.",
         "lsoa", "fy", "year_group", 9.0, 9.7, slope=0.35, shocks=((_COVID_FY, 0.2),)),
    Spec("healthy_emergency_admissions", "Emergency hospital admissions", "healthy", _K,
         _LOWER, "rate", 1000, "NHS England Hospital Episode Statistics", "Emergency "
         "admissions to hospital for any cause per 1,000 residents (crude rate).",
         "lsoa", "fy", "pop", 92.0, 100.0, slope=0.3, trend=0.015,
         shocks=((_COVID_FY, -0.15),)),
    Spec("healthy_premature_mortality", "Deaths under 75", "healthy", _100K, _LOWER, "rate",
         100000, "ONS death registrations", "Deaths from all causes under age 75 per "
         "100,000 residents (crude rate).", "lsoa", "cal", "pop", 320.0, 340.0, slope=0.45,
         trend=-0.01, shocks=((_COVID_CAL, 0.12), (_COVID_CAL + 1, 0.08))),
    Spec("healthy_low_birth_weight", "Low birth weight of term babies", "healthy", _PCT,
         _LOWER, "proportion", 100, "ONS birth registrations", "Live births at 37 weeks "
         "or more weighing under 2,500 g.", "lsoa", "cal", "births", 2.7, 2.9, slope=0.3),
    Spec("healthy_population", "Resident population", "healthy", "people", _NONE, "count", 1,
         "ONS mid-year population estimates", "Usual residents at 30 June.",
         "lsoa", "cal", "pop", 0.0, 0.0, decimals=0),
    Spec("healthy_population_65plus", "Population aged 65 and over", "healthy", _PCT, _NONE,
         "proportion", 100, "ONS mid-year population estimates", "Residents aged 65 and "
         "over as a share of all residents.", "lsoa", "cal", "pop", 0.0, 18.6),
    Spec("healthy_flu_vaccination_65", "Flu vaccination aged 65+", "healthy", _PCT, _HIGHER,
         "proportion", 100, "UKHSA", "People aged 65 and over vaccinated against flu "
         "(GP-registered population).", "district", "fy", "pop65", 73.5, 72.0, trend=0.02,
         shocks=((_COVID_FY, 0.3), (_COVID_FY + 1, 0.25))),
    Spec("92443", "Smoking prevalence in adults", "healthy", _PCT, _LOWER, "proportion", 100,
         _OHID + " (Annual Population Survey)", "Adults aged 18 and over who currently "
         "smoke (survey estimate, district only).", "fingertips", "cal", "survey", 14.5,
         14.4, trend=-0.06),
    Spec("93014", "Physically active adults", "healthy", _PCT, _HIGHER, "proportion", 100,
         _OHID + " (Sport England Active Lives)", "Adults aged 19 and over doing at least "
         "150 moderate-intensity minutes of activity a week.", "fingertips", "fy", "survey",
         67.0, 66.3, trend=0.005),
    Spec("21001", "Emergency admissions for self-harm", "healthy", _100K, _LOWER, "dsr",
         100000, _OHID, "Emergency hospital admissions for intentional self-harm, directly "
         "age-standardised rate per 100,000.", "fingertips", "fy", "pop", 205.0, 185.0,
         trend=-0.02),
    Spec("93764", "Admissions for alcohol-related conditions", "healthy", _100K, _LOWER,
         "dsr", 100000, _OHID, "Admission episodes for alcohol-related conditions (narrow "
         "measure), directly age-standardised rate per 100,000.", "fingertips", "fy", "pop",
         470.0, 490.0, trend=0.01),
    # --- Young people ------------------------------------------------------------
    Spec("yp_child_poverty", "Children in relative low income families", "young_people", _PCT,
         _LOWER, "proportion", 100, "DWP Children in low income families", "Children aged "
         "under 16 in families with relative low income (before housing costs).",
         "lsoa", "fy", "children", 15.5, 18.5, slope=0.75, trend=0.01, dep_trend=0.05),
    Spec("yp_free_school_meals", "Pupils eligible for free school meals", "young_people", _PCT,
         _LOWER, "proportion", 100, "DfE School census", "Pupils resident in the area "
         "known to be eligible for free school meals.", "lsoa", "fy", "pupils", 16.0, 20.0,
         slope=0.8, trend=0.07),
    Spec("yp_ks2_expected", "Key stage 2 expected standard", "young_people", _PCT, _HIGHER,
         "proportion", 100, "DfE Key stage 2 attainment", "Pupils meeting the expected "
         "standard in reading, writing and maths at the end of primary school (no tests in "
         "2019/20 and 2020/21).", "lsoa", "fy", "year_group", 63.0, 64.0, slope=-0.5,
         trend=-0.01, skip=(2, 3), shocks=((4, -0.15), (5, -0.1))),
    Spec("yp_gcse_grade5", "GCSE grade 5+ in English and maths", "young_people", _PCT,
         _HIGHER, "proportion", 100, "DfE Key stage 4 performance", "Pupils achieving "
         "grade 5 or above in English and maths GCSEs.", "lsoa", "fy", "year_group", 45.0,
         43.0, slope=-0.55, dep_trend=-0.03, shocks=((3, 0.25), (4, 0.3), (5, 0.1))),
    Spec("yp_higher_education", "Entry to higher education by 19", "young_people", _PCT,
         _HIGHER, "proportion", 100, "DfE Widening participation in higher education",
         "Young people who entered higher education by age 19.", "lsoa", "fy",
         "year_group", 38.0, 43.0, slope=-0.6, trend=0.01),
    Spec("yp_neet", "16-17 year olds not in education, employment or training", "young_people",
         _PCT, _LOWER, "proportion", 100, "DfE NEET and participation (Demoshire County "
         "Council)", "16-17 year olds not in education, employment or training, or whose "
         "activity is not known.", "ward", "fy", "age16_17", 5.5, 5.2, slope=0.5,
         trend=-0.02, dep_trend=0.03),
    Spec("yp_claimant_18_24", "Young people claiming unemployment benefits", "young_people",
         _PCT, _LOWER, "proportion", 100, "DWP / ONS Claimant count", "Residents aged "
         "18-24 claiming unemployment-related benefits (annual average).", "lsoa", "cal",
         "age18_24", 4.2, 5.0, slope=0.6, shocks=((_COVID_CAL, 0.6), (_COVID_CAL + 1, 0.35))),
    Spec("yp_teenage_conceptions", "Under-18 conceptions", "young_people",
         "per 1,000 females aged 15-17", _LOWER, "rate", 1000, "ONS Conceptions statistics",
         "Conceptions to women aged under 18 per 1,000 females aged 15-17.",
         "district", "cal", "females15_17", 14.0, 15.5, trend=-0.06),
    # --- Getting around ----------------------------------------------------------
    Spec("ga_no_car", "Households without a car or van", "getting_around", _PCT, _NONE,
         "proportion", 100, "ONS Census", "Households with no car or van available.",
         "lsoa", "census", "households", 21.0, 25.8, slope=0.7, urban=0.5, trend=-0.013),
    Spec("ga_road_ksi", "Killed or seriously injured on the roads", "getting_around", _100K,
         _LOWER, "rate", 100000, "DfT Road casualties (STATS19)", "People killed or "
         "seriously injured in road collisions in the area, per 100,000 residents.",
         "lsoa", "cal", "pop", 40.0, 46.0, slope=0.15, urban=-0.3, trend=-0.02,
         shocks=((_COVID_CAL, -0.2),), roles=(("road", 1.6),)),
    Spec("ga_bus_access", "Homes near an hourly bus", "getting_around", _PCT, _HIGHER,
         "proportion", 100, "Demoshire County Council (NaPTAN and timetables)", "Households "
         "within 400 m of a bus stop served at least hourly on weekdays.", "lsoa", "cal",
         "households", 78.0, 84.0, urban=2.5, trend=-0.04, roles=(("road", -1.2),)),
    Spec("ga_gp_travel_time", "Travel time to a GP", "getting_around", "minutes", _LOWER,
         "mean", 1, "DfT Journey time statistics", "Average minimum travel time to the "
         "nearest GP surgery by public transport or walking.", "lsoa", "cal", None, 17.0,
         13.0, urban=-9.0, trend=0.15, roles=(("road", 4.0),)),
    Spec("ga_active_travel", "Walking or cycling for travel", "getting_around", _PCT, _HIGHER,
         "proportion", 100, _SURVEY, "Adults who walk or cycle for travel at least three "
         "times a week (England: Active Lives).", "ward", "cal", "survey", 21.0, 19.0,
         urban=0.6, trend=0.01),
    Spec("ga_bus_satisfaction", "Satisfied with local bus services", "getting_around", _PCT,
         _HIGHER, "proportion", 100, _SURVEY, "Residents satisfied with local bus services "
         "(England: National Highways and Transport survey).", "ward", "cal", "survey", 52.0,
         57.0, urban=0.8, trend=-0.04),
    # --- Thriving ----------------------------------------------------------------
    Spec("thr_claimant_rate", "Claimant count", "thriving", _PCT, _LOWER, "proportion", 100,
         "DWP / ONS Claimant count", "Residents aged 16-64 claiming unemployment-related "
         "benefits (annual average).", "lsoa", "cal", "pop16_64", 2.3, 2.8, slope=0.75,
         shocks=((_COVID_CAL, 0.75), (_COVID_CAL + 1, 0.5), (_COVID_CAL + 2, 0.15))),
    Spec("thr_fuel_poverty", "Households in fuel poverty", "thriving", _PCT, _LOWER,
         "proportion", 100, "DESNZ Sub-regional fuel poverty", "Households in fuel poverty "
         "(low income, low energy efficiency).", "lsoa", "cal", "households", 12.0, 13.2,
         slope=0.5, urban=-0.2, trend=0.01, dep_trend=0.04),
    Spec("thr_imd_score", "Index of Multiple Deprivation score", "thriving", "score", _LOWER,
         "score", 1, "MHCLG English Indices of Deprivation 2019", "Overall IMD 2019 score "
         "(district and England: population-weighted average of LSOA scores).", "lsoa", "imd",
         None, 16.0, 21.7, slope=0.55, decimals=2),
    Spec("thr_satisfaction_area", "Satisfied with the local area", "thriving", _PCT, _HIGHER,
         "proportion", 100, _SURVEY, "Residents satisfied with their local area as a place "
         "to live (England: Community Life Survey).", "ward", "cal", "survey", 79.0, 76.0,
         slope=-0.6, trend=-0.01, dep_trend=-0.05),
    Spec("thr_volunteering", "Formal volunteering", "thriving", _PCT, _HIGHER, "proportion",
         100, _SURVEY, "Residents who volunteered formally at least once in the last 12 "
         "months (England: Community Life Survey).", "ward", "cal", "survey", 29.0, 27.0,
         slope=-0.5, shocks=((_COVID_CAL, -0.3), (_COVID_CAL + 1, -0.2))),
    Spec("thr_employment_rate", "Employment rate", "thriving", _PCT, _HIGHER, "proportion",
         100, "ONS Annual Population Survey", "Residents aged 16-64 in employment (survey "
         "estimate with 95% limits).", "district", "cal", "survey", 77.5, 75.6,
         shocks=((_COVID_CAL, -0.08),)),
    Spec("thr_median_pay", "Median weekly pay", "thriving", "£", _HIGHER, "mean", 1,
         "ONS Annual Survey of Hours and Earnings", "Median gross weekly pay of full-time "
         "employees living in the area (with 95% limits).", "district", "cal", None, 585.0,
         574.0, trend=0.035, decimals=0),
    Spec("thr_temporary_accommodation", "Households in temporary accommodation", "thriving",
         "per 1,000 households", _LOWER, "rate", 1000, "MHCLG Statutory homelessness",
         "Households in temporary accommodation at 31 March per 1,000 households.",
         "district", "fy", "households", 1.1, 3.9, trend=0.05),
    # --- Learning ----------------------------------------------------------------
    Spec("lrn_no_qualifications", "Adults with no qualifications", "learning", _PCT, _LOWER,
         "proportion", 100, "ONS Census", "Residents aged 16 and over with no "
         "qualifications.", "lsoa", "census", "adults16", 20.0, 22.5, slope=0.7, trend=-0.027),
    Spec("lrn_persistent_absence", "Persistent absence", "learning", _PCT, _LOWER,
         "proportion", 100, "DfE Pupil absence in schools", "Pupils missing 10% or more of "
         "their possible sessions.", "lsoa", "fy", "pupils", 10.5, 11.0, slope=0.55,
         dep_trend=0.03, shocks=((4, 0.8), (5, 0.75), (6, 0.6))),
    Spec("lrn_adult_learning", "Adult learning participation", "learning", _K, _HIGHER, "rate",
         1000, "DfE Further education and skills", "Adults aged 19 and over in government-"
         "funded further education and skills, per 1,000.", "lsoa", "fy", "adults19", 32.0,
         35.0, slope=0.15, trend=-0.04),
    Spec("lrn_level3_by_19", "Level 3 qualification by 19", "learning", _PCT, _HIGHER,
         "proportion", 100, "DfE Level 2 and 3 attainment by age 19", "Young people "
         "qualified to level 3 (A level or equivalent) by age 19.", "district", "fy",
         "year_group", 58.0, 59.5, trend=0.01),
    Spec("lrn_good_schools", "Pupils in good or outstanding schools", "learning", _PCT,
         _HIGHER, "proportion", 100, "Ofsted", "Pupils at state-funded schools judged good "
         "or outstanding at their latest inspection.", "district", "cal", "pupils", 85.0,
         87.0, trend=0.03),
    Spec("lrn_library_visits", "Library visits", "learning", _K, _HIGHER, "rate", 1000,
         "Demoshire County Council library service", "Physical visits to libraries per "
         "1,000 residents.", "district", "fy", "pop", 2900.0, 3100.0, trend=-0.05,
         shocks=((_COVID_FY, -1.4), (_COVID_FY + 1, -0.5)), decimals=0),
    # --- Added later (appended so that earlier indicators keep their random streams) ----
    Spec("thr_cohesion", "People from different backgrounds get on well together", "thriving",
         _PCT, _HIGHER, "proportion", 100, _SURVEY, "Residents who agree that their local area "
         "is a place where people from different backgrounds get on well together (England: "
         "Community Life Survey); the outcome measure of the action-plan example.", "ward", "cal",
         "survey", 80.0, 82.0, slope=-0.3, trend=0.02, dep_trend=-0.04),
]


def planted_indicators(role: str) -> list[str]:
    """Ids of the indicators on which the wards with a planted ``role`` stand out.

    ``deprived`` wards are worse than the district, and ``affluent`` wards better, on
    every small-area indicator that follows deprivation strongly (``|slope| >= 0.4``)
    and has a polarity; the ``road`` ward is worse on the indicators given a ``road``
    effect.
    """
    if role == "road":
        return [s.id for s in CATALOGUE if any(r == "road" for r, _ in s.roles)]
    return [
        s.id for s in CATALOGUE
        if s.level in ("lsoa", "ward") and abs(s.slope) >= 0.4
        and s.polarity != "no_judgement" and s.value_type != "score"
    ]
