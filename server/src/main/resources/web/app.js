// Deterrence Lab simulator page: plain JS + uPlot, talks only to /api/v1 (DL.call). dlab publish
// uses this file as it is, with publish/inpage-api.js answering the calls from a model in the page.
"use strict";
(function () {
  const MAIN = { v: "Cumulative major war probability", t: "P(major conflict): cumulative major war probability" };
  // secondary charts; those missing from the model are left out
  const SECONDARY = [
    { v: "DPRK capability index", t: "DPRK capability (index, 2024 = 1)" },
    { v: "Relative deterrence", t: "Deterrence ratio (relative deterrence)" },
    { v: "Defense burden[ROK]", t: "ROK defence burden (share of GDP)" },
    { v: "Defense burden[JPN]", t: "Japan defence burden (share of GDP)" },
    { v: "Relative tension", t: "Tension (relative to reference)" },
    { v: "Cumulative Russia West escalation probability", t: "P(Russia–West escalation), cumulative" },
  ];
  const BASELINE_POLICY = "wait-and-see";
  const ENSEMBLE_N = 200;

  const el = DL.el;
  // the charts: the study's own when it names them (a published site), else the korea simulator's
  let specs = [];
  let study, id, charts = [], baseline = null, current = null, bands = null, refBands = null, structure = null;
  let REFERENCE = BASELINE_POLICY;
  const state = { policy: null, levers: {}, unc: false };
  let runSeq = 0, ensSeq = 0, ensTimer = null;
  // throttled runs: each slider step starts a run at once, up to MAX_IN_FLIGHT at a time (the rest
  // wait for a free place and then take the sliders' latest values), and the newest answer drawn
  // wins; the chart follows a drag instead of waiting for its end
  const MAX_IN_FLIGHT = 3;
  let inFlight = 0, pending = false, waitingInputs = [], outstanding = [], drawnSeq = 0, gridTimer = null;
  Object.assign(window.dlab, { runs: 0, ensembles: 0, lastCsv: null, lastSvg: null, state: state, latencies: [], timings: [],
    busy: () => inFlight > 0 || pending || waitingInputs.length > 0 || outstanding.length > 0 });

  const status = DL.status;
  const call = DL.call;

  // ---- URL hash: policy, levers that differ from the policy, toggle
  function policyLevers(name) {
    const p = study.policies.find((x) => x.name === name);
    return p ? Object.assign({}, p.levers) : {};
  }
  function writeHash() {
    const q = new URLSearchParams();
    q.set("policy", state.policy);
    if (state.unc) q.set("unc", "1");
    const base = policyLevers(state.policy);
    for (const l of study.levers) if (state.levers[l.name] !== base[l.name]) q.set("L." + l.name, String(state.levers[l.name]));
    history.replaceState(null, "", "#" + q.toString());
  }
  function readHash() {
    const q = new URLSearchParams(location.hash.slice(1));
    const p = q.get("policy");
    state.policy = study.policies.some((x) => x.name === p) ? p : REFERENCE;
    state.levers = policyLevers(state.policy);
    for (const l of study.levers) {
      const v = q.get("L." + l.name);
      if (v !== null && isFinite(+v)) state.levers[l.name] = Math.min(l.high, Math.max(l.low, +v));
    }
    state.unc = q.get("unc") === "1";
  }

  // ---- controls
  /** The lever a start year belongs to: "X start year" goes beside "X intensity". */
  const stem = (name) => name.replace(/\s+(intensity|start year)$/i, "");
  function equation(name) {
    if (!structure) return null;
    const k = name.toLowerCase();
    return structure.equations.find((e) => e.name.toLowerCase() === k) || null;
  }
  /** The sector of a lever: the model's group (view) its equation sits in, "Levers" when it has none. */
  function sectorOf(l) {
    const e = equation(l.name);
    return (e && e.group) || "Levers";
  }
  function leverWords(l) {
    if (l.unit === "Year") return "start year";
    if (l.unit === "Dmnl" && l.low === 0 && l.high === 1) return "0 = none, 1 = strongest plausible effort";
    return DL.unitWords(l.unit);
  }
  function buildControls() {
    const pol = el("policies");
    pol.innerHTML = "";
    for (const p of study.policies) {
      const b = document.createElement("button");
      b.textContent = p.name;
      b.dataset.policy = p.name;
      b.style.borderLeft = "5px solid " + DL.colorOf(p.name, study.policies.map((x) => x.name));
      b.onclick = () => { state.policy = p.name; state.levers = policyLevers(p.name); syncControls(); changed(); };
      pol.appendChild(b);
    }
    const box = el("levers");
    box.innerHTML = "";
    // a row per lever stem (intensity with its start year beside it), rows grouped by sector
    const stems = new Map();
    for (const l of study.levers) {
      const k = stem(l.name);
      if (!stems.has(k)) stems.set(k, []);
      stems.get(k).push(l);
    }
    const sectors = new Map();
    for (const [k, ls] of stems) {
      const sec = sectorOf(ls[0]);
      if (!sectors.has(sec)) sectors.set(sec, []);
      sectors.get(sec).push([k, ls]);
    }
    for (const [sec, rows] of sectors) {
      const g = DL.node("details", "sector");
      g.open = true;
      g.appendChild(DL.node("summary", null, sec + " (" + rows.length + ")"));
      for (const [k, ls] of rows) {
        const d = DL.node("div", "lever");
        const head = DL.node("div", "lever-head");
        const name = DL.node("button", "lever-name", k);
        name.type = "button";
        name.title = "what this lever means, costs and changes";
        name.onclick = () => showLever(k, ls);
        head.appendChild(name);
        d.appendChild(head);
        const pair = DL.node("div", "lever-pair");
        for (const l of ls) {
          const cell = DL.node("label", l.unit === "Year" ? "lever-year" : "lever-main");
          const val = DL.node("span", "value");
          const input = document.createElement("input");
          input.type = "range";
          input.min = l.low; input.max = l.high;
          input.step = l.unit === "Year" ? 1 : (l.high - l.low) / 100;
          input.title = (l.name + ": " + leverWords(l)).trim();
          input.dataset.lever = l.name;
          input.setAttribute("aria-label", l.name);
          input.oninput = (ev) => { state.levers[l.name] = +input.value; val.textContent = fmt(+input.value); markPolicy(); changed(ev); };
          cell.append(DL.node("span", "unit", l.unit === "Year" ? "from" : "intensity"), input, val);
          pair.appendChild(cell);
        }
        d.appendChild(pair);
        g.appendChild(d);
      }
      box.appendChild(g);
    }
    el("uncertainty").onchange = (e) => { state.unc = e.target.checked; writeHash(); if (state.unc) scheduleEnsemble(0); else { bands = null; redraw(); } };
    el("ens-n").textContent = ENSEMBLE_N;
  }

  /** The panel of one lever: what 0 and 1 mean, its cost, the variables it feeds (its channels), its source. */
  function showLever(k, ls) {
    const p = el("lever-panel");
    p.innerHTML = "";
    p.hidden = false;
    const close = DL.node("button", "close", "\u00d7");
    close.type = "button";
    close.onclick = () => { p.hidden = true; };
    p.append(close, DL.node("h3", null, k));
    for (const l of ls) {
      p.appendChild(DL.node("p", null, l.name + ": " + fmt(l.low) + " to " + fmt(l.high) + " (" + leverWords(l) + "), today " + fmt(l.baseline) + "."));
      if (l.description) p.appendChild(DL.node("p", "small", "Study: " + l.description));
      const e = equation(l.name);
      if (e && e.doc) p.appendChild(DL.node("p", "small", "Model: " + e.doc));
    }
    if (structure) {
      const low = k.toLowerCase();
      const cost = structure.equations.filter((e) => e.name.toLowerCase().startsWith(low) && /cost/i.test(e.name));
      for (const c of cost) p.appendChild(DL.node("p", "small", "Cost \u2013 " + c.name + " (" + DL.unitWords(c.units) + "): " + (c.doc || c.equation)));
      const level = (low + " level");
      const channels = structure.equations.filter((e) => !e.name.toLowerCase().startsWith(low) && (e.equation || "").toLowerCase().includes(level)).map((e) => e.name);
      if (channels.length) p.appendChild(DL.node("p", "small", "Channels (variables it changes directly): " + channels.join(", ") + "."));
    }
  }
  function syncControls() {
    for (const input of document.querySelectorAll("#levers input")) {
      input.value = state.levers[input.dataset.lever];
      input.parentNode.querySelector(".value").textContent = fmt(+input.value);
    }
    el("uncertainty").checked = state.unc;
    markPolicy();
  }
  function markPolicy() {
    // a policy button stays lit only while the sliders still equal it
    const base = policyLevers(state.policy);
    const same = study.levers.every((l) => base[l.name] === state.levers[l.name]);
    for (const b of document.querySelectorAll("#policies button")) b.classList.toggle("active", same && b.dataset.policy === state.policy);
  }
  function fmt(v) { return Math.abs(v) >= 1000 ? String(Math.round(v)) : (+v.toFixed(3)).toString(); }

  // ---- runs
  function changed(ev) {
    writeHash();
    // a slider's latency runs from its input event, which may have waited in the queue
    waitingInputs.push(ev && ev.timeStamp > 0 ? ev.timeStamp : performance.now());
    if (inFlight >= MAX_IN_FLIGHT) pending = true;
    else runCurrent();
    if (state.unc) scheduleEnsemble(250);
  }
  function variables() {
    const vs = specs.map((c) => c.v);
    for (const o of study.headline || []) if (!vs.includes(o.variable)) vs.push(o.variable);
    return vs;
  }
  async function runCurrent() {
    inFlight++;
    const seq = ++runSeq;
    for (const t of waitingInputs) outstanding.push({ t: t, seq: seq });
    waitingInputs = [];
    const t0 = performance.now();
    try {
      const r = await call("POST", "/studies/" + id + "/run", { policy: state.policy, levers: state.levers, variables: variables() });
      const t1 = performance.now();
      if (seq > drawnSeq) {
        drawnSeq = seq;
        current = r;
        window.dlab.runs++;
        // the main chart and the headline first: the rest follow in the next task, so a drag is not held up by seven charts
        redraw(true);
        // uPlot paints in a microtask after setData: an input's latency ends when a run at least as new is on the canvas
        queueMicrotask(() => queueMicrotask(() => {
          const now = performance.now();
          outstanding = outstanding.filter((o) => {
            if (o.seq > seq) return true;
            window.dlab.latencies.push(now - o.t);
            return false;
          });
          window.dlab.timings.push([t1 - t0, now - t1, r.elapsedMs]);
        }));
        clearTimeout(gridTimer);
        gridTimer = setTimeout(() => redraw(false), 0);
        status("run: " + (t1 - t0).toFixed(0) + " ms (model " + r.elapsedMs.toFixed(1) + " ms)");
      }
    } catch (e) { status(e.message, true); outstanding = outstanding.filter((o) => o.seq !== seq); }
    inFlight--;
    if (pending) { pending = false; runCurrent(); }
  }
  function scheduleEnsemble(delay) { clearTimeout(ensTimer); ensTimer = setTimeout(runEnsemble, delay); }
  async function runEnsemble() {
    const seq = ++ensSeq;
    status("ensemble of " + ENSEMBLE_N + " futures…");
    try {
      const r = await call("POST", "/studies/" + id + "/ensemble", { policy: state.policy, levers: state.levers, n: ENSEMBLE_N, seed: 1, variables: variables() });
      if (!refBands) refBands = await call("POST", "/studies/" + id + "/ensemble", { policy: REFERENCE, n: ENSEMBLE_N, seed: 1, variables: variables() });
      if (seq !== ensSeq || !state.unc) return;
      bands = r;
      window.dlab.ensembles++;
      redraw();
      status("ensemble: " + r.n + " runs in " + r.elapsedMs.toFixed(0) + " ms" + (r.failed ? ", " + r.failed + " failed" : ""));
    } catch (e) { status(e.message, true); }
  }

  /** The unit the study gives an outcome on this variable (e.g. "probability"), else none. */
  function studyUnit(variable) {
    const o = (study.outcomes || []).find((x) => x.variable === variable && x.unit);
    return o ? o.unit : "";
  }

  // ---- charts: the reference policy in grey (with its band when uncertainty is on), the current settings in the current policy's colour
  function makeChart(parent, spec, main) {
    const c = DL.colorOf(state.policy, study.policies.map((x) => x.name));
    const e = equation(spec.v.replace(/\[.*$/, ""));
    return DL.chart(parent, {
      title: spec.t, name: spec.v, variable: spec.v, main: main, height: main ? 280 : 170, legend: false,
      key: main ? [{ label: "current settings", color: c }, { label: REFERENCE + " (reference)", color: "#5a5a5a" }] : null,
      yLabel: studyUnit(spec.v) || (e ? DL.unitWords(e.units) : ""),
      series: [
        { label: "Time" },
        { label: REFERENCE, stroke: "rgba(90,90,90,0.8)", width: 1.6, dash: [6, 3] },
        { label: "current", stroke: c, width: 2.4 },
        { label: "p5", stroke: "rgba(0,0,0,0)", width: 0 },
        { label: "p50", stroke: c, width: 1, dash: [3, 3] },
        { label: "p95", stroke: "rgba(0,0,0,0)", width: 0 },
        { label: "ref p5", stroke: "rgba(0,0,0,0)", width: 0 },
        { label: "ref p95", stroke: "rgba(0,0,0,0)", width: 0 },
      ],
      bands: [{ series: [7, 6], fill: "rgba(90,90,90,0.16)" }, { series: [5, 3], fill: alpha(c, 0.2) }],
    });
  }
  function alpha(hex, a) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }
  /** Linear interpolation of a series at time t. */
  function at(times, ys, t) {
    if (!ys) return null;
    for (let i = 1; i < times.length; i++) {
      if (times[i] >= t) {
        const f = (t - times[i - 1]) / (times[i] - times[i - 1]);
        return ys[i - 1] + f * (ys[i] - ys[i - 1]);
      }
    }
    return ys[ys.length - 1];
  }
  /** The headline years: the study's outcomes on the main variable at a year (or at the end). */
  function headlineYears() {
    const ys = [];
    for (const o of study.outcomes || []) {
      if (o.variable !== specs[0].v) continue;
      const m = /^at ([0-9.]+)$/.exec(o.reduce);
      const y = m ? +m[1] : o.reduce === "final" ? study.finalTime : null;
      if (y !== null && !ys.includes(y)) ys.push(y);
    }
    return ys.length ? ys.sort((a, b) => a - b) : [study.finalTime];
  }
  function drawHeadline() {
    if (study.headline) { drawOutcomeFigures(); return; }
    const box = el("headline");
    if (!current || !current.series[specs[0].v]) { box.hidden = true; return; }
    box.innerHTML = "";
    box.hidden = false;
    const pctOf = (v) => (v == null ? "\u2013" : (100 * v).toFixed(1) + "%");
    for (const y of headlineYears()) {
      const cur = at(current.times, current.series[specs[0].v], y);
      const ref = baseline ? at(baseline.times, baseline.series[specs[0].v], y) : null;
      const d = DL.node("div", "figure");
      d.dataset.year = String(y);
      d.dataset.current = String(cur);
      d.appendChild(DL.node("div", "label", "P(major conflict) by " + Math.round(y)));
      d.appendChild(DL.node("div", "big", pctOf(cur)));
      if (ref != null) {
        const diff = 100 * (cur - ref);
        const delta = DL.node("div", "delta " + (diff < -0.05 ? "better" : diff > 0.05 ? "worse" : ""),
          REFERENCE + " " + pctOf(ref) + " \u00b7 " + (diff > 0 ? "+" : diff < 0 ? "\u2212" : "\u00b1") + Math.abs(diff).toFixed(1) + " pts");
        d.appendChild(delta);
      }
      box.appendChild(d);
    }
  }
  /** An outcome of a run, reduced as the workbench's OutcomeReducer does ({op, arg} as the study writes it). */
  function reduce(o, times, v) {
    let acc = o.op === "min" ? Infinity : o.op === "max" ? -Infinity : o.op === "final" || o.op === "mean" || o.op === "integral" ? 0 : NaN;
    let settled = false;
    for (let i = 0; i < times.length; i++) {
      const t = times[i], x = v[i];
      if (!isFinite(x)) return NaN;
      switch (o.op) {
        case "final": acc = x; break;
        case "min": acc = Math.min(acc, x); break;
        case "max": acc = Math.max(acc, x); break;
        case "mean": acc += x; break;
        case "integral": if (i > 0) acc += (t - times[i - 1]) * (v[i - 1] + x) / 2; break;
        case "at": {
          if (settled) break;
          const eps = 1e-9 * Math.max(1, Math.abs(o.arg));
          if (Math.abs(t - o.arg) <= eps) { acc = x; settled = true; }
          else if (t > o.arg && i > 0) { acc = v[i - 1] + (x - v[i - 1]) * (o.arg - times[i - 1]) / (t - times[i - 1]); settled = true; }
          break;
        }
        case "first_above":
        case "first_below": {
          if (settled || !(o.op === "first_above" ? x > o.arg : x < o.arg)) break;
          settled = true;
          acc = i === 0 ? t : x === v[i - 1] ? t : times[i - 1] + (o.arg - v[i - 1]) / (x - v[i - 1]) * (t - times[i - 1]);
          break;
        }
      }
    }
    return o.op === "mean" ? acc / times.length : acc;
  }
  /** The study's headline outcomes ({name, variable, op, arg, kind, unit}) for the current settings against the reference. */
  function drawOutcomeFigures() {
    const box = el("headline");
    box.innerHTML = "";
    box.hidden = !current || study.headline.length === 0;
    if (box.hidden) return;
    for (const o of study.headline) {
      const cur = reduce(o, current.times, current.series[o.variable]);
      const ref = baseline ? reduce(o, baseline.times, baseline.series[o.variable]) : NaN;
      const pct = o.unit === "probability";
      const show = (v) => (!isFinite(v) ? "\u2013" : pct ? (100 * v).toFixed(1) + "%" : DL.fmt(v) + (o.unit ? " " + o.unit : ""));
      const d = DL.node("div", "figure");
      d.dataset.outcome = o.name;
      d.dataset.current = String(cur);
      d.appendChild(DL.node("div", "label", o.name));
      d.appendChild(DL.node("div", "big", show(cur)));
      if (isFinite(ref)) {
        const diff = cur - ref;
        const moved = Math.abs(diff) > (pct ? 0.0005 : 1e-9 * Math.max(1, Math.abs(ref)));
        const better = o.kind === "minimize" ? diff < 0 : diff > 0;
        const cls = !moved || (o.kind !== "minimize" && o.kind !== "maximize") ? "" : better ? "better" : "worse";
        const size = pct ? Math.abs(100 * diff).toFixed(1) + " pts" : DL.fmt(Math.abs(diff));
        d.appendChild(DL.node("div", "delta " + cls, REFERENCE + " " + show(ref) + " \u00b7 " + (diff > 0 ? "+" : diff < 0 ? "\u2212" : "\u00b1") + size));
      }
      box.appendChild(d);
    }
  }
  /** Redraws the main chart and the headline ({@code mainOnly}), or every chart. */
  function redraw(mainOnly) {
    if (!current) return;
    const times = current.times;
    const none = times.map(() => null);
    for (const c of mainOnly ? charts.slice(0, 1) : charts) {
      const v = c.spec.variable;
      const b = baseline && baseline.series[v] && baseline.times.length === times.length ? baseline.series[v] : none;
      let p5 = none, p50 = none, p95 = none, r5 = none, r95 = none;
      if (state.unc && bands && bands.series[v] && bands.times.length === times.length) {
        p5 = bands.series[v].p5; p50 = bands.series[v].p50; p95 = bands.series[v].p95;
      }
      if (state.unc && refBands && refBands.series[v] && refBands.times.length === times.length) {
        r5 = refBands.series[v].p5; r95 = refBands.series[v].p95;
      }
      c.setData([times, b, current.series[v], p5, p50, p95, r5, r95]);
    }
    drawHeadline();
    const m = current.series[specs[0].v];
    const main = charts[0].box;
    main.dataset.last = String(m[m.length - 1]);
    main.dataset.bands = state.unc && bands ? "on" : "off";
  }

  /**
   * The model's load warnings (e.g. a spreadsheet text cell read as 0) in a notice under the title.
   * They carry text from the modeller's files: textContent only, never markup.
   */
  function showWarnings(list) {
    const box = el("load-warnings");
    if (!box) return;
    box.replaceChildren();
    box.hidden = !list.length;
    if (!list.length) return;
    const shown = list.slice(0, 25);
    const d = DL.node("details");
    d.open = shown.length <= 3;
    d.appendChild(DL.node("summary", null, "The model loaded with " + list.length + (list.length === 1 ? " warning" : " warnings")));
    const ul = DL.node("ul");
    for (const w of shown) ul.appendChild(DL.node("li", null, String(w)));
    d.appendChild(ul);
    box.appendChild(d);
  }

  async function start() {
    try {
      const list = await call("GET", "/studies");
      id = list.defaultId || (list.items[0] && list.items[0].id);
      if (!id) { status("no study to open", true); return; }
      study = await call("GET", "/studies/" + encodeURIComponent(id));
      el("study-title").textContent = study.title;
      showWarnings(study.warnings || []);
      REFERENCE = study.reference && study.policies.some((p) => p.name === study.reference) ? study.reference
        : study.policies.some((p) => p.name === BASELINE_POLICY) ? BASELINE_POLICY : study.policies[0].name;
      try { structure = await call("GET", "/studies/" + encodeURIComponent(id) + "/structure"); } catch (e) { structure = null; }
      const known = new Set(study.variables);
      specs = (study.charts && study.charts.length ? study.charts : [MAIN].concat(SECONDARY)).filter((s) => known.has(s.v));
      if (!specs.length) { status("none of the charted variables is in this model", true); return; }
      readHash();
      buildControls();
      syncControls();
      charts = [makeChart(el("chart-main"), specs[0], true)];
      for (const s of specs.slice(1)) charts.push(makeChart(el("grid"), s, false));
      baseline = await call("POST", "/studies/" + id + "/run", { policy: REFERENCE, variables: variables() });
      writeHash();
      await runCurrent();
      if (state.unc) scheduleEnsemble(0);
      // the main chart's series as drawn and the settings that made it, for the browser tests
      window.dlab.mainSeries = () => ({ variable: specs[0].v, policy: state.policy, levers: Object.assign({}, state.levers),
        times: current.times.slice(), values: current.series[specs[0].v].slice() });
      window.dlab.ready = true;
    } catch (e) { status(e.message, true); }
  }
  start();
})();
