#!/usr/bin/python3
"""Draws docs/benchmarks-throughput.svg: throughput vs concurrent clients for classify (results/http-side-by-side.md,
else results/http.md) and
bot turns (results/turns.md), with p99 latency, from the committed result tables.

Plain SVG written by hand: no plotting library is installed on the build machines, and the picture is
two lines on a log axis.
"""
from __future__ import annotations

import math
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "benchmarks", "results")
OUT = os.path.join(ROOT, "docs", "benchmarks-throughput.svg")


def table(path: str) -> list[dict[str, str]]:
    """Rows of the first markdown table in the file, keyed by header."""
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip().startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    return [dict(zip(header, (c.strip() for c in l.strip("|").split("|")))) for l in lines[2:]]


def number(text: str) -> float:
    return float(re.sub(r"[^0-9.]", "", text))


def series() -> list[tuple[str, str, list[tuple[int, float, float]]]]:
    out = []
    # The classify run taken next to the turns run (same machine load) when there is one, else the main run.
    http = os.path.join(RESULTS, "http-side-by-side.md")
    if not os.path.exists(http):
        http = os.path.join(RESULTS, "http.md")
    if os.path.exists(http):
        pts = [(int(r["Concurrency"]), number(r["Texts/s"]), number(r["p99 ms"])) for r in table(http) if r["Request"] == "1 text"]
        out.append(("classify, 1 text per request (texts/s)", "#1f77b4", pts))
    turns = os.path.join(RESULTS, "turns.md")
    if os.path.exists(turns):
        pts = [(int(r["Clients"]), number(r["Turns/s"]), number(r["p99 ms"])) for r in table(turns)]
        out.append(("bot turns via Direct Line (turns/s)", "#d62728", pts))
    return out


def main() -> None:
    data = series()
    w, h, left, right, top, bottom = 720, 400, 70, 50, 40, 60
    xs = sorted({p[0] for _, _, pts in data for p in pts})
    ymax = max(p[1] for _, _, pts in data for p in pts)
    ymax = math.ceil(ymax / 1000) * 1000 if ymax > 1000 else math.ceil(ymax / 100) * 100
    lo, hi = math.log2(min(xs)), math.log2(max(xs))

    def x(c: float) -> float:
        return left + (math.log2(c) - lo) / max(hi - lo, 1) * (w - left - right)

    def y(v: float) -> float:
        return h - bottom - v / ymax * (h - top - bottom)

    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">Throughput vs concurrent clients '
           f'(closed loop, 2 busy shared vCPUs; labels: p99 ms)</text>']
    for i in range(6):
        v = ymax * i / 5
        svg.append(f'<line x1="{left}" x2="{w - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        svg.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    for c in xs:
        svg.append(f'<line x1="{x(c):.1f}" x2="{x(c):.1f}" y1="{h - bottom}" y2="{h - bottom + 5}" stroke="black"/>')
        svg.append(f'<text x="{x(c):.1f}" y="{h - bottom + 18}" text-anchor="middle">{c}</text>')
    svg.append(f'<line x1="{left}" x2="{w - right}" y1="{h - bottom}" y2="{h - bottom}" stroke="black"/>')
    svg.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{h - bottom}" stroke="black"/>')
    svg.append(f'<text x="{(left + w - right) / 2}" y="{h - 22}" text-anchor="middle">concurrent clients (log scale)</text>')
    svg.append(f'<text x="16" y="{(top + h - bottom) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 16 {(top + h - bottom) / 2})">requests per second</text>')
    for i, (name, colour, pts) in enumerate(data):
        pts = sorted(pts)
        path = " ".join(f"{x(c):.1f},{y(v):.1f}" for c, v, _ in pts)
        svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for c, v, p99 in pts:
            svg.append(f'<circle cx="{x(c):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
            svg.append(f'<text x="{x(c) + 6:.1f}" y="{y(v) - 6:.1f}" fill="{colour}">{p99:.1f}</text>')
        ly = top + 10 + 18 * i
        svg.append(f'<line x1="{left + 20}" x2="{left + 45}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        svg.append(f'<text x="{left + 50}" y="{ly + 4}">{name}</text>')
    svg.append("</svg>")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
