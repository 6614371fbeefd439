// Uncertainty bands over the study's sampled futures: one run per future with the current lever
// values, then the 5/50/95th percentiles at each saved time (as dlab serve's ensembles: the same
// futures, linear interpolation between order statistics). Used by worker.js, and by the page
// itself when the browser refuses a worker (a page opened from disk in Chromium); inpage-api.js
// also uses overrides() for the page's own runs.
"use strict";
self.dlabBands = (function () {
  function overrides(site, leverValues, future) {
    const o = Object.assign({}, site.base);
    if (future) site.uncertainties.forEach((u, i) => { for (const s of u.slots) o[s] = future[i]; });
    site.levers.forEach((l, i) => { for (const s of l.slots) o[s] = leverValues[i]; });
    return o;
  }
  function quantile(sorted, q) {
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
  /** {times, bands: [{p5, p50, p95}] per slot, failed, ms}. */
  function compute(site, model, leverValues, slots) {
    const t0 = performance.now();
    const runs = [];
    let times = null, failed = 0;
    for (const future of site.futures.values) {
      try {
        const r = model.simulate(overrides(site, leverValues, future), slots);
        if (!times) times = r.times;
        runs.push(r.columns);
      } catch (e) {
        failed++;
      }
    }
    const rows = times ? times.length : 0;
    const col = new Float64Array(runs.length);
    const bands = slots.map((_, k) => {
      const b = { p5: new Float64Array(rows), p50: new Float64Array(rows), p95: new Float64Array(rows) };
      for (let t = 0; t < rows; t++) {
        for (let i = 0; i < runs.length; i++) col[i] = runs[i][k][t];
        col.sort();
        b.p5[t] = quantile(col, 0.05);
        b.p50[t] = quantile(col, 0.5);
        b.p95[t] = quantile(col, 0.95);
      }
      return b;
    });
    return { times: times, bands: bands, failed: failed, n: runs.length, ms: performance.now() - t0 };
  }
  return { overrides: overrides, compute: compute };
})();
