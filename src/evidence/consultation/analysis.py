"""The whole analysis of a consultation, as one call: :func:`analyse_consultation`.

Pure: frames in, a :class:`ConsultationAnalysis` of new frames out; deterministic (fixed
seeds, stable sorts), so identical inputs give identical tables. Every table meant for
publication (``published_*``) has been through disclosure control; the others
(``coded``, ``review``) are for the consultation team and hold response ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from evidence.consultation.campaigns import find_campaigns
from evidence.consultation.coding import Coding, code_answers, code_notes
from evidence.consultation.language import other_language
from evidence.consultation.postcodes import NOT_KNOWN
from evidence.consultation.quality import coder_agreement
from evidence.consultation.quotes import pick_quotes
from evidence.consultation.reader import Consultation
from evidence.consultation.representation import individuals, rake, respondent_profile
from evidence.consultation.tables import closed_counts, protect, theme_counts, theme_counts_by
from evidence.consultation.voice import evidence_against_voice

__all__ = ["ConsultationAnalysis", "analyse_consultation"]


@dataclass(frozen=True)
class ConsultationAnalysis:
    """Every table of the analysis; ``summary`` is the findings in words."""

    consultation: Consultation
    min_count: int
    coding: Coding
    campaigns: pd.DataFrame
    campaign_members: pd.DataFrame
    profile: pd.DataFrame
    effective_n: float
    closed: pd.DataFrame
    themes: pd.DataFrame
    by_type: pd.DataFrame
    by_area: pd.DataFrame
    voice: pd.DataFrame
    quotes: pd.DataFrame
    organisations: pd.DataFrame
    notes: pd.DataFrame
    agreement: pd.DataFrame
    area_names: dict[str, str] = field(default_factory=dict)
    summary: tuple[str, ...] = ()

    @property
    def theme_names(self) -> dict[str, str]:
        return self.consultation.frame.names()

    def _repr_html_(self) -> str:
        from evidence.render._html import tag

        return str(tag("ul", [tag("li", s) for s in self.summary]))

    def __repr__(self) -> str:
        return f"<ConsultationAnalysis of {self.consultation!r}>"


def _respondent_areas(respondents: pd.DataFrame, lookup: pd.DataFrame | None, area_type: str,
                      custom: Mapping[str, Sequence[str]]) -> tuple[pd.Series, pd.Series]:
    """response_id -> area code of ``area_type`` (or "area not known"), and -> neighbourhood."""
    ids = respondents["response_id"]
    lsoa = respondents["lsoa"]
    if lookup is not None and f"{area_type}_code" in lookup.columns:
        parent = dict(zip(lookup.iloc[:, 0].astype(str), lookup[f"{area_type}_code"].astype(str)))
        area = lsoa.map(parent)
    else:
        area = lsoa
    member_of = {m: code for code, members in custom.items() for m in members}
    area = area.astype(object)
    hood = area.map(member_of).astype(object)
    return (pd.Series(area.where(area.notna(), NOT_KNOWN).to_numpy(), index=ids.to_numpy()),
            pd.Series(hood.where(hood.notna(), NOT_KNOWN).to_numpy(), index=ids.to_numpy()))


def analyse_consultation(consultation: Consultation, *, min_count: int = 5, lookup: pd.DataFrame | None = None,
                         area_type: str = "ward", custom_areas: Mapping[str, Sequence[str]] | None = None,
                         area_population: pd.DataFrame | None = None, issues: pd.DataFrame | None = None,
                         area_names: Mapping[str, str] | None = None) -> ConsultationAnalysis:
    """Analyse ``consultation``.

    Parameters
    ----------
    min_count
        The project's disclosure threshold: no published count below it.
    lookup
        The project's lookup (``<type>_code`` columns, smallest area first), to put
        respondents' LSOAs in ``area_type`` areas.
    custom_areas
        Neighbourhood code -> its member areas (of ``area_type``).
    area_population
        ``group``, ``category``, ``residents`` rows for areas (from the evidence base),
        added to the consultation's population table.
    issues
        The gap analysis's priority issues (``area_code``, ``indicator_id``) for
        evidence against voice; without it every theme is "residents only" or "neither".
    """
    c, s = consultation, consultation.settings.analysis
    custom = dict(custom_areas or {})
    respondents = c.respondents
    answers = c.answers
    open_ = answers[answers["type"] == "open"]
    foreign = other_language(open_["answer"])
    campaign_members, campaigns = find_campaigns(open_[~foreign.to_numpy()], threshold=float(s["near_duplicate"]),
                                                 min_size=int(s["min_campaign"]))
    coding = code_answers(answers, c.frame, c.codes, campaign_members, min_codes=int(s["model_min_codes"]),
                          min_f1=float(s["model_min_f1"]), review_margin=float(s["review_margin"]))
    themes = c.frame.ids
    area, hood = _respondent_areas(respondents, lookup, area_type, custom)

    population = pd.concat([p for p in (c.population, area_population) if p is not None and len(p)],
                           ignore_index=True) if (c.population is not None or area_population is not None) else None
    people = individuals(respondents)
    profile_parts, weights, ess = [], None, 0.0
    if population is not None:
        people_area = people.assign(area=people["response_id"].map(area).where(lambda a: a != NOT_KNOWN))
        for group, column in (("age", "age"), ("sex", "sex"), (area_type, "area")):
            profile_parts.append(respondent_profile(people_area, population, group, column, labels=area_names))
        weights_by_row, ess = rake(people, population)
        weights = pd.Series(weights_by_row.to_numpy(), index=people.loc[weights_by_row.index, "response_id"])
    profile = pd.concat(profile_parts, ignore_index=True) if profile_parts else pd.DataFrame()
    if len(profile):
        # The categories of a group add up to its respondents: protected together (secondary suppression).
        shown = protect(profile.assign(count=profile["respondents"], share=profile["respondent_share"]),
                        ["group"], "category", min_count)
        hidden = shown["suppressed"].to_numpy()
        profile = profile.assign(respondents=shown["count"].to_numpy(), respondent_share=shown["share"].to_numpy(),
                                 suppressed=hidden)
        profile["sentence"] = profile["sentence"].mask(hidden, f"Fewer than {min_count} respondents, or a figure "
                                                               "that would reveal such a number: not shown.")
        profile["ratio"] = profile["ratio"].mask(hidden)

    closed = closed_counts(answers, c.settings.questions, min_count, weights)
    answered = open_[["response_id", "question"]].drop_duplicates()
    coded = coding.coded
    overall = theme_counts(coded, answered, themes, min_count)
    kinds = respondents.set_index("response_id")["respondent_type"].fillna("Not said").astype(str)
    by_type = theme_counts_by(coded, answered, kinds, themes, min_count, name="group")
    any_q = answered.assign(question="any").drop_duplicates()
    any_coded = coded.assign(question="any").drop_duplicates(["response_id", "theme"])
    by_ward = theme_counts_by(coded, answered, area, themes, min_count, name="area_code")
    by_hood = theme_counts_by(any_coded, any_q, hood, themes, min_count, name="area_code")
    whole = theme_counts(any_coded, any_q, themes, min_count).assign(area_code="all")
    by_area = pd.concat([by_ward.assign(level=area_type), by_hood.assign(level="neighbourhood")], ignore_index=True)

    shares = pd.concat([whole[["area_code", "theme", "share", "suppressed"]],
                        by_hood.loc[by_hood["area_code"] != NOT_KNOWN, ["area_code", "theme", "share", "suppressed"]]],
                       ignore_index=True)
    inside = {code: [*members, *(lookup.loc[lookup[f"{area_type}_code"].isin(members), lookup.columns[0]]
                                 if lookup is not None and f"{area_type}_code" in lookup.columns else [])]
              for code, members in custom.items()}
    voice = evidence_against_voice(shares, issues if issues is not None else
                                   pd.DataFrame(columns=["area_code", "indicator_id"]), c.frame,
                                   raised_share=float(s["raised_share"]), areas=inside)
    skip = set(zip(coding.other_language["response_id"], coding.other_language["question"]))
    quotes = pick_quotes(coded, answers, respondents, themes, per_theme=int(s["quotes_per_theme"]),
                         length=int(s["quote_length"]), min_count=min_count, names=c.settings.redact_names, skip=skip)
    organisations = _organisations(respondents, open_, coded)
    notes = code_notes(c.notes, c.frame, c.codes)
    note_counts = notes.groupby(["theme"]).agg(points=("note_id", "nunique"), events=("event", "nunique"))
    note_counts = note_counts.reindex(themes, fill_value=0).reset_index()
    agreement = coder_agreement(c.codes, themes)
    result = ConsultationAnalysis(
        consultation=c, min_count=min_count, coding=coding, campaigns=campaigns, campaign_members=campaign_members,
        profile=profile, effective_n=ess, closed=closed, themes=overall, by_type=by_type, by_area=by_area,
        voice=voice, quotes=quotes, organisations=organisations, notes=note_counts, agreement=agreement,
        area_names=dict(area_names or {}))
    from evidence.consultation.summary import summary_sentences

    return ConsultationAnalysis(**{**result.__dict__, "summary": tuple(summary_sentences(result))})


def _organisations(respondents: pd.DataFrame, open_: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    orgs = respondents[respondents["organisation"].notna()]
    words = open_.assign(words=open_["answer"].astype(str).str.split().map(len)).groupby("response_id")["words"].sum()
    themes = coded.groupby("response_id")["theme"].agg(lambda s: ";".join(sorted(set(s))))
    return pd.DataFrame({"organisation": orgs["organisation"].astype(str).to_numpy(),
                         "respondent_type": orgs["respondent_type"].fillna("").astype(str).to_numpy(),
                         "words": orgs["response_id"].map(words).fillna(0).astype(int).to_numpy(),
                         "themes": orgs["response_id"].map(themes).fillna("").to_numpy()}
                        ).sort_values(["organisation"], kind="stable").reset_index(drop=True)

