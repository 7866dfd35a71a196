"""Progress bars for long work started from a notebook, and only there.

:func:`interactive` says whether the code runs in an IPython kernel (a notebook or
JupyterLab console); :func:`progress_bar` is ``tqdm.auto``'s bar there (a widget in
JupyterLab) and a disabled one anywhere else, so the command line's output is unchanged.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["interactive", "progress_bar"]


def interactive() -> bool:
    """True inside an IPython kernel (notebook, JupyterLab), False in scripts and the CLI."""
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    ip = shell.get_ipython()
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def progress_bar(*, total: int, desc: str, unit: str = "step", enabled: bool | None = None) -> Any:
    """A ``tqdm.auto`` bar of ``total`` steps; ``enabled=None`` shows it only when :func:`interactive`."""
    from tqdm.auto import tqdm

    show = interactive() if enabled is None else enabled
    return tqdm(total=total, desc=desc, unit=unit, disable=not show, leave=True)
