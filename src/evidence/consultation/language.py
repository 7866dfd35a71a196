"""Responses written in another language: flagged for a person to read, never analysed by rule or model.

A keyword rule or a model trained on English would miss or miscode them, so they go
to the review queue instead. The test is deliberately simple and explainable: an
answer of at least four words in which few words are common English words and some are common
words of another language, or one mostly written in a script other than Latin.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["other_language"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset("""a about all also an and are as at be because been but by can do for from get have he her
his i if in is it its just more need needs no not of on or our people should so some that the their there they
this to too up us very was we were what when which who will with would you your""".split())
#: Common words of the languages most spoken in English councils after English (Polish, Romanian,
#: Welsh, Portuguese, Spanish, Lithuanian, Italian, French), none of them an English word.
_OTHER = frozenset("""w z na nie jest się że do od dla jak ale tak są więcej mamy bardzo także
și în cu pe la pentru este sunt mai nu o un ce din care
yn y mae ac ar gyfer ein eu gan hefyd fwy dim rydym
em da os as uma para com não mais muito são nossa nosso
el los las del por con una es muy más nuestro nuestra
ir kad yra su ne iš mūsų labai
il che della per sono molto nostro più
le les des est pour avec nous sont très plus notre""".split())


def other_language(texts: pd.Series, *, min_words: int = 4, max_english_share: float = 0.15) -> pd.Series:
    """Boolean Series: whether each text looks written in a language other than English.

    >>> other_language(pd.Series(["We need more buses in the villages",
    ...                           "Potrzebujemy więcej autobusów do miasta i na wieś", "OK"])).tolist()
    [False, True, False]
    """
    def one(text: object) -> bool:
        if not isinstance(text, str):
            return False
        words = _WORD.findall(text.lower())
        if len(words) < min_words:
            return False
        ascii_only = text.isascii()
        if not ascii_only:
            latin = sum(1 for w in words if all(ch < "\u0250" for ch in w))
            if latin < len(words) / 2:
                return True
        english = sum(1 for w in words if w in _ENGLISH)
        other = sum(1 for w in words if w in _OTHER)
        accented = not ascii_only and any(any("\u00c0" <= ch < "\u0250" for ch in w) for w in words)
        if other >= 2 and other >= english:
            return True
        return english / len(words) <= max_english_share and (other >= 2 or (other >= 1 and accented))

    return texts.map(one).astype(bool)
