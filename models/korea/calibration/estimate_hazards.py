#!/usr/bin/env python3
"""Hazard calibration of the korea model (v2) from ../shared/data (issue 12).

Estimates, with exact intervals, from the Gibler-Miller-Little MID dyad-year data (DPRK 731 - ROK 732):
  * MID onset rate by era (1954-1990, 1991-2010, all), exact Poisson intervals;
  * share of onsets with fatalities and with use of force by era, Clopper-Pearson intervals;
  * the upper bound on the major-war hazard from 71 years (1954-2024) without one;
  * a Poisson regression of yearly onsets on the log ROK/DPRK CINC ratio (COW NMC v6), the balance covariate
    the model has, with a profile of its sign (deterrence predicts a negative slope, spiral/opportunity a positive);
  * an out-of-sample check of the onset rate: fit through 1999, predict 2000-2010 (the data end in 2010),
    against persistence (the 1990-1999 rate) and a linear trend of yearly counts 1954-1999.
Writes hazard-estimates.txt beside this script. Usage: python3 estimate_hazards.py [--data DIR]
"""
import argparse, csv, math, os, sys
import numpy as np
from scipy import optimize, stats

HERE = os.path.dirname(os.path.abspath(__file__))
LEVEL = 0.90  # the study's ranges are 90% intervals


def poisson_ci(k, t, level=LEVEL):
    a = (1 - level) / 2
    lo = 0.0 if k == 0 else stats.chi2.ppf(a, 2 * k) / 2 / t
    hi = stats.chi2.ppf(1 - a, 2 * k + 2) / 2 / t
    return lo, hi


def cp_ci(k, n, level=LEVEL):
    a = (1 - level) / 2
    lo = 0.0 if k == 0 else stats.beta.ppf(a, k, n - k + 1)
    hi = 1.0 if k == n else stats.beta.ppf(1 - a, k + 1, n - k)
    return lo, hi


def onsets(data):
    seen = {}
    with open(os.path.join(data, 'gml_mid_dyad_year_v2.1.1.csv'), newline='') as f:
        for r in csv.DictReader(f):
            if {r['ccode1'], r['ccode2']} != {'731', '732'} or r['midonset'] != '1':
                continue
            seen[r['dispnum']] = (int(r['year']), int(r['hostlev']), int(r['fatality']))
    return sorted(seen.values())


def cinc_ratio(data):
    c = {}
    with open(os.path.join(data, 'cow_nmc_v6_abridged.csv'), newline='') as f:
        for r in csv.DictReader(f):
            if r['ccode'] in ('731', '732'):
                c[(r['ccode'], int(r['year']))] = float(r['cinc'])
    return {y: c[('732', y)] / c[('731', y)] for y in range(1954, 2017) if ('732', y) in c and ('731', y) in c}


