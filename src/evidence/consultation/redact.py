"""Personal data out of anything published: emails, phone numbers, postcodes, links, handles, names.

Quotes are the only free text a report publishes, and every one passes through
:func:`redact` (after which :func:`has_personal_data` must be false; the tests check
every published output with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["PATTERNS", "has_personal_data", "redact"]

PATTERNS: dict[str, re.Pattern] = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE),
    "link": re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|co\.uk|org|org\.uk|gov\.uk|net|uk)\b(?:/\S*)?",
                       re.IGNORECASE),
    "handle": re.compile(r"(?<![\w@])@\w{2,}"),
    "phone": re.compile(r"(?<!\w)(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s-]?){9,10}(?!\w)"),
    "postcode": re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE),
}
_LABELS = {"email": "[email removed]", "link": "[link removed]", "handle": "[handle removed]",
           "phone": "[phone number removed]", "postcode": "[postcode removed]"}


def _names(names: Iterable[str]) -> re.Pattern | None:
    words = sorted({n.strip() for n in names if n and n.strip()}, key=lambda n: (-len(n), n))
    if not words:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)


def redact(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced by a bracketed label.

    >>> redact("Email jo.bloggs@example.com or ring 07700 900123, I live at DE1 2AB", ["Jo Bloggs"])
    'Email [email removed] or ring [phone number removed], I live at [postcode removed]'
    """
    for kind in ("email", "link", "handle", "phone", "postcode"):
        text = PATTERNS[kind].sub(_LABELS[kind], text)
    pattern = _names(names)
    if pattern is not None:
        text = pattern.sub("[name removed]", text)
    return text


def has_personal_data(text: str, names: Iterable[str] = ()) -> bool:
    """Whether ``text`` still holds anything :func:`redact` would remove."""
    return redact(text, names) != text
