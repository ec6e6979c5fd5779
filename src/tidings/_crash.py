"""Where an internal error's traceback goes: a log file the one-line message points to."""

from __future__ import annotations

import tempfile
import time
import traceback
from pathlib import Path

from tidings import __version__ as _version


def write_crash_log(exc: BaseException, argv: list[str]) -> Path:
    """Write the traceback of `exc` (and the command that raised it) to a new file; return its path.

    The terminal gets one line naming this file rather than a traceback: a crash on hostile input
    must not spill that input onto the terminal, and the file is what a bug report needs.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", delete=False,  # in the temp folder
                                         prefix=f"tidings-crash-{stamp}-", suffix=".log")
    with handle:
        handle.write(f"tidings {_version}\ncommand: {argv!r}\n\n")
        handle.write("".join(traceback.format_exception(exc)))
    return Path(handle.name)
