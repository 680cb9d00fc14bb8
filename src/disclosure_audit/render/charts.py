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


ERR = "#b42318"


def trend_chart(points: list[dict], current: int | None, label_score: str, label_errors: str) -> Markup:
    """An agency's audited years: score as a line on a 0–100 scale, errors as bars on their own
    scale, one column per year (years placed by value, so a missing year leaves a gap); this
    report's year is marked. Every coordinate is printed with one decimal: same input, same bytes."""
    w, h, pad_l, pad_r, pad_t, pad_b = 520, 230, 40, 40, 30, 34
    plot_w, plot_h = w - pad_l - pad_r, h - pad_t - pad_b
    years = [p["year"] for p in points]
    lo, hi = min(years), max(years)
    top_err = max(max(p["errors"] for p in points), 1)
    slot = plot_w / (hi - lo + 1)

    def x(year: int) -> float:
        return pad_l + slot * (year - lo + 0.5)

    def y_score(v: float) -> float:
        return pad_t + plot_h * (1 - v / 100)

    parts = [
        f'<svg class="chart trend" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label_score)} / {escape(label_errors)}</title>'
    ]
    for v in (0, 25, 50, 75, 100):
        yy = y_score(v)
        parts.append(
            f'<line x1="{pad_l}" x2="{w - pad_r}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{GRID}"/>'
            f'<text x="{pad_l - 6}" y="{yy + 4:.1f}" font-size="11" text-anchor="end">{v}</text>'
        )
    parts.append(
        f'<text x="{w - pad_r + 6}" y="{pad_t + 4}" font-size="11" fill="{ERR}">{top_err}</text>'
        f'<text x="{w - pad_r + 6}" y="{pad_t + plot_h + 4}" font-size="11" fill="{ERR}">0</text>'
    )
    bar_w = min(28.0, slot / 3)
    for p in points:
        bh = plot_h * p["errors"] / top_err
        cx = x(p["year"])
        bold = ' font-weight="700"' if p["year"] == current else ""
        parts.append(
            f'<rect class="trend-errors" x="{cx - bar_w / 2:.1f}" y="{pad_t + plot_h - bh:.1f}" width="{bar_w:.1f}" '
            f'height="{bh:.1f}" fill="{ERR}" fill-opacity="0.35"><title>{p["year"]}: {escape(label_errors)} '
            f"{p['errors']}</title></rect>"
            f'<text x="{cx:.1f}" y="{h - pad_b + 16}" font-size="12" text-anchor="middle"{bold}>{p["year"]}</text>'
        )
    line = " ".join(f"{x(p['year']):.1f},{y_score(p['score']):.1f}" for p in points)
    parts.append(f'<polyline points="{line}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for p in points:
        cx, cy = x(p["year"]), y_score(p["score"])
        r = 6 if p["year"] == current else 4
        parts.append(
            f'<circle class="trend-score" cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" fill="{BAR}"><title>{p["year"]}: '
            f"{escape(label_score)} {p['score']:.1f}</title></circle>"
            f'<text x="{cx:.1f}" y="{cy - 9:.1f}" font-size="11" text-anchor="middle">{p["score"]:.1f}</text>'
        )
    parts.append(
        f'<rect x="{pad_l}" y="6" width="14" height="3" fill="{BAR}"/>'
        f'<text x="{pad_l + 18}" y="12" font-size="11">{escape(label_score)}</text>'
        f'<rect x="{pad_l + 110}" y="3" width="10" height="10" fill="{ERR}" fill-opacity="0.35"/>'
        f'<text x="{pad_l + 124}" y="12" font-size="11">{escape(label_errors)}</text></svg>'
    )
    return Markup("".join(parts))
