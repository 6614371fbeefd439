#!/usr/bin/env python3
"""Estimate Richardson arms-race reaction coefficients for South Korea and Japan.

Model (discrete Richardson, one step = one year):

    x[t+1] - x[t] = k1 * threat1[t] + k2 * threat2[t] - a * x[t] + g   (+ error)

x is the defender's military expenditure (SIPRI, constant US$), threat1 the DPRK
expenditure proxy, threat2 China's expenditure (SIPRI). Ordinary least squares;
classical standard errors; R^2 of the change equation.

Data (read in place; the files are NOT copied into the repository, their terms
forbid redistribution):
  sipri_milex_constant_usd_1949_2018.csv  wide, constant US$ m (base year probably 2017)
  cow_nmc_v6_abridged.csv                 COW NMC v6: milex in thousands of current US$
North Korea has no SIPRI figure. Its proxy is built from COW:
  * COW DPRK milex (current US$) is deflated to SIPRI constant dollars with the
    implicit US deflator  USA_SIPRI_constant[t] / USA_COW_current[t];
  * COW DPRK milex is missing (-9) from 2002 on; it is extended by the DPRK CINC
    score (--dprk-proxy cinc, default: milex[2001] * cinc[t]/cinc[2001]) or carried
    forward flat (--dprk-proxy flat).

Usage (from the repository root):
  python3 models/korea/calibration/estimate_arms_race.py [--data ../shared/data]
        [--dprk-proxy cinc|flat] [--json out.json]
Python 3 standard library only.
"""
import argparse
import csv
import json
import math
import os
import sys


def read_sipri(path):
    out = {}
    with open(path, newline="", encoding="latin-1") as f:  # country names are Latin-1
        rows = list(csv.reader(f))
    years = [int(y) for y in rows[0][1:]]
    for r in rows[1:]:
        series = {}
        for y, v in zip(years, r[1:]):
            v = v.strip()
            if v and v not in ("xxx", ". .", "..."):
                try:
                    series[y] = float(v)
                except ValueError:
                    pass
        out[r[0].strip()] = series
    return out


