"""Helper processes must not outlive the process that started them.

A forked prepare worker holds its own copy of the pipe it reads work from, so it never sees
end-of-file when a killed ingest leaves it; a writer process whose server was killed would keep
its socket. On Linux the kernel can signal a child when its parent dies (``PR_SET_PDEATHSIG``);
elsewhere this does nothing and the child lives until it is stopped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def die_with_parent(signum: int = signal.SIGKILL, *, parent: int | None = None) -> None:
    """Have the kernel send ``signum`` to this process when its parent exits.

    ``parent`` is the pid the caller expects as its parent: if that one is already gone (it
    died before this call), the signal is sent at once.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    except (OSError, AttributeError) as exc:
        log.debug("cannot tie this process to its parent: %s", exc)
        return
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), signum)
