"""The index page of a batch of profiles: every profile listed, searchable, with a map.

The map shades each profiled area by how many indicators are significantly worse than
its main comparator, so the index is already a first view of where the issues are; the
table beside it gives the same numbers and links to each profile. The search box
filters the table as you type (and the full table is there without JavaScript).
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import nbformat
import pandas as pd

from evidence.periods import latest_rows
from evidence.published import PublishedEvidence, as_published
from evidence.render import choropleth, exporter, heading, table
from evidence.render._html import Markup, join, tag

__all__ = ["index_page", "profile_counts"]

SEARCH_SCRIPT = Markup("""<script>
(function () {
  var input = document.getElementById('ev-profile-search');
  var status = document.getElementById('ev-profile-search-status');
  var pick = document.getElementById('ev-profile-district');
  if (!input) { return; }
  var column = -1;
  document.querySelectorAll('#ev-profile-list thead th').forEach(function (th, i) {
    if (pick && th.textContent.trim() === pick.getAttribute('data-column')) { column = i; }
  });
  function apply() {
    var term = input.value.trim().toLowerCase();
    var place = pick ? pick.value : '';
    var rows = document.querySelectorAll('#ev-profile-list tbody tr');
    var shown = 0;
    rows.forEach(function (row) {
      var cell = column >= 0 ? row.children[column] : null;
      var inPlace = !place || (cell && cell.textContent.trim() === place);
      var match = inPlace && row.textContent.toLowerCase().indexOf(term) !== -1;
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = shown + ' of ' + rows.length + ' profiles shown';
  }
  input.addEventListener('input', apply);
  if (pick) { pick.addEventListener('change', apply); }
})();
</script>""")


def _district_filter(label: str, names: list[str]) -> Markup:
    """A labelled <select> of the districts (or whatever the largest area type is), for the script."""
    options = [tag("option", f"Every {label.lower()}", value="")] + [tag("option", n, value=n) for n in names]
    return join([tag("label", f"Show the profiles in one {label.lower()}", for_="ev-profile-district"),
                 tag("select", options, id="ev-profile-district", aria_controls="ev-profile-list",
                     data_column=label)])


def profile_counts(eb: PublishedEvidence | object, codes: list[str]) -> pd.DataFrame:
    """Per area: indicators significantly worse and better than its main comparator (latest period, published)."""
    published = as_published(eb).values
    values = published[published["area_code"].isin(codes)]
    latest = latest_rows(values, by=["area_code", "indicator_id"])
    counts = latest.pivot_table(index="area_code", columns="judgement", values="indicator_id", aggfunc="count",
                                observed=True).reindex(columns=["Worse", "Better"]).fillna(0).astype(int)
    return counts.reindex(codes, fill_value=0)


def index_page(eb: PublishedEvidence | object, profiles: dict[str, Path], output_root: Path) -> str:
    """The HTML of ``index.html``: ``profiles`` maps area codes to their exported files."""
    eb = as_published(eb)
    codes = list(profiles)
    areas = eb.areas.set_index("area_code").loc[codes].reset_index()
    counts = profile_counts(eb, codes)
    areas = areas.assign(worse=counts["Worse"].to_numpy(), better=counts["Better"].to_numpy())
    areas = areas.sort_values(["area_type", "area_name"])
    links = [Markup('<a href="{}">{}</a>').format(os.path.relpath(profiles[c], output_root).replace(os.sep, "/"), n)
             for c, n in zip(areas["area_code"], areas["area_name"])]
    listing = areas.assign(link=pd.Series(links, index=areas.index, dtype=object), kind=areas["area_type"].map(
        lambda t: eb.config.area_types[t].label if t in eb.config.area_types else str(t).capitalize()))
    top = eb.config.type_order[-1]
    top_label = eb.config.area_types[top].label
    names = eb.areas.set_index("area_code")["area_name"]
    column = f"{top}_code"
    parent = listing[column] if column in listing.columns else pd.Series(pd.NA, index=listing.index)
    parent = parent.where(listing["area_type"] != top, listing["area_code"])
    listing["district"] = [str(names.get(c, c)) if pd.notna(c) else "-" for c in parent]
    districts = sorted(set(listing["district"]) - {"-"})
    title = f"Area profiles: {eb.config.name}"
    parts = [
        tag("h1", title),
        tag("p", f"{len(codes)} area profiles. Each compares an area with its comparator on every indicator of "
                 "the evidence base; the map and the table show how many indicators are significantly worse "
                 "or better than the comparator.", class_="ev-lead"),
        heading("Find a profile", 2, id="find"),
        tag("label", "Search by area name or code", for_="ev-profile-search"),
        Markup('<input type="search" id="ev-profile-search" autocomplete="off" '
               'aria-describedby="ev-profile-search-status">'),
        _district_filter(top_label, districts) if len(districts) > 1 else Markup(""),
        tag("p", f"{len(codes)} of {len(codes)} profiles shown", id="ev-profile-search-status",
            role="status", aria_live="polite"),
        table(listing, caption="Area profiles, with the number of indicators significantly worse or better "
                               "than the comparator",
              columns={"link": "Area", "area_code": "Code", "kind": "Type", "district": top_label,
                       "worse": "Worse", "better": "Better"},
              row_header="link", formats={"link": lambda v: v, "area_code": str, "kind": str, "district": str},
              table_id="ev-profile-list"),
        SEARCH_SCRIPT,
    ]
    shapes = gpd.GeoDataFrame(areas, geometry="geometry", crs=eb.areas.crs).dropna(subset=["geometry"])
    if len(shapes) >= 2:
        parts += [heading("Map", 2, id="map"),
                  choropleth(shapes, column="worse", caption="Number of indicators significantly worse than the "
                                                             "comparator, by area", unit="indicators", decimals=0)]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": str(join(parts))})])])
    notebook.metadata["title"] = title
    body, _ = exporter().from_notebook_node(notebook)
    return body
