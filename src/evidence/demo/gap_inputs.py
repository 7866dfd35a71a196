"""The demo's gap-analysis inputs: an activity register and a rural-urban classification.

Both are derived from the scenario, so the planted geography shows in every part of
the gap analysis:

* ``activities.csv`` - what Demoshire's partnerships already do. Chosen so that some
  priority issues of the deprived wards have no activity (only one of the three
  deprived wards has domestic-abuse outreach; nothing addresses child poverty or
  persistent absence in two of them), one activity has ended (the village road-safety
  scheme) and two address issues the evidence does not show as a problem (volunteering
  in the affluent wards, a parks programme for physical activity).
* ``rural_urban.csv`` - an ONS RUC2011-style class of every LSOA from the scenario's
  ``urban`` trait: the town (C1 "Urban city and town"), its fringe (D1 "Rural town and
  fringe") and the villages at the edge (E1 "Rural village").

The formats are documented in ``docs/gap-analysis-inputs.md``.
"""

from __future__ import annotations

from evidence.demo.scenario import Scenario

__all__ = ["ACTIVITY_COLUMNS", "CLASSIFICATION_COLUMNS", "activity_rows", "classification_rows"]

ACTIVITY_COLUMNS = ["activity", "lead_partnership", "themes", "indicators", "areas", "start", "end"]
CLASSIFICATION_COLUMNS = ["area_code", "classification", "classification_name"]

_SAFER = "Safer Demoshire Partnership"
_HEALTH = "Demoshire Health and Wellbeing Board"
_ECONOMY = "Demoshire Economic Partnership"
_CHILDREN = "Demoshire Children and Young People's Partnership"
_TRANSPORT = "Demoshire Transport Board"


def activity_rows(scenario: Scenario) -> list[list[str]]:
    """The activity register: one row per activity (text cells, in ``ACTIVITY_COLUMNS`` order)."""
    wards = scenario.wards.sort_values("ward_code")
    deprived = wards.loc[wards["role"] == "deprived", "ward_code"].tolist()
    affluent = wards.loc[wards["role"] == "affluent", "ward_code"].tolist()
    road = wards.loc[wards["role"] == "road", "ward_code"].tolist()
    centre = scenario.neighbourhoods["code"].iloc[0]  # Town Centre Neighbourhood Partnership
    rural = scenario.neighbourhoods["code"].iloc[2]
    return [
        ["Safer Town Centre Partnership night-time economy plan", _SAFER, "", "safer_violent_crime;safer_asb",
         centre, "2022", "2026"],
        [f"Domestic abuse outreach in {wards.set_index('ward_code').at[deprived[0], 'ward_name']}", _SAFER, "",
         "safer_domestic_abuse", deprived[0], "2023", ""],
        ["Burglary target-hardening for older residents", _SAFER, "", "safer_burglary", "all", "2023", "2025"],
        ["Healthy Weight Demoshire", _HEALTH, "", "healthy_obesity_year6;healthy_obesity_reception", "all",
         "2021", "2025"],
        ["Active Demoshire parks programme", _HEALTH, "", "93014", "all", "2022", ""],
        ["Youth employment hub", _ECONOMY, "", "yp_neet;yp_claimant_18_24", ";".join(deprived[:2]), "2023",
         "2025"],
        ["Warm Homes Demoshire", _ECONOMY, "", "thr_fuel_poverty", "all", "2022", ""],
        ["Claimant support in the town centre", _ECONOMY, "", "thr_claimant_rate", centre, "2024", "2026"],
        ["Village road safety scheme", _TRANSPORT, "", "ga_road_ksi", ";".join(road), "2019", "2021"],
        ["Rural bus route review", _TRANSPORT, "Getting Around", "", rural, "2024", "2025"],
        ["Edge villages volunteering scheme", _ECONOMY, "", "thr_volunteering", ";".join(affluent), "2023", ""],
        [f"School attendance pilot in {wards.set_index('ward_code').at[deprived[1], 'ward_name']}", _CHILDREN, "",
         "lrn_persistent_absence", deprived[1], "2024", "2025"],
        ["Adult skills in the town centre", _ECONOMY, "Learning", "", centre, "2023", "2026"],
    ]


def classification_rows(scenario: Scenario) -> list[list[str]]:
    """An RUC2011-style class of every LSOA (sorted by code) from its ``urban`` trait."""
    rows = []
    for code, urban in sorted(zip(scenario.lsoas["lsoa_code"], scenario.lsoas["urban"])):
        if urban >= 0.1:
            rows.append([code, "C1", "Urban city and town"])
        elif urban >= 0.05:
            rows.append([code, "D1", "Rural town and fringe"])
        else:
            rows.append([code, "E1", "Rural village"])
    return rows
