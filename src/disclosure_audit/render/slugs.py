"""File names for agency pages: ASCII-safe and stable across runs."""

from __future__ import annotations

import hashlib
import re


def slug(report_id: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_.-]+", "_", report_id).strip("._") or "report"
    if s != report_id:
        s = f"{s[:60]}-{hashlib.sha1(report_id.encode('utf-8')).hexdigest()[:6]}"
    return s
