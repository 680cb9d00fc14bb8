"""Inline SVG charts drawn at build time: readable offline, in print, and without JavaScript."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR = "#12355b"
GRID = "#d0d5dd"


def score_histogram(scores: list[float], label_x: str, label_y: str) -> Markup:
    """Reports per 10-point band (0–9 … 90–100)."""
    bins = [0] * 10
    for s in scores:
        bins[min(int(s // 10), 9)] += 1
    w, h, pad_l, pad_b, pad_t = 520, 220, 36, 34, 12
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
    parts.append(f'<text x="10" y="{pad_t + 4}" font-size="11">{escape(label_y)}</text></svg>')
    return Markup("".join(parts))


def top_rules(counts: list[tuple[str, str, int]], href: str = "rules.html#") -> Markup:
    """Horizontal bars: (rule id, title, times failed), most frequent first."""
    if not counts:
        return Markup("")
    w, row_h, label_w = 640, 22, 300
    h = row_h * len(counts) + 8
    top = max(c for _, _, c in counts) or 1
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (rid, title, n) in enumerate(counts):
        y = 4 + i * row_h
        bw = (w - label_w - 40) * n / top
        parts.append(
            f'<a href="{escape(href)}{escape(rid)}"><text x="0" y="{y + 15}" font-size="12">{escape(rid)} '
            f"{escape(title[:18])}</text></a>"
            f'<rect x="{label_w}" y="{y + 3}" width="{bw:.1f}" height="{row_h - 8}" fill="{BAR}"/>'
            f'<text x="{label_w + bw + 4:.1f}" y="{y + 15}" font-size="12">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
