"""How much a reader lets a file unpack to before it refuses it, checked before anything is parsed.

A DOCX is a ZIP: 1.6 MB on disk can unpack to 545 MB of XML, whose tree then takes many GB. The
run's memory budget (--file-memory) would stop it, but late and with a vaguer reason; these limits
refuse such a file up front and name the part. The defaults are far above any real report (the
largest sample's document.xml is a few MB, its packing ratio about 10).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadLimits:
    # the most one part may unpack to, and all parts together (images included)
    docx_part_mb: float = 200
    docx_total_mb: float = 500
    # the most a part may unpack to per byte it takes in the ZIP; only parts above `docx_ratio_from_mb`
    # unpacked are judged (small XML parts of repeated markup legitimately pack 50:1 or more)
    docx_ratio: float = 100
    docx_ratio_from_mb: float = 10
    docx_parts: int = 10000
