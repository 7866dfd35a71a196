"""The demo's consultation on the draft strategy: about 1,500 responses with planted findings.

Written under ``consultation/`` (``consultation.yml`` names the rest; see
docs/consultation-format.md). Planted, for the tests and the README:

* **both** (residents raise it, the evidence shows it): crime and safety in the
  deprived town-centre wards; buses and road safety in the rural road ward and villages;
* **residents only**: litter and fly-tipping, raised everywhere, linked to no indicator;
* **evidence only**: child health (obesity, child poverty), shown by the evidence and
  rarely raised;
* a **campaign** of 320 near-identical "save our library" responses;
* 24 **organisations**, one with a very long submission;
* **under-represented** people aged 16 to 24 (about 3% of respondents, 12% of residents);
* **personal data** in some answers (emails, phone numbers, postcodes, links, handles, a
  councillor's name), **HTML and script** in some, six answers in **other languages**;
* 380 answers **coded by analysts**, 70 of them by a second coder;
* two **event notes** files (a town-centre workshop, a villages forum).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence.demo.scenario import Scenario
from evidence.demo.writer import csv_bytes

__all__ = ["AGES", "consultation_files", "vary"]

AGES = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]
_RESIDENT_AGE = [0.12, 0.16, 0.16, 0.17, 0.16, 0.13, 0.10]
_RESPONDENT_AGE = [0.025, 0.135, 0.18, 0.20, 0.20, 0.16, 0.10]
_NAMES = ["Councillor Jane Smithson", "Dave Pritchard"]

FRAME = [  # id, name, description, keywords, exclusions, strategy theme, indicators
    ("crime", "Crime and feeling safe", "Crime, anti-social behaviour, drugs, feeling unsafe",
     "crime;anti-social;antisocial;unsafe;drug dealing;drugs;police;burglar\\w*;knife", "crime novel",
     "safer", "safer_violent_crime;safer_asb;safer_feel_safe"),
    ("buses", "Buses and getting about", "Bus services, routes and fares",
     "bus;buses;bus service;timetable;fares?;transport", "", "getting_around",
     "ga_bus_access;ga_bus_satisfaction;ga_gp_travel_time"),
    ("roads", "Road safety and speeding", "Speeding, dangerous roads, crossings",
     "speeding;speed limit;dangerous road;a-road;lorries;crossing;accidents?", "", "getting_around", "ga_road_ksi"),
    ("litter", "Litter and fly-tipping", "Litter, fly-tipping, dog fouling, bins",
     "litter;fly-?tipping;rubbish;dog mess;bins", "", "thriving", ""),
    ("library", "Libraries", "Keeping libraries open", "library;libraries", "", "learning", "lrn_library_visits"),
    ("cost", "Cost of living and jobs", "Bills, heating, jobs and pay",
     "cost of living;heating;energy bills?;jobs?;wages;afford", "job seekers", "thriving",
     "thr_fuel_poverty;thr_claimant_rate"),
    ("youth", "Things for young people", "Youth clubs, activities, training",
     "youth club;young people;teenagers;nothing to do", "", "young_people", "yp_neet;yp_claimant_18_24"),
    ("child_health", "Children's health", "Children's weight, diet and poverty",
     "obesity;overweight;healthy eating;child poverty", "", "healthy",
     "healthy_obesity_year6;yp_child_poverty"),
]

_SENTENCES = {
    "crime": ["There is too much crime around {place} and I feel unsafe walking home at night.",
              "Anti-social behaviour on the estate is getting worse and the police never come.",
              "Drug dealing near the shops in {place} makes people afraid to go out.",
              "We need more police on the streets, the crime here is out of control."],
    "buses": ["The bus only comes twice a day to {place}, so I cannot get to work or the doctor.",
              "Bring back the evening buses, without a car you are stuck in {place}.",
              "Bus fares are too high and the timetable is never kept.",
              "Older people in {place} cannot get to the hospital because there is no bus service."],
    "roads": ["Speeding traffic on the A-road through {place} is dangerous for children.",
              "We need a proper crossing and a lower speed limit, there have been accidents.",
              "Lorries thunder through {place} and the road is dangerous."],
    "litter": ["Litter and fly-tipping everywhere in {place}, nobody clears it.",
               "The streets are covered in rubbish and dog mess, it is a disgrace.",
               "Fly tipping in the lanes around {place} gets worse every month."],
    "cost": ["Energy bills are so high that families in {place} cannot afford heating.",
             "There are no decent jobs and wages do not cover the cost of living."],
    "youth": ["There is nothing to do for young people in {place} since the youth club closed.",
              "Teenagers hang around with nothing to do, bring back the youth club."],
    "child_health": ["Children are getting overweight, schools should teach healthy eating."],
}
_OPENERS = ["", "", "Honestly,", "For me,", "As a parent,", "As a pensioner,", "I have lived here {n} years and",
            "Speaking for my street,", "My main worry:", "First of all,", "To be frank,", "Like my neighbours,"]
_TAILS = ["", "", " It has been like this for years.", " Something has to change.", " Please do something.",
          " Nobody seems to listen.", " It was better {n} years ago.", " My family feels the same.",
          " This matters more than anything else.", " We raised it at the last meeting too."]
_CAMPAIGN = ("Please keep Demoshire Central Library open. The library is the heart of our community: children "
             "learn to read there, older people meet friends there and job seekers use the computers. Closing "
             "it would hurt the people who need it most.")
_CAMPAIGN_EXTRA = ["I have used it all my life.", "Our children love it.", "Do not close it.",
                   "It is a lifeline.", ""]
_FOREIGN = ["Potrzebujemy więcej autobusów do miasta i na wieś, bo nie mamy samochodu.",
            "Autobuzul vine prea rar în sat și nu putem ajunge la doctor, vă rog să ajutați.",
            "Mae angen mwy o fysiau yn y pentrefi ac mae'r ffyrdd yn beryglus iawn i blant.",
            "ہمارے علاقے میں بسیں بہت کم ہیں اور ہم ڈاکٹر تک نہیں پہنچ سکتے",
            "Na ulicach jest dużo śmieci i nikt ich nie sprząta, to jest problem.",
            "Precisamos de mais autocarros para a cidade e de mais segurança nas ruas à noite."]
_PERSONAL = [" Email me at {who}@example.com if you want to talk.", " Ring me on 07700 900{n:03d}.",
             " I live at DS{n2} {n3}AB by the way.", " See www.savedemoshire-{n}.org.uk for photos.",
             " Follow @demo_resident{n} for more.", " I told Councillor Jane Smithson about it last year.",
             " Dave Pritchard at number 4 agrees with me."]
_HTML = ["<script>alert('hacked')</script> ", "<b>Very important:</b> ", "<img src=x onerror=alert(1)> "]


def vary(rng: np.random.Generator, sentence: str) -> str:
    """One respondent's way of saying ``sentence``: an opener and a closing remark of their own."""
    n = int(rng.integers(2, 40))
    opener = str(rng.choice(_OPENERS)).format(n=n)
    tail = str(rng.choice(_TAILS)).format(n=n)
    if opener:
        sentence = f"{opener} {sentence[0].lower()}{sentence[1:]}"
    return sentence + tail


