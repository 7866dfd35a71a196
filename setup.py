"""Package layout for setuptools (everything else is in pyproject.toml).

The report notebooks live in the top-level ``notebooks/`` folder, where users look for
them, and are shipped inside the package as ``evidence/notebooks/*.ipynb`` by mapping
that folder in as the package ``evidence.notebooks``: a wheel (``pip install .``) then
holds a copy, and :func:`evidence.resources.report_notebook` finds it with
``importlib.resources``. No symlink, no copy in the repository, no build step.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages("src", include=["evidence", "evidence.*"]), "evidence.notebooks"],
    package_dir={"": "src", "evidence.notebooks": "notebooks"},
)
