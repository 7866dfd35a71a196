"""A page computed by the parent process, handed to the report notebook as JSON.

``evidence gaps`` and ``evidence plan`` compute their analysis once, in the parent (it
needs the analysis for the exports anyway), assemble the page's sections there and write
them with :func:`write_page`; the notebook's ``page`` parameter names that file and
:func:`load_page` turns it back into a :class:`~evidence.render.document.Document` to
display. JSON rather than pickle: the file holds only titles, ids and escaped HTML, and
loading it needs nothing of the data stack. An analyst who opens the notebook leaves
``page`` at ``None`` and the notebook computes the page itself.
"""

from __future__ import annotations

import json
from pathlib import Path

from evidence.io.atomic import atomic_write
from evidence.render._html import Markup
from evidence.render.document import Document, Section

__all__ = ["load_page", "write_page"]


def write_page(document: Document, path: str | Path) -> Path:
    """Write ``document``'s title and sections (their HTML as built) to ``path``."""
    body = {"title": document.title, "sections": [{"id": s.id, "html": str(s.html)} for s in document.sections]}
    return atomic_write(path, json.dumps(body).encode("utf-8"))


def load_page(path: str | Path) -> Document:
    """The :class:`~evidence.render.document.Document` written by :func:`write_page`.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> page = Document("Title", (Section("title", Markup("<h1>Title</h1>")),))
    >>> load_page(write_page(page, Path(folder) / "page.json")).section("title").html
    Markup('<h1>Title</h1>')
    """
    body = json.loads(Path(path).read_text(encoding="utf-8"))
    # The HTML was escaped when the parent built it from the inputs; it is shown as built.
    return Document(body["title"], tuple(Section(s["id"], Markup(s["html"])) for s in body["sections"]))