def poisson_fit(y, x):
    """Poisson regression log mu = a + b x by maximum likelihood; returns (a, b), covariance."""
    X = np.column_stack([np.ones_like(x), x])
    nll = lambda p: float(np.sum(np.exp(X @ p) - y * (X @ p)))
    p = optimize.minimize(nll, np.array([math.log(max(y.mean(), 1e-3)), 0.0]), method='BFGS').x
    mu = np.exp(X @ p)
    cov = np.linalg.inv(X.T @ (X * mu[:, None]))
    return p, cov


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(HERE, '..', '..', '..', '..', 'shared', 'data'))
    args = ap.parse_args()
    ev = [e for e in onsets(args.data) if 1954 <= e[0] <= 2010]
    lines = ['# korea v2 hazard estimates (models/korea/calibration/estimate_hazards.py); intervals are %d%%' % round(100 * LEVEL),
             '# data: gml_mid_dyad_year_v2.1.1.csv (DPRK-ROK onsets, unique dispnum), cow_nmc_v6_abridged.csv (CINC)', '']
    lines.append('era        years onsets rate/yr  interval        fatal  share  interval        force  share')
    est = {}
    for name, a, b in (('1954-1990', 1954, 1990), ('1991-2010', 1991, 2010), ('1954-2010', 1954, 2010)):
        e = [x for x in ev if a <= x[0] <= b]
        t = b - a + 1
        k = len(e)
        fatal = sum(1 for x in e if x[2] >= 1)
        force = sum(1 for x in e if x[1] >= 4)
        lo, hi = poisson_ci(k, t)
        flo, fhi = cp_ci(fatal, k)
        est[name] = (k, t, fatal, force, lo, hi, flo, fhi)
        lines.append('%-10s %5d %6d %7.3f  %.3f-%.3f   %5d  %.3f  %.3f-%.3f   %5d  %.3f' % (
            name, t, k, k / t, lo, hi, fatal, fatal / k, flo, fhi, force, force / k))
    # no major war (hostlev 5) 1954-2024: rule-of-three style bound
    years = 2024 - 1954 + 1
    wars = sum(1 for x in ev if x[1] >= 5)
    lines += ['', 'major war (hostlev 5) onsets 1954-2010: %d; years without one 1954-2024: %d' % (wars, years),
              'upper %d%% bound on the major-war hazard: %.4f a year (-ln(%.2f)/%d); P(no war in %d years) at that hazard = %.2f' % (
                  round(100 * LEVEL), -math.log(1 - LEVEL) / years, 1 - LEVEL, years, years, 1 - LEVEL)]
    # Poisson regression on the balance
    ratio = cinc_ratio(args.data)
    yrs = np.arange(1954, 2011)
    y = np.array([sum(1 for x in ev if x[0] == yy) for yy in yrs], dtype=float)
    x = np.log(np.array([ratio[yy] for yy in yrs]))
    p, cov = poisson_fit(y, x)
    se = math.sqrt(cov[1, 1])
    z = stats.norm.ppf(0.5 + LEVEL / 2)
    lines += ['', 'Poisson regression 1954-2010: log E[onsets] = a + b ln(ROK/DPRK CINC ratio)',
              '  a = %.3f (SE %.3f), b = %.3f (SE %.3f), %d%% interval of b: %.3f to %.3f' % (
                  p[0], math.sqrt(cov[0, 0]), p[1], se, round(100 * LEVEL), p[1] - z * se, p[1] + z * se),
              '  deterrence logic predicts b < 0 (fewer onsets as the ROK lead grows); the estimate is %s' % (
                  'positive (onsets rose as the lead grew: spiral or opportunity, or a trend)' if p[1] > 0 else 'negative')]
    # out of sample: fit through 1999, predict 2000-2010
    obs = sum(1 for x in ev if 2000 <= x[0] <= 2010) / 11
    tr = yrs <= 1999
    recent = sum(1 for x in ev if 1991 <= x[0] <= 1999) / 9
    persistence = sum(1 for x in ev if 1990 <= x[0] <= 1999) / 10
    slope, icpt = np.polyfit(yrs[tr], y[tr], 1)
    trend = float(np.mean(icpt + slope * np.arange(2000, 2011)))
    p9, _ = poisson_fit(y[tr], x[tr])
    xo = np.log(np.array([ratio[yy] for yy in range(2000, 2011)]))
    reg = float(np.mean(np.exp(p9[0] + p9[1] * xo)))
    ape = lambda f: abs(f - obs) / obs * 100
    lines += ['', 'out of sample: onset rate 2000-2010 (observed %.3f a year) predicted from data through 1999' % obs,
              '  recent-era rate 1991-1999 (the model\'s calibration rule): %.3f  error %.0f%%' % (recent, ape(recent)),
              '  Poisson regression on the balance, fitted 1954-1999:    %.3f  error %.0f%%' % (reg, ape(reg)),
              '  persistence (rate 1990-1999):                            %.3f  error %.0f%%' % (persistence, ape(persistence)),
              '  linear trend of yearly counts 1954-1999:                 %.3f  error %.0f%%' % (trend, ape(trend))]
    k, t, fatal, force, lo, hi, flo, fhi = est['1991-2010']
    lines += ['', 'study ranges taken from these intervals:',
              '  Base provocation rate: triangular %.2f / %.2f / %.2f (1991-2010 rate, %d%% interval)' % (lo, k / t, hi, round(100 * LEVEL)),
              '  Fatal clash share: triangular %.2f / %.2f / %.2f (1991-2010 share, Clopper-Pearson)' % (flo, fatal / k, fhi),
              '  major-war hazards at the 2024 state must stay below %.4f a year (checked by KoreaHazardTest)' % (-math.log(1 - LEVEL) / years)]
    text = '\n'.join(lines) + '\n'
    with open(os.path.join(HERE, 'hazard-estimates.txt'), 'w') as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == '__main__':
    main()