def _place_themes(role: str, rural: bool) -> dict[str, float]:
    p = {"crime": 0.10, "buses": 0.10, "roads": 0.05, "litter": 0.30, "cost": 0.12, "youth": 0.08,
         "child_health": 0.02}
    if role == "deprived":
        p.update(crime=0.65, cost=0.35, youth=0.20)
    if rural or role == "road":
        p.update(buses=0.55, roads=0.35)
    if role == "road":
        p.update(roads=0.70)
    return p


def _long_submission(rng: np.random.Generator) -> str:
    parts = ["Demoshire Community Transport Trust response to the draft Sustainable Community Strategy."]
    for theme in ("buses", "roads", "youth", "cost", "buses", "crime") * 8:
        parts.append(str(rng.choice(_SENTENCES[theme])).format(place="the villages"))
        parts.append("Our members, volunteers and passengers have asked us to make this point as strongly as we "
                     "can, and we would welcome a meeting with the partnership to discuss how it can be addressed "
                     "in the delivery plan and in the monitoring framework.")
    return " ".join(parts)


def consultation_files(seed: int, scn: Scenario) -> dict[str, bytes]:
    """Every file of the demo consultation (relative path under the project -> bytes)."""
    rng = np.random.default_rng([seed, 13])
    lsoas, wards = scn.lsoas, scn.wards
    ward_index = {i: r for i, r in enumerate(wards.itertuples(index=False))}
    # Postcodes: five per LSOA, "DS<ward> <n><XX>", fictional.
    postcodes = []
    for k, row in enumerate(lsoas.sort_values("lsoa_code").itertuples(index=False)):
        for j in range(5):
            postcodes.append((f"DS{row.ward + 1} {k % 9 + 1}{chr(65 + j)}{chr(65 + k % 26)}", row.lsoa_code))
    pc = pd.DataFrame(postcodes, columns=["pcds", "lsoa21cd"])
    pc_by_lsoa = pc.groupby("lsoa21cd")["pcds"].agg(list)
    weight = lsoas["role"].map({"deprived": 1.6}).fillna(1.0).to_numpy()
    weight = weight / weight.sum()
    online, paper, codes = [], [], []
    n = 1500
    who = rng.choice(len(lsoas), n, p=weight)
    ages = rng.choice(AGES, n, p=_RESPONDENT_AGE)
    sexes = rng.choice(["Female", "Male", "Prefer not to say"], n, p=[0.56, 0.41, 0.03])
    campaign = set(rng.choice(np.arange(100, n), 320, replace=False).tolist())
    orgs = set(rng.choice([i for i in range(60, n) if i not in campaign], 24, replace=False).tolist())
    foreign = sorted(rng.choice([i for i in range(n) if i not in campaign | orgs], 6, replace=False).tolist())
    texts: dict[int, str] = {}
    for i in range(n):
        lsoa = lsoas.iloc[who[i]]
        ward = ward_index[int(lsoa["ward"])]
        place = ward.ward_name
        rural = float(lsoa["urban"]) < 0.35
        probs = _place_themes(ward.role, rural)
        chosen = [t for t, p in probs.items() if rng.random() < p][:3]
        if i in campaign:
            text = _CAMPAIGN + " " + str(rng.choice(_CAMPAIGN_EXTRA))
        elif i in foreign:
            text = _FOREIGN[foreign.index(i)]
        else:
            text = " ".join(vary(rng, str(rng.choice(_SENTENCES[t])).format(place=place)) for t in chosen) or \
                str(rng.choice(["No comment.", "Nothing to add.", "The draft looks fine to me overall."]))
            if rng.random() < 0.04:
                text += str(rng.choice(_PERSONAL)).format(who=f"resident{i}", n=i, n2=i % 20 + 1, n3=i % 9 + 1)
            if rng.random() < 0.015:
                text = str(rng.choice(_HTML)) + text
        texts[i] = text
        rid = f"DSC-{10001 + i}"
        postcode = str(rng.choice(pc_by_lsoa[lsoa["lsoa_code"]]))
        if i % 97 == 5:
            postcode = str(rng.choice(["DS1", "n/a", "DS99 9ZZ", "ds 12"]))
        q1 = str(rng.choice(["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree",
                             "Strongly disagree"], p=[0.2, 0.38, 0.2, 0.14, 0.08]))
        q2 = ";".join(sorted({{"crime": "Crime and safety", "buses": "Buses and transport", "roads":
                               "Buses and transport", "cost": "Jobs and cost of living", "youth": "Young people",
                               "litter": "Clean streets", "child_health": "Health"}[t] for t in chosen})) or "Health"
        other = str(rng.choice(["", "", "", "More for the villages please.", "Good luck with it.",
                                "Please listen this time."]))
        kind, org = "Resident", ""
        if i in orgs:
            kind = str(rng.choice(["Voluntary or community organisation", "Business"]))
            org = f"Demoshire {['Community Transport Trust', 'Food Bank', 'Youth Forum', 'Chamber of Trade', 'Tenants Association', 'Cycling Club'][len(orgs & set(range(i))) % 6]}"
            org += "" if len(orgs & set(range(i))) < 6 else f" ({ward.ward_name})"
            if org == "Demoshire Community Transport Trust":
                text = _long_submission(rng)
                texts[i] = text
        date = f"2026-{(i % 3) + 9:02d}-{(i % 27) + 1:02d}"
        if i % 5 == 4 and i not in campaign and i not in orgs:
            paper.append([rid.replace("DSC", "P"), f"{(i % 27) + 1:02d}/{(i % 3) + 9:02d}/2026", postcode, ages[i],
                          sexes[i], q1, q2, text, other])
        else:
            online.append([rid, date, postcode, kind, org, "Online" if i % 7 else "Email", ages[i], sexes[i], q1,
                           q2, text, other])
    # Analysts' codes: the first 380 English answers that are not campaign copies, 70 double-coded.
    frame_rules = {t[0]: t[3] for t in FRAME}
    import re as _re
    coded = [i for i in range(n) if i not in campaign and i not in foreign][:380]
    coders = ["AB", "CD"]
    for k, i in enumerate(coded):
        rid = (f"P-{10001 + i}" if (i % 5 == 4 and i not in orgs) else f"DSC-{10001 + i}")
        themes = [t for t, words in frame_rules.items()
                  if _re.search("|".join(rf"(?<!\w)(?:{w})(?!\w)" for w in words.split(";")), texts[i], _re.I)]
        for t in themes:
            codes.append([rid, "q3", t, coders[k % 2], "2026-10-15"])
        if k < 70:
            second = [t for t in themes if rng.random() > 0.08]
            if rng.random() < 0.1:
                second.append("cost")
            for t in sorted(set(second)):
                codes.append([rid, "q3", t, coders[(k + 1) % 2], "2026-10-20"])
    codes.append(["workshop_town_centre-4", "event", "youth", "AB", "2026-10-21"])
    # Population of Demoshire by age and sex (adults 16+).
    adults = 95000
    population = [["age", a, str(int(round(adults * s)))] for a, s in zip(AGES, _RESIDENT_AGE)]
    population += [["sex", "Female", str(int(adults * 0.51))], ["sex", "Male", str(int(adults * 0.49))]]
    deprived = wards.loc[wards["role"] == "deprived", "ward_code"].tolist()
    road = wards.loc[wards["role"] == "road", "ward_code"].tolist()
    workshop = [["Town centre workshop", "2026-10-02", deprived[k % len(deprived)], p, ""] for k, p in enumerate([
        "Residents spoke about drug dealing and feeling unsafe near the market.",
        "Several people asked for more police patrols in the evening.",
        "Parents said the youth club closing left teenagers with nothing to do.",
        "Energy bills and the cost of living came up at every table.",
        "Litter and fly-tipping behind the shops was raised.",
    ])]
    forum = [["Villages area forum", "2026-10-09", road[0] if k % 2 else "", p, t] for k, (p, t) in enumerate([
        ("The bus to town was cut and older people cannot get to appointments.", "buses"),
        ("Speeding lorries on the A-road through the village are dangerous.", "roads"),
        ("People asked for a crossing near the school.", "roads"),
        ("Fly-tipping in the lanes is a problem.", "litter"),
    ])]
    you_said = [
        ["crime", "Crime and feeling safe in the town centre worries you.",
         "Safer town centre is outcome 1.1 of the draft plan, with evening patrols.", "already in the plan", ""],
        ["buses", "You cannot get to work or the doctor without a car.",
         "We added a rural transport action with the community transport trust.", "changed", ""],
        ["litter", "Litter and fly-tipping spoil your streets.",
         "Street cleansing is a council service outside the strategy.", "not taken forward",
         "It is the district council's street scene service; we passed your comments to it."],
        ["library", "Keep Central Library open.", "The library stays open in the draft plan.", "already in the plan",
         ""],
    ]
    online_cols = ["Response ID", "Submitted", "Postcode", "Responding as", "Organisation name", "Channel",
                   "Age group", "Sex", "Q1 Agree with priorities", "Q2 What matters most",
                   "Q3 Most important issue", "Q4 Anything else"]
    paper_cols = ["Ref", "Date received", "Post code", "Age", "Gender", "Q1", "Q2", "Q3", "Q4"]
    frame_rows = [list(t) for t in FRAME]
    return {
        "consultation/consultation.yml": _YAML.encode("utf-8"),
        "consultation/responses_online.csv": csv_bytes(online_cols, online),
        "consultation/responses_paper.csv": csv_bytes(paper_cols, paper),
        "consultation/coding_frame.csv": csv_bytes(["theme", "name", "description", "keywords", "exclusions",
                                                    "strategy_theme", "indicators"], frame_rows),
        "consultation/codes.csv": csv_bytes(["response_id", "question", "theme", "coder", "date"], codes),
        "consultation/workshop_town_centre.csv": csv_bytes(["event", "date", "area", "point", "themes"], workshop),
        "consultation/forum_villages.csv": csv_bytes(["event", "date", "area", "point", "themes"], forum),
        "consultation/you_said_we_did.csv": csv_bytes(["theme", "you_said", "we_did", "status", "reason"],
                                                      you_said),
        "consultation/postcodes.csv": csv_bytes(["pcds", "lsoa21cd"], pc.to_numpy().tolist()),
        "consultation/population.csv": csv_bytes(["group", "category", "residents"], population),
    }


