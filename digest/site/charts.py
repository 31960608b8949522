"""Small static pictures, made at build time as inline SVG: no JavaScript library, no CDN,
nothing fetched when the page is read. Colours come from Material's CSS variables (see
digest.css), so a chart reads in the light and the dark palette alike. Every chart carries
its text alternative twice: a `<title>`/`<desc>` for screen readers, and the numbers
themselves in a collapsed table for everyone."""
from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections import Counter
from dataclasses import dataclass

from digest.site import words

WIDTH, HEIGHT = 640, 150
LEFT, BOTTOM, TOP = 34, 22, 10


@dataclass(frozen=True)
class Bar:
    label: str  # "June 2024", for the table and the tooltip
    axis: str  # "Jun 2024", under the axis (shown for a few bars only)
    value: int


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate to a tenth, without a trailing ".0" (every chart has dozens of them)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def monday(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


def periods(dates: list[dt.date], language: str = "en", max_weeks: int = 26) -> tuple[str, list[Bar]]:
    """Counts per week when the dates span at most `max_weeks` weeks, else per month (per
    year beyond 20 years), with the empty periods in between: attention over time."""
    if not dates:
        return "month", []
    first, last = min(dates), max(dates)
    if (monday(last) - monday(first)).days // 7 < max_weeks:
        counts = Counter(monday(d) for d in dates)
        bars, week = [], monday(first)
        while week <= last:
            label = words.long_date(week, language)
            bars.append(Bar(f"week of {label}", label, counts.get(week, 0)))
            week += dt.timedelta(days=7)
        return "week", bars
    if last.year - first.year <= 20:
        return "month", month_bars([(d.year, d.month) for d in dates], language)
    counts = Counter(d.year for d in dates)
    return "year", [Bar(str(y), str(y), counts.get(y, 0))
                    for y in range(first.year, last.year + 1)]


def month_bars(months: list[tuple[int, int]], language: str = "en") -> list[Bar]:
    """One bar per month from the first to the last, empty months included."""
    if not months:
        return []
    counts = Counter(months)
    (year, month), end = min(months), max(months)
    bars = []
    while (year, month) <= end:
        bars.append(Bar(words.month_label(year, month, language),
                        words.short_month(year, month, language), counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return bars


def bar_chart(bars: list[Bar], title: str, unit: str, unit_plural: str | None = None,
              language: str = "en", css: str = "digest-chart", note: str = "") -> str:
    """A bar chart as one raw HTML block (no blank line inside, so Markdown leaves it
    whole): an SVG with a bar per period, a caption, and the numbers as a table."""
    if not bars:
        return ""
    peak = max(b.value for b in bars) or 1
    inner_w, inner_h = WIDTH - LEFT - 6, HEIGHT - BOTTOM - TOP
    step = inner_w / len(bars)
    gap = min(2.0, step * 0.2)
    total = sum(b.value for b in bars)
    busiest = max(bars, key=lambda b: b.value)
    summary = (f"{words.count(total, unit, unit_plural, language)} from {bars[0].label} to "
               f"{bars[-1].label}; most in {busiest.label} "
               f"({words.number(busiest.value, language)}).{note}")
    ident = "c" + hashlib.sha1(repr((title, bars)).encode()).hexdigest()[:8]
    parts = [f'<figure class="{css}" data-search-exclude>',
             f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{ident}-t {ident}-d" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-t">{esc(title)}</title>',
             f'<desc id="{ident}-d">{esc(summary)}</desc>',
             f'<line class="digest-axis" x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - 4}" '
             f'y2="{TOP + inner_h}"/>',
             f'<text class="digest-tick" x="{LEFT - 4}" y="{TOP + 8}" text-anchor="end">'
             f'{esc(words.number(peak, language))}</text>',
             f'<text class="digest-tick" x="{LEFT - 4}" y="{TOP + inner_h}" text-anchor="end">0</text>']
    for i, bar in enumerate(bars):
        if not bar.value:  # an empty period draws nothing (a 0-high bar cannot be pointed at)
            continue
        h = inner_h * bar.value / peak
        x = LEFT + i * step + gap / 2
        parts.append(f'<rect class="digest-bar" x="{num(x)}" y="{num(TOP + inner_h - h)}" '
                     f'width="{num(max(step - gap, 0.5))}" height="{num(h)}">'
                     f'<title>{esc(bar.label)}: {esc(words.count(bar.value, unit, unit_plural, language))}'
                     f'</title></rect>')
    shown = sorted({0, len(bars) - 1, *([len(bars) // 2] if len(bars) > 4 else [])})
    for i in shown:
        anchor = "start" if i == 0 else "end" if i == len(bars) - 1 else "middle"
        x = LEFT + i * step + (0 if anchor == "start" else step if anchor == "end" else step / 2)
        parts.append(f'<text class="digest-tick" x="{num(x)}" y="{HEIGHT - 6}" '
                     f'text-anchor="{anchor}">{esc(bars[i].axis)}</text>')
    parts.append("</svg>")
    parts.append(f"<figcaption>{esc(title)}: {esc(summary)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


def data_table(bars: list[Bar], unit: str, unit_plural: str | None, language: str) -> str:
    rows = "".join(f"<tr><td>{esc(b.label)}</td><td>{esc(words.number(b.value, language))}</td></tr>"
                   for b in bars if b.value)
    head = esc((unit_plural or unit + "s").capitalize())
    return (f'<details class="digest-chart-data"><summary>The numbers</summary><table>'
            f'<thead><tr><th scope="col">Period</th><th scope="col">{head}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></details>")


def trends_chart(series: list[tuple[str, list[Bar]]], title: str, unit: str,
                 language: str = "en") -> str:
    """Small multiples in one SVG: a row of monthly bars per topic, on one shared scale,
    so that rising and fading topics show side by side."""
    series = [(name, bars) for name, bars in series if bars]
    if not series:
        return ""
    months = len(series[0][1])
    peak = max(b.value for _, bars in series for b in bars) or 1
    row_h, label_w = 34, 190
    height = row_h * len(series) + 22
    step = (WIDTH - label_w - 6) / months
    gap = min(2.0, step * 0.2)
    ident = "t" + hashlib.sha1(repr((title, series)).encode()).hexdigest()[:8]
    first, last = series[0][1][0], series[0][1][-1]
    summary = "; ".join(f"{name}: {words.count(sum(b.value for b in bars), unit, None, language)}"
                        for name, bars in series)
    summary = f"Per month, {first.label} to {last.label}. {summary}."
    parts = [f'<figure class="digest-chart digest-trends" data-search-exclude>',
             f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-t">{esc(title)}</title>',
             f'<desc id="{ident}-d">{esc(summary)}</desc>']
    for row, (name, bars) in enumerate(series):
        base = row * row_h + row_h - 4
        parts.append(f'<g class="digest-series" data-topic="{esc(name)}">')
        parts.append(f'<text class="digest-label" x="0" y="{base - 4}">{esc(name)}</text>')
        parts.append(f'<line class="digest-axis" x1="{label_w}" y1="{base}" x2="{WIDTH - 4}" y2="{base}"/>')
        for i, bar in enumerate(bars):
            if not bar.value:
                continue
            h = (row_h - 8) * bar.value / peak
            x = label_w + i * step + gap / 2
            parts.append(f'<rect class="digest-bar" x="{num(x)}" y="{num(base - h)}" '
                         f'width="{num(max(step - gap, 0.5))}" height="{num(h)}"><title>{esc(name)}, '
                         f'{esc(bar.label)}: {esc(words.count(bar.value, unit, None, language))}'
                         f'</title></rect>')
        parts.append("</g>")
    y = height - 6
    parts.append(f'<text class="digest-tick" x="{label_w}" y="{y}">{esc(first.axis)}</text>')
    parts.append(f'<text class="digest-tick" x="{WIDTH - 4}" y="{y}" text-anchor="end">'
                 f'{esc(last.axis)}</text>')
    parts.append("</svg>")
    parts.append(f"<figcaption>{esc(title)}: {esc(summary)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)
