"""Where the run keeps what it can compute once and reuse (rule example results, compiled page
templates): never results about reports, only what follows from the code and the rule files.

`$DISCLOSURE_AUDIT_CACHE` when set (`off` turns caching off), else `$XDG_CACHE_HOME/disclosure-audit`,
else `~/.cache/disclosure-audit`. A cache folder that cannot be created or written is not used: the
run computes everything itself and goes on.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "DISCLOSURE_AUDIT_CACHE"


def cache_dir(sub: str = "") -> Path | None:
    """The (created, writable) cache folder, or None when caching is off or impossible."""
    env = os.environ.get(ENV)
    if env is not None:
        if env.strip().lower() in ("", "off", "0", "none"):
            return None
        base = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "disclosure-audit"
    folder = base / sub if sub else base
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None
