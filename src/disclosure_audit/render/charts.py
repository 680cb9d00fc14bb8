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
