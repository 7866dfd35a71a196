"""The corpus, outputs: a ``build.output`` that would overwrite or remove the user's files.

A build replaces its output folder whole, so ``build.output: .`` used to delete the
project, ``boundaries`` the boundary files, and ``lookup.csv`` turned the lookup into a
folder. ``validate`` now refuses each of these (file evidence.yml, setting
'build.output'), and so does ``build``, which touches nothing (the harness checks every
file of the copy is unchanged).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from corpus import Case, both, check, set_setting

FILE, PLACE = "evidence.yml", "setting 'build.output'"
OVERLAP_FIX = "folder of its own"


def _output(value: str, *, says: str, kind: str, command: str = "validate", fix: str = OVERLAP_FIX,
            breaks=None) -> Case:
    breaker = set_setting("build.output", value)
    return Case(f"outputs: {kind}", both(breaks, breaker) if breaks else breaker, FILE, says, fix,
                place=PLACE, command=command)


def _absolute_project(project: Path) -> None:
    set_setting("build.output", str(project))(project)


def _user_folder(project: Path) -> None:
    (project / "mydocs").mkdir()
    (project / "mydocs" / "minutes.docx").write_bytes(b"board minutes, 3 March")


def _user_file(project: Path) -> None:
    (project / "notes.txt").write_text("my notes\n", encoding="utf-8")


def _shapefile(project: Path) -> None:
    """The district boundaries as a shapefile in the project folder."""
    shapes = gpd.read_file(project / "boundaries" / "district.geojson")
    shapes.rename(columns={"district_code": "code", "district_name": "name"}).to_file(project / "district.shp")
    for key, value in (("boundaries", "district.shp"), ("code_column", "code"), ("name_column", "name")):
        set_setting(f"geography.area_types.district.{key}", value)(project)


CASES = [
    _output(".", kind="build.output is the project folder", says="is the project folder itself"),
    _output(".", kind="build refuses build.output '.' and deletes nothing", says="is the project folder itself",
            command="build"),
    Case("outputs: build.output is the project's absolute path", _absolute_project, FILE,
         "is the project folder itself", OVERLAP_FIX, place=PLACE),
    _output("..", kind="build.output is the folder that holds the project", says="contains the project folder"),
    _output("boundaries", kind="build.output is the boundaries folder",
            says="contains the input 'boundaries/lsoa.geojson'"),
    _output("boundaries", kind="build refuses build.output 'boundaries' and deletes nothing",
            says="contains the input 'boundaries/", command="build"),
    _output("boundaries/evidence", kind="build.output inside the boundaries folder",
            says="lies inside the folder 'boundaries', which holds the input"),
    _output("lookup.csv", kind="build.output is the lookup file", says="is the input 'lookup.csv'"),
    _output("lookup.csv", kind="build refuses build.output 'lookup.csv'", says="is the input 'lookup.csv'",
            command="build"),
    _output("lookup.csv/evidence", kind="build.output inside the lookup file",
            says="lies inside the input 'lookup.csv'"),
    _output("indicators.csv", kind="build.output is the indicator catalogue", says="is the input 'indicators.csv'"),
    _output("values_ward.csv", kind="build.output is a value file", says="is the input 'values_ward.csv'"),
    _output("evidence.yml", kind="build.output is evidence.yml", says="is the input 'evidence.yml'"),
    _output("boundaries/ward.geojson", kind="build.output is a boundary file",
            says="is the input 'boundaries/ward.geojson'"),
    _output("activities.csv", kind="build.output is the activity register (gaps.activities)",
            says="is the input 'activities.csv'"),
    _output("rural_urban.csv", kind="build.output is the area classification (gaps.classification)",
            says="is the input 'rural_urban.csv'"),
    _output("outcomes.yml", kind="build.output is the outcome framework", says="is the input 'outcomes.yml'"),
    _output("timetable.yml", kind="build.output is the timetable", says="is the input 'timetable.yml'"),
    _output("consultation", kind="build.output is the consultation folder",
            says="contains the input 'consultation/consultation.yml'"),
    _output("district.dbf", kind="build.output is a shapefile's .dbf", says="is the input 'district.dbf'",
            breaks=_shapefile),
    _output("mydocs", kind="build.output is a folder of the user's", says="holds files 'evidence build' did not write",
            fix="new or empty folder", breaks=_user_folder),
    _output("mydocs", kind="build refuses a folder of the user's and keeps its files",
            says="holds files 'evidence build' did not write", fix="new or empty folder", breaks=_user_folder,
            command="build"),
    _output("notes.txt", kind="build.output is an existing file of the user's", says="is an existing file",
            fix="new folder", breaks=_user_file),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reported(case, tmp_path):
    check(case, tmp_path)
