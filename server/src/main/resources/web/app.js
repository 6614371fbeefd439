// Deterrence Lab simulator page: plain JS + uPlot, talks only to /api/v1.
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
  let study, id, charts = [], baseline = null, current = null, bands = null;
  const state = { policy: null, levers: {}, unc: false };
  let runSeq = 0, ensSeq = 0, runTimer = null, ensTimer = null;
  Object.assign(window.dlab, { runs: 0, ensembles: 0, lastCsv: null, lastSvg: null, state: state });

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
    state.policy = study.policies.some((x) => x.name === p) ? p : (study.policies.some((x) => x.name === BASELINE_POLICY) ? BASELINE_POLICY : study.policies[0].name);
    state.levers = policyLevers(state.policy);
    for (const l of study.levers) {
      const v = q.get("L." + l.name);
      if (v !== null && isFinite(+v)) state.levers[l.name] = Math.min(l.high, Math.max(l.low, +v));
    }
    state.unc = q.get("unc") === "1";
  }

  // ---- controls
  function buildControls() {
    const pol = el("policies");
    pol.innerHTML = "";
    for (const p of study.policies) {
      const b = document.createElement("button");
      b.textContent = p.name;
      b.dataset.policy = p.name;
      b.onclick = () => { state.policy = p.name; state.levers = policyLevers(p.name); syncControls(); changed(); };
      pol.appendChild(b);
    }
    const box = el("levers");
    box.innerHTML = "";
    for (const l of study.levers) {
      const d = document.createElement("div");
      d.className = "lever";
      const lab = document.createElement("label");
      lab.title = l.description || "";
      const name = document.createElement("span");
      name.textContent = l.name;
      const unit = document.createElement("span");
      unit.className = "unit";
      unit.textContent = l.unit ? "(" + l.unit + ")" : "";
      name.appendChild(unit);
      const val = document.createElement("span");
      val.className = "value";
      lab.append(name, val);
      const input = document.createElement("input");
      input.type = "range";
      input.min = l.low; input.max = l.high;
      input.step = l.unit === "Year" ? 1 : (l.high - l.low) / 100;
      input.title = l.description || "";
      input.dataset.lever = l.name;
      input.setAttribute("aria-label", l.name);
      input.oninput = () => { state.levers[l.name] = +input.value; val.textContent = fmt(+input.value); markPolicy(); changed(); };
      d.append(lab, input);
      box.appendChild(d);
    }
    el("uncertainty").onchange = (e) => { state.unc = e.target.checked; writeHash(); if (state.unc) scheduleEnsemble(0); else { bands = null; redraw(); } };
    el("ens-n").textContent = ENSEMBLE_N;
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
  function changed() {
    writeHash();
    clearTimeout(runTimer);
    runTimer = setTimeout(runCurrent, 40);
    if (state.unc) scheduleEnsemble(250);
  }
  function variables() { return [MAIN].concat(SECONDARY).map((c) => c.v); }
  async function runCurrent() {
    const seq = ++runSeq;
    const t0 = performance.now();
    try {
      const r = await call("POST", "/studies/" + id + "/run", { policy: state.policy, levers: state.levers, variables: variables() });
      if (seq !== runSeq) return; // a later slider move already asked again
      current = r;
      window.dlab.runs++;
      redraw();
      status("run: " + (performance.now() - t0).toFixed(0) + " ms (server " + r.elapsedMs.toFixed(1) + " ms)");
    } catch (e) { status(e.message, true); }
  }
  function scheduleEnsemble(delay) { clearTimeout(ensTimer); ensTimer = setTimeout(runEnsemble, delay); }
  async function runEnsemble() {
    const seq = ++ensSeq;
    status("ensemble of " + ENSEMBLE_N + " futures…");
    try {
      const r = await call("POST", "/studies/" + id + "/ensemble", { policy: state.policy, levers: state.levers, n: ENSEMBLE_N, seed: 1, variables: variables() });
      if (seq !== ensSeq || !state.unc) return;
      bands = r;
      window.dlab.ensembles++;
      redraw();
      status("ensemble: " + r.n + " runs in " + r.elapsedMs.toFixed(0) + " ms" + (r.failed ? ", " + r.failed + " failed" : ""));
    } catch (e) { status(e.message, true); }
  }

  // ---- charts
  function makeChart(parent, spec, main) {
    return DL.chart(parent, {
      title: spec.t, name: spec.v, variable: spec.v, main: main, height: main ? 300 : 190, legend: main,
      series: [
        { label: "Time" },
        { label: "wait-and-see", stroke: "rgba(120,120,120,0.45)", width: 1.5 },
        { label: "current", stroke: "#1d5bd8", width: 2.2 },
        { label: "p5", stroke: "rgba(29,91,216,0.35)", width: 1 },
        { label: "p50", stroke: "rgba(29,91,216,0.6)", width: 1, dash: [5, 4] },
        { label: "p95", stroke: "rgba(29,91,216,0.35)", width: 1 },
      ],
      bands: [{ series: [5, 3], fill: "rgba(29,91,216,0.13)" }],
    });
  }
  function redraw() {
    if (!current) return;
    const times = current.times;
    for (const c of charts) {
      const v = c.spec.variable;
      const b = baseline && baseline.series[v] && baseline.times.length === times.length ? baseline.series[v] : times.map(() => null);
      let p5 = times.map(() => null), p50 = p5, p95 = p5;
      if (state.unc && bands && bands.series[v] && bands.times.length === times.length) {
        p5 = bands.series[v].p5; p50 = bands.series[v].p50; p95 = bands.series[v].p95;
      }
      c.setData([times, b, current.series[v], p5, p50, p95]);
    }
    const m = current.series[MAIN.v];
    const main = charts[0].box;
    main.dataset.last = String(m[m.length - 1]);
    main.dataset.bands = state.unc && bands ? "on" : "off";
  }

  async function start() {
    try {
      const list = await call("GET", "/studies");
      id = list.defaultId || (list.items[0] && list.items[0].id);
      if (!id) { status("no study to open", true); return; }
      study = await call("GET", "/studies/" + encodeURIComponent(id));
      el("study-title").textContent = study.title;
      const known = new Set(study.variables);
      const specs = [MAIN].concat(SECONDARY).filter((s) => known.has(s.v));
      readHash();
      buildControls();
      syncControls();
      charts = [makeChart(el("chart-main"), specs[0], true)];
      for (const s of specs.slice(1)) charts.push(makeChart(el("grid"), s, false));
      if (study.policies.some((p) => p.name === BASELINE_POLICY)) {
        baseline = await call("POST", "/studies/" + id + "/run", { policy: BASELINE_POLICY, variables: variables() });
      }
      writeHash();
      await runCurrent();
      if (state.unc) scheduleEnsemble(0);
      window.dlab.ready = true;
    } catch (e) { status(e.message, true); }
  }
  start();
})();
