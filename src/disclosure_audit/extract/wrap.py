"""Visual lines of a converted PDF joined back into the paragraphs they were wrapped from.

`pdftotext` writes one line per printed line, so a paragraph arrives in pieces and a figure can be
cut from its subject (`全年新收申请` / `60件`). A line is continued by the next when it fills the
text measure (it is about as long as the document's full lines) and does not end a sentence, and
the next line does not open a heading or a numbered item. Text already written a paragraph per
line never fills that test: its lines end with 。.
"""

from __future__ import annotations

import re

from ..ingest.blocks import TextLine
from ..zhtext.chars import squash, strip_edges
from ..zhtext.numerals import CN_ORDINAL, ITEM_OPENER

_ENDS = tuple("。！？!?；;：:")
# an ordinal, or an inline item (一是…) opening the line
_OPENS_ITEM = re.compile(rf"^(?:{ITEM_OPENER}|[{CN_ORDINAL}]是)")
_MIN_LINES = 5


def join_wrapped(lines: list[TextLine], keep_apart: set[int]) -> list[TextLine]:
    """`keep_apart`: line numbers never joined (headings, title, signature)."""
    widths = sorted(len(squash(tl.text)) for tl in lines if len(squash(tl.text)) >= 15)
    if len(widths) < _MIN_LINES:
        return lines
    full = widths[int(len(widths) * 0.8)]
    out: list[TextLine] = []
    last_width = 0
    for tl in lines:
        text = strip_edges(tl.text)
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.line not in keep_apart
            and tl.line not in keep_apart
            and last_width >= 0.85 * full
            and not prev.text.rstrip().endswith(_ENDS)
            and not _OPENS_ITEM.match(text)
            and text
        ):
            out[-1] = TextLine(text=prev.text.rstrip() + text, line=prev.line, page=prev.page)
        else:
            out.append(TextLine(text=tl.text, line=tl.line, page=tl.page))
        last_width = len(squash(text))
    return out
