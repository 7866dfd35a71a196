"""The nbconvert exporter that turns an executed profile notebook into one HTML file.

nbconvert finds a template *by name* as a sub-folder of each directory in
``extra_template_basedirs`` (then of the Jupyter data paths), reading its ``conf.json``
for the base template. Our template lives in ``evidence/templates/evidence`` and extends
nbconvert's own ``base`` (the cell loop), so the exact call is::

    HTMLExporter(
        template_name="evidence",
        extra_template_basedirs=[str(importlib.resources.files("evidence") / "templates")],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        exclude_anchor_links=True,
    )

:func:`exporter` returns exactly that, plus the output priority and the tags that remove
cells.
"""

from __future__ import annotations

import re
from html import unescape
from importlib import resources
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from evidence.render.assets import leaflet_css, leaflet_js

__all__ = ["DATA_PRIORITY", "REMOVE_CELL_TAGS", "InlineAssetsOnce", "exporter", "template_dir"]

#: Output types rendered, best first; scripts and widgets are listed so that nbconvert
#: does not warn, and the template renders them as nothing.
DATA_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/plain",
    "application/javascript",
    "application/vnd.jupyter.widget-view+json",
]
#: Cell tags that drop a cell (or its outputs) from the profile.
REMOVE_CELL_TAGS = ("remove-cell", "remove_cell", "parameters", "injected-parameters")


class TitleFromHeading(Preprocessor):
    """Give the page the title of its ``<h1>`` when the notebook's metadata has none.

    A profile's heading is made at run time ("Abbey: ward profile"), so it is in a cell
    output, not in the notebook's metadata; the browser tab and screen readers should
    announce the same words.
    """

    def preprocess(self, nb, resources):
        if nb.metadata.get("title"):
            return nb, resources
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html")
                text = "".join(html) if isinstance(html, list) else (html or "")
                match = _H1.search(text)
                if match:
                    nb.metadata["title"] = unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()
                    return nb, resources
        return nb, resources


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S | re.I)


class InlineAssetsOnce(Preprocessor):
    """Keep only the first inlined copy of Leaflet's CSS and JS on the page.

    Every map fragment carries Leaflet so that it works on its own (in Jupyter, or pasted
    into another page); on one exported page a single copy is enough, which saves about
    160 KB per extra map. The blocks are byte-identical, so this is a plain string removal.
    """

    def preprocess(self, nb, resources):
        blocks = [str(leaflet_css()), str(leaflet_js())]
        seen = set()
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                html = data.get("text/html")
                if html is None:
                    continue
                text = "".join(html) if isinstance(html, list) else html
                for block in blocks:
                    if block in text:
                        if block in seen:
                            text = text.replace(block, "")
                        else:
                            head, _, tail = text.partition(block)
                            text = head + block + tail.replace(block, "")
                            seen.add(block)
                data["text/html"] = text
        return nb, resources


class BoardHTMLExporter(HTMLExporter):
    """nbconvert's HTMLExporter without its BeautifulSoup pass over the finished page.

    ``HTMLExporter.from_notebook_node`` re-parses every page to add placeholder alt text
    and ``tabindex`` to JupyterLab's classes. Our template has none of those classes and
    every image we make carries its own alt text, and the re-parse costs about half a
    second per profile, so it is skipped; everything else is nbconvert's own code path.
    """

    def from_notebook_node(self, nb, resources=None, **kw):  # noqa: D102 (same contract as the parent)
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


def template_dir() -> Path:
    """The folder that holds the ``evidence`` nbconvert template (``<pkg>/templates``)."""
    return Path(str(resources.files("evidence") / "templates"))


def exporter(**overrides: object) -> HTMLExporter:
    """An :class:`~nbconvert.HTMLExporter` configured for board-ready profiles.

    Parameters
    ----------
    **overrides
        Extra ``HTMLExporter`` traits (for instance ``sanitize_html=True``).

    Returns
    -------
    HTMLExporter
        Template ``evidence``, no code, no prompts, no heading anchor links; cells tagged
        ``remove-cell`` (and papermill's ``parameters``/``injected-parameters``) removed.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title")])
    >>> html, _ = exporter().from_notebook_node(nb)
    >>> "<title>Title</title>" in html
    True
    """
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input", "remove_input"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output", "remove_output"}
    settings: dict[str, object] = {
        "template_name": "evidence",
        "extra_template_basedirs": [str(template_dir())],
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "exclude_anchor_links": True,
    }
    settings.update(overrides)
    exp = BoardHTMLExporter(config=config, **settings)
    exp.display_data_priority = list(DATA_PRIORITY)
    exp.register_preprocessor(InlineAssetsOnce(), enabled=True)
    exp.register_preprocessor(TitleFromHeading(), enabled=True)
    return exp
