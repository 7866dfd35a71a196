"""The findings of a consultation in plain words, for the page's summary and the Word summary."""

from __future__ import annotations

from typing import Any

__all__ = ["summary_sentences"]


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_sentences(a: Any) -> list[str]:
    """Sentences that say what was found: who responded, campaigns, top themes, voice against evidence."""
    c = a.consultation
    names = c.frame.names()
    asked = {q.id: q.text.rstrip("?") for q in c.settings.questions}
    out = [f"{_plural(len(c.respondents), 'response')} were received"
           + (f", and {_plural(int(c.notes['event'].nunique()), 'event')} recorded {_plural(len(c.notes), 'point')}"
              if len(c.notes) else "") + "."]
    prof = a.profile
    if len(prof):
        under = prof[(prof["group"] == "age") & (prof["ratio"] < 0.5) & ~prof["suppressed"]]
        for r in under.itertuples():
            out.append(f"Under-represented: {r.sentence[0].lower() + r.sentence[1:]}")
    if len(a.campaigns):
        big = a.campaigns.iloc[0]
        out.append(f"{_plural(len(a.campaigns), 'campaign')} of identical or near-identical responses; the largest "
                   f"has {int(big['size']):,} submissions. Every submission is counted; each campaign's text was "
                   "coded once.")
    top = a.themes.dropna(subset=["share"]).sort_values(["share", "theme"], ascending=[False, True]).head(3)
    if len(top):
        out.append("The themes raised most often: " + "; ".join(
            f"{names[r.theme]} ({r.share:.0%} of those answering \"{asked.get(r.question, r.question)}\")" for r in top.itertuples()) + ".")
    v = a.voice[a.voice["area_code"] == "all"]
    for finding, words in (("both", "raised by residents and shown by the evidence"),
                           ("residents only", "raised by residents but not shown by the evidence"),
                           ("evidence only", "shown by the evidence but rarely raised by residents")):
        hit = v[v["finding"] == finding]
        if len(hit):
            out.append(f"{words.capitalize()}: {', '.join(names[t] for t in hit['theme'])}.")
    n_queue = len(a.coding.review)
    n_foreign = len(a.coding.other_language)
    out.append(f"{_plural(n_queue, 'answer')} are queued for a person to review, {n_foreign} of them written in "
               "another language.")
    return out