_YAML = """\
# consultation.yml - the consultation on the draft strategy (stage C), read by `evidence validate`.
# docs/consultation-format.md documents every setting. Paths are relative to this file.
title: Draft Sustainable Community Strategy consultation, autumn 2026

# The response exports as they come from the survey tool and from paper returns keyed
# into a spreadsheet: each maps its own column names to the roles the analysis uses.
responses:
  - path: responses_online.csv
    columns: {id: Response ID, submitted: Submitted, postcode: Postcode, respondent_type: Responding as,
              organisation: Organisation name, channel: Channel, age: Age group, sex: Sex}
  - path: responses_paper.csv
    columns: {id: Ref, submitted: Date received, postcode: Post code, age: Age, sex: Gender}
    questions: {q1: Q1, q2: Q2, q3: Q3, q4: Q4}   # this export's own names for the question columns

# Questions: 'column' is the column of the answers (an export may name its own, above).
questions:
  - {id: q1, column: Q1 Agree with priorities, type: single, text: "How far do you agree with the draft priorities?",
     agree: [Strongly agree, Agree]}
  - {id: q2, column: Q2 What matters most, type: multiple, separator: ";",
     text: "Which of these matter most to you?"}
  - {id: q3, column: Q3 Most important issue, type: open, text: "What is the most important issue in your area?"}
  - {id: q4, column: Q4 Anything else, type: open, text: "Is there anything else you want to tell us?"}

frame: coding_frame.csv          # the analysts' themes, keywords and links to the strategy
codes: codes.csv                 # the analysts' own codes (grows as they work)
events: [workshop_town_centre.csv, forum_villages.csv]
you_said: you_said_we_did.csv
postcodes: postcodes.csv         # an ONS Postcode Directory extract: postcode -> LSOA
population: population.csv       # residents by age group and sex (areas come from the evidence base)
redact_names: [Councillor Jane Smithson, Jane Smithson, Dave Pritchard]

analysis:
  model_min_codes: 40
  model_min_f1: 0.7
  raised_share: 0.10
"""
