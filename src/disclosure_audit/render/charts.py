"""Inline SVG charts drawn at build time: readable offline, in print, and without JavaScript."""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

BAR = "#12355b"
GRID = "#d0d5dd"


def score_histogram(scores: list[float], label_x: str, label_y: str) -> Markup:
    """Reports per 10-point band (0–9 … 90–100)."""
    bins = [0] * 10
    for s in scores:
        bins[min(int(s // 10), 9)] += 1
    # the y-axis label sits above the plot (pad_t), clear of the top tick label beside the axis
    w, h, pad_l, pad_b, pad_t = 520, 232, 36, 34, 28
    top = max(bins) or 1
    bw = (w - pad_l - 8) / 10
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label_x)}</title>'
    ]
    for k in range(0, top + 1, max(1, top // 4)):
        y = h - pad_b - (h - pad_b - pad_t) * k / top
        parts.append(
            f'<line x1="{pad_l}" x2="{w - 4}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{pad_l - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{k}</text>'
        )
    for i, n in enumerate(bins):
        x = pad_l + i * bw + 3
        bh = (h - pad_b - pad_t) * n / top
        y = h - pad_b - bh
        band = f"{i * 10}–{i * 10 + 9}" if i < 9 else "90–100"
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw - 6:.1f}" height="{bh:.1f}" fill="{BAR}">'
            f"<title>{band}: {n}</title></rect>"
        )
        if n:
            parts.append(
                f'<text x="{x + (bw - 6) / 2:.1f}" y="{y - 3:.1f}" font-size="11" text-anchor="middle">{n}</text>'
            )
        parts.append(
            f'<text x="{x + (bw - 6) / 2:.1f}" y="{h - pad_b + 14}" font-size="10" text-anchor="middle">{i * 10}</text>'
        )
    parts.append(f'<text x="{w / 2}" y="{h - 4}" font-size="11" text-anchor="middle">{escape(label_x)}</text>')
    parts.append(f'<text x="0" y="12" font-size="11">{escape(label_y)}</text></svg>')
    return Markup("".join(parts))


def text_width(text: str, font_px: float) -> float:
    """Estimated rendered width: a wide or full-width character (CJK) takes a full em, anything else
    at most 0.62 em (capitals and digits of common sans-serif fonts), so an estimate that fits fits."""
    return sum(font_px if unicodedata.east_asian_width(ch) in "WF" else 0.62 * font_px for ch in text)


def _latin(ch: str) -> bool:
    return ch.isalnum() and unicodedata.east_asian_width(ch) not in "WF"


def fit_label(text: str, max_px: float, font_px: float) -> str:
    """`text` when it fits in `max_px`, else shortened with an ellipsis, never inside a word: English
    is cut at a space or hyphen, Chinese (which has no spaces) after any whole character. A single
    word longer than the room is cut where it must be."""
    if text_width(text, font_px) <= max_px:
        return text
    room = max_px - text_width("…", font_px)
    i = len(text)
    while i > 0 and text_width(text[:i], font_px) > room:
        i -= 1
    j = i
    while 0 < j < len(text) and _latin(text[j - 1]) and _latin(text[j]):
        j -= 1  # back to the start of the word the cut would split
    cut = text[: j or i].rstrip(" ,;:–-（(“")
    return cut + "…"


def top_rules(counts: list[tuple[str, str, int]], href: str = "rules.html#") -> Markup:
    """Horizontal bars: (rule id, title, times failed), most frequent first. A title too long for the
    label column is shortened at a word boundary; the full title is the label's tooltip."""
    if not counts:
        return Markup("")
    w, row_h, label_w, font = 640, 22, 300, 12
    h = row_h * len(counts) + 8
    top = max(c for _, _, c in counts) or 1
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (rid, title, n) in enumerate(counts):
        y = 4 + i * row_h
        bw = (w - label_w - 40) * n / top
        full = f"{rid} {title}".strip()
        shown = fit_label(full, label_w - 8, font)
        parts.append(
            f'<a href="{escape(href)}{escape(rid)}"><title>{escape(full)}</title>'
            f'<text x="0" y="{y + 15}" font-size="{font}">{escape(shown)}</text></a>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bw:.1f}" height="{row_h - 8}" fill="{BAR}"/>'
            f'<text x="{label_w + bw + 4:.1f}" y="{y + 15}" font-size="{font}">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