def read_cow(path):
    milex, cinc = {}, {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            s, y = r["stateabb"], int(r["year"])
            m = float(r["milex"])
            if m >= 0:
                milex.setdefault(s, {})[y] = m
            c = float(r["cinc"])
            if c >= 0:
                cinc.setdefault(s, {})[y] = c
    return milex, cinc


def ols(X, y):
    """Return (beta, se, r2, n, resid_sd) for y = X beta + e."""
    n, p = len(X), len(X[0])
    xtx = [[sum(X[i][a] * X[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
    xty = [sum(X[i][a] * y[i] for i in range(n)) for a in range(p)]
    inv = invert(xtx)
    beta = [sum(inv[a][b] * xty[b] for b in range(p)) for a in range(p)]
    fit = [sum(X[i][a] * beta[a] for a in range(p)) for i in range(n)]
    res = [y[i] - fit[i] for i in range(n)]
    sse = sum(e * e for e in res)
    ybar = sum(y) / n
    sst = sum((v - ybar) ** 2 for v in y)
    s2 = sse / (n - p)
    se = [math.sqrt(max(0.0, s2 * inv[a][a])) for a in range(p)]
    return beta, se, (1 - sse / sst if sst > 0 else float("nan")), n, math.sqrt(s2)


def invert(m):
    n = len(m)
    a = [row[:] + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(m)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(a[r][c]))
        if abs(a[piv][c]) < 1e-300:
            raise ValueError("singular matrix")
        a[c], a[piv] = a[piv], a[c]
        pv = a[c][c]
        a[c] = [v / pv for v in a[c]]
        for r in range(n):
            if r != c:
                f = a[r][c]
                a[r] = [v - f * w for v, w in zip(a[r], a[c])]
    return [row[n:] for row in a]


def dprk_proxy(cow_milex, cow_cinc, sipri, mode):
    usa_c, usa_s = cow_milex["USA"], sipri["USA"]
    prk = cow_milex["PRK"]
    out = {}
    for y, m in prk.items():
        if y in usa_c and y in usa_s and usa_c[y] > 0:
            out[y] = m * usa_s[y] / usa_c[y]  # thousands current $ -> constant $ m
    last = max(out)
    for y in range(last + 1, 2019):
        if mode == "cinc" and y in cow_cinc.get("PRK", {}):
            out[y] = out[last] * cow_cinc["PRK"][y] / cow_cinc["PRK"][last]
        elif mode == "cinc":
            # COW ends in 2016: carry the last CINC-scaled value forward
            out[y] = out[y - 1]
        else:
            out[y] = out[last]
    return out, last


def fit(name, x, threats, years):
    rows, dy, used = [], [], []
    for t in years:
        if t in x and t + 1 in x and all(t in th for _, th in threats):
            rows.append([th[t] for _, th in threats] + [-x[t], 1.0])
            dy.append(x[t + 1] - x[t])
            used.append(t)
    beta, se, r2, n, sd = ols(rows, dy)
    labels = ["k_" + lab for lab, _ in threats] + ["a (fatigue)", "g (grievance, $m/yr)"]
    return {"name": name, "years": [used[0], used[-1]], "n": n, "r2": r2, "resid_sd": sd,
            "coef": {lab: {"est": b, "se": s} for lab, b, s in zip(labels, beta, se)}}


def show(res):
    print(f"\n== {res['name']}  ({res['years'][0]}-{res['years'][1]}, n={res['n']})")
    for lab, c in res["coef"].items():
        lo, hi = c["est"] - 1.96 * c["se"], c["est"] + 1.96 * c["se"]
        print(f"   {lab:24s} {c['est']:12.5f}  se {c['se']:10.5f}   95% CI [{lo:.5f}, {hi:.5f}]")
    print(f"   R^2 = {res['r2']:.3f}   residual sd = {res['resid_sd']:.1f} $m/yr")


def read_owid_share(path):
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["Entity"], {})[int(r["Year"])] = float(r["Military expenditure (% of GDP)"]) / 100.0
    return out


def loglin_rate(series, y0, y1):
    """Continuous growth rate: OLS slope of ln(series) on the year, y0..y1."""
    pts = [(y, math.log(series[y])) for y in range(y0, y1 + 1) if series.get(y, 0) > 0]
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def write_historical(path, sipri, share, dprk, y0=2000, y1=2018, observed=False):
    """Constants for the behaviour-reproduction run of korea.mdl (money in SIPRI constant US$ bn).

    GDP is implied as SIPRI spending / OWID share so that both are in the same constant dollars;
    growth rates are continuous (log-linear OLS over y0..y1), as the model uses EXP(rate*t)."""
    names = {"ROK": ("Korea, South", "South Korea"), "JPN": ("Japan", "Japan"), "CHN": ("China", "China"),
             "USA": ("USA", "United States"), "RUS": ("Russia", "Russia")}
    spend, gdp, rate = {}, {}, {}
    for a, (sn, on) in names.items():
        s, sh = sipri[sn], share[on]
        spend[a] = s[y0] / 1000.0
        g = {y: s[y] / sh[y] / 1000.0 for y in s if y in sh and sh[y] > 0}
        gdp[a] = g[y0]
        rate[a] = loglin_rate(g, y0, y1)
    chn_rate = loglin_rate(sipri["China"], y0, y1)
    usa_rate = loglin_rate(sipri["USA"], y0, y1)
    lines = [
        "# Behaviour-reproduction run of korea.mdl: start in 2000 with historical inputs.",
        "# Generated by models/korea/calibration/estimate_arms_race.py --historical-out (do not edit by hand).",
        "# Money: SIPRI constant US$ bn (base year probably 2017); GDP implied as SIPRI spending / OWID share.",
        "# Growth rates are continuous (log-linear OLS 2000-2018). DPRK: COW proxy (see the script).",
        "# Constants not listed keep their .mdl defaults; the war (2022) and Japan's plan (2023) start after 2018.",
        f"time: {{start: {y0}, end: {y1}, step: 0.0625, saveper: 1}}",
        "constants:",
        '  "New mechanisms switch": 0',
    ]
    for a in ("ROK", "JPN", "CHN", "USA", "RUS"):
        lines.append(f'  "Initial defense spending[{a}]": {spend[a]:.3f}')
        lines.append(f'  "Initial GDP[{a}]": {gdp[a]:.1f}')
        lines.append(f'  "GDP growth rate[{a}]": {rate[a]:.4f}')
    lines.append(f'  "Initial defense spending[DPRK]": {dprk[y0] / 1000.0:.3f}')
    lines.append(f'  "China spending growth": {chn_rate:.4f}')
    lines.append(f'  "US spending growth": {usa_rate:.4f}')
    lines.append("# Compare Defense spending[ROK] and Defense spending[JPN] with the SIPRI rows 'Korea, South' and 'Japan'")
    lines.append("# of ../shared/data/sipri_milex_constant_usd_1949_2018.csv (US$ m / 1000), 2000-2018; the series is")
    lines.append("# not copied here (SIPRI terms): read it from ../shared/data, or use --with-observed for a local file.")
    if observed:
        lines.append("observed:   # SIPRI constant US$ bn")
        for a, sn in (("ROK", "Korea, South"), ("JPN", "Japan")):
            ser = ", ".join(f"{y}: {sipri[sn][y] / 1000.0:.3f}" for y in range(y0, y1 + 1))
            lines.append(f'  "Defense spending[{a}]": {{{ser}}}')
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"\nwrote {path}")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo_root = os.path.abspath(os.path.join(here, "..", "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(repo_root, "..", "shared", "data"),
                    help="folder with the SIPRI and COW csv files (default: ../shared/data from the repo root)")
    ap.add_argument("--dprk-proxy", choices=["cinc", "flat"], default="cinc")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--historical-out", metavar="YAML",
                    help="write the constants for the model's 2000 start to this file")
    ap.add_argument("--with-observed", action="store_true",
                    help="also write the observed SIPRI 2000-2018 series (keep such a file out of the repository)")
    args = ap.parse_args(argv)

    sipri = read_sipri(os.path.join(args.data, "sipri_milex_constant_usd_1949_2018.csv"))
    milex, cinc = read_cow(os.path.join(args.data, "cow_nmc_v6_abridged.csv"))
    rok, jpn, chn = sipri["Korea, South"], sipri["Japan"], sipri["China"]
    dprk, last_obs = dprk_proxy(milex, cinc, sipri, args.dprk_proxy)

    print("Discrete Richardson fits: x[t+1]-x[t] = sum_j k_j*threat_j[t] - a*x[t] + g")
    print(f"DPRK proxy: COW milex deflated with the US SIPRI/COW ratio, observed to {last_obs},"
          f" extended by '{args.dprk_proxy}'. Money: SIPRI constant US$ m.")
    results = []
    # Main specifications: window where China (SIPRI from 1989) is observed.
    results.append(fit("ROK main: threat = DPRK, China", rok, [("DPRK", dprk), ("CHN", chn)], range(1989, 2018)))
    results.append(fit("JPN main: threat = DPRK, China", jpn, [("DPRK", dprk), ("CHN", chn)], range(1989, 2018)))
    # Long window, DPRK only, observed DPRK data only (no extension).
    results.append(fit("ROK long: threat = DPRK (observed COW years)", rok, [("DPRK", dprk)], range(1960, last_obs)))
    results.append(fit("JPN long: threat = DPRK (observed COW years)", jpn, [("DPRK", dprk)], range(1960, last_obs)))
    # Combined threat as the model uses it: DPRK + w*China is not identified separately
    # from k; report the single-threat fit with China only for reference.
    results.append(fit("ROK ref: threat = China only", rok, [("CHN", chn)], range(1989, 2018)))
    results.append(fit("JPN ref: threat = China only", jpn, [("CHN", chn)], range(1989, 2018)))
    for r in results:
        show(r)

    # Values for the model's historical (2000) start, in SIPRI constant US$ bn.
    hist = {y: {"ROK": rok.get(y), "JPN": jpn.get(y), "CHN": chn.get(y), "USA": sipri["USA"].get(y),
                "DPRK_proxy": dprk.get(y)} for y in range(2000, 2019)}
    def g(a, b, s):
        return (s[b] / s[a]) ** (1.0 / (b - a)) - 1
    print("\nHistorical start (SIPRI constant US$ bn): 2000 levels and 2000-2018 growth")
    for lab, s in [("ROK", rok), ("JPN", jpn), ("CHN", chn), ("USA", sipri["USA"]), ("DPRK proxy", dprk)]:
        print(f"   {lab:10s} 2000 = {s[2000] / 1000:8.2f}   2018 = {s[2018] / 1000:8.2f}   CAGR = {100 * g(2000, 2018, s):6.2f} %/yr")
    if args.historical_out:
        share = read_owid_share(os.path.join(args.data, "sipri_milex_share_gdp_owid.csv"))
        write_historical(args.historical_out, sipri, share, dprk, observed=args.with_observed)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"fits": results, "dprk_proxy": args.dprk_proxy, "history": hist}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
