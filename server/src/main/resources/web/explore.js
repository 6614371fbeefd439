// Explore page: a results store of dlab explore, read through /api/v1/stores only.
"use strict";
(function () {
  const el = DL.el, node = DL.node, fmt = DL.fmt;
  // a policy's colour is its place in the store's (the study's) policy list, as in the report and dlab plot
  let ALL_POLICIES = [];
  const colorOf = (p) => DL.colorOf(p, ALL_POLICIES);
  const DRAWN = 8;
  const state = { store: null, outcome: null, variable: null, policies: [], filters: [] };
  const PAGE = 20;
  let runsOffset = 0, runsTotal = 0;
  let summary = null, seq = 0, envChart = null, distChart = null, primChart = null, lastBox = null;
  Object.assign(window.dlab, { exploreReady: false, refreshes: 0, state: state });

  function rgba(hex, a) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }
  function sid() { return "/stores/" + encodeURIComponent(state.store); }
  function inputs() { return summary.uncertainties.concat(summary.levers); }

  // ---- URL hash: store, outcome, variable, policies, filters (f=name~min~max)
  function writeHash() {
    const q = new URLSearchParams();
    q.set("store", state.store);
    if (state.outcome) q.set("outcome", state.outcome);
    if (state.variable) q.set("var", state.variable);
    q.set("p", state.policies.join("|"));
    for (const f of state.filters) q.append("f", f.input + "~" + (f.min ?? "") + "~" + (f.max ?? ""));
    history.replaceState(null, "", "#" + q.toString());
  }
  function readHash() {
    const q = new URLSearchParams(location.hash.slice(1));
    return {
      store: q.get("store"), outcome: q.get("outcome"), variable: q.get("var"),
      policies: q.get("p") ? q.get("p").split("|") : null,
      filters: q.getAll("f").map((s) => {
        const k = s.lastIndexOf("~"), j = s.lastIndexOf("~", k - 1);
        const num = (x) => (x === "" || !isFinite(+x) ? null : +x);
        return { input: s.slice(0, j), min: num(s.slice(j + 1, k)), max: num(s.slice(k + 1)) };
      }),
    };
  }

  // ---- store and its controls
  async function openStore(id, saved) {
    state.store = id;
    summary = await DL.call("GET", sid());
    el("store-title").textContent = summary.title;
    el("summary").textContent = summary.runs + " runs (" + summary.failed + " failed) of " + summary.futures + " futures × "
      + summary.policies.length + " policies; " + (summary.sampler || "?") + ", n = " + (summary.n || "?") + ", " + (summary.design || "?")
      + " design, " + (summary.status || "?") + (summary.study ? "; study " + summary.study : "");
    const names = summary.outcomes.map((o) => o.name);
    state.outcome = saved && names.includes(saved.outcome) ? saved.outcome : names[0];
    state.variable = saved && summary.seriesVariables.includes(saved.variable) ? saved.variable : summary.seriesVariables[0] || null;
    ALL_POLICIES = summary.policies.slice();
    state.policies = saved && saved.policies ? saved.policies.filter((p) => summary.policies.includes(p)) : summary.policies.slice(0, 4);
    if (!state.policies.length) state.policies = summary.policies.slice(0, 4);
    const known = new Set(inputs().map((i) => i.name));
    state.filters = saved ? saved.filters.filter((f) => known.has(f.input)) : [];
    buildControls();
    await loadSaved();
    await refresh();
  }

  function fill(select, items, selected, blank) {
    select.innerHTML = "";
    if (blank !== undefined) select.appendChild(new Option(blank, ""));
    for (const it of items) select.appendChild(new Option(it, it, false, it === selected));
  }

  function buildControls() {
    fill(el("outcome"), summary.outcomes.map((o) => o.name), state.outcome);
    fill(el("series-var"), summary.seriesVariables, state.variable);
    el("envelope-panel").hidden = summary.seriesVariables.length === 0;
    fill(el("filter-input"), inputs().map((i) => i.name));
    fill(el("prim-policy"), summary.policies, null, "all policies");
    fill(el("prim-versus"), summary.policies, null, "—");
    const list = el("policy-list");
    list.innerHTML = "";
    for (const p of summary.policies) {
      const lab = node("label", "check");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = p;
      box.checked = state.policies.includes(p);
      box.onchange = () => {
        state.policies = summary.policies.filter((x) => list.querySelector("input[value='" + CSS.escape(x) + "']").checked);
        refresh();
      };
      lab.append(box, node("span", null, p));
      list.appendChild(lab);
    }
    drawFilters();
  }

  function drawFilters() {
    const box = el("filters");
    box.innerHTML = "";
    for (const f of state.filters) {
      const info = inputs().find((i) => i.name === f.input) || {};
      const row = node("div", "filter");
      row.dataset.input = f.input;
      const name = node("div", "filter-name", f.input);
      name.title = (info.role || "") + (info.distribution ? ": " + info.distribution : "") + (info.description ? "\n" + info.description : "");
      const mk = (key, ph) => {
        const i = document.createElement("input");
        i.type = "number";
        i.step = "any";
        i.className = "filter-" + key;
        i.placeholder = ph == null ? key : fmt(ph);
        i.value = f[key] == null ? "" : f[key];
        i.setAttribute("aria-label", f.input + " " + key);
        i.onchange = () => { f[key] = i.value === "" ? null : +i.value; };
        i.onkeydown = (e) => { if (e.key === "Enter") { f[key] = i.value === "" ? null : +i.value; refresh(); } };
        return i;
      };
      const rm = node("button", "remove", "×");
      rm.title = "remove this filter";
      rm.onclick = () => { state.filters = state.filters.filter((x) => x !== f); drawFilters(); refresh(); };
      const range = node("div", "inputs");
      range.append(mk("min", info.low), node("span", null, "to"), mk("max", info.high), rm);
      row.append(name, range);
      box.appendChild(row);
    }
  }

  function filters() {
    return state.filters.filter((f) => f.min != null || f.max != null).map((f) => ({ input: f.input, min: f.min, max: f.max }));
  }
  function drawn() { return state.policies.slice(0, DRAWN); }

  // ---- refresh everything the filters change
  async function refresh() {
    if (!state.policies.length) { DL.status("tick at least one policy", true); return; }
    writeHash();
    const my = ++seq;
    const t0 = performance.now();
    DL.status("reading the store…");
    try {
      const body = { filters: filters(), policies: state.policies };
      const [count, cmp] = await Promise.all([
        DL.call("POST", sid() + "/experiments", Object.assign({ limit: 1 }, body)),
        DL.call("POST", sid() + "/compare", body),
      ]);
      if (my !== seq) return;
      el("match").textContent = count.total + " runs of the " + state.policies.length + " ticked policies" + (filters().length ? " pass the filters" : "")
        + " (" + summary.runs + " in the store)";
      el("match").dataset.total = count.total;
      drawCompare(cmp);
      runsOffset = 0;
      await Promise.all([drawDistribution(my), drawEnvelopes(my), drawRuns(my)]);
      if (my !== seq) return;
      window.dlab.refreshes++;
      DL.status("updated in " + (performance.now() - t0).toFixed(0) + " ms");
    } catch (e) { if (my === seq) DL.status(e.message, true); }
  }

  function better(kind, a, b) { return kind === "maximize" ? a > b : a < b; }

  /**
   * The best policy's index (as org.dlab.workbench.compare.Comparison.best): a crossing time is
   * ranked first by the share of futures that never cross (best for a maximize outcome, worst for
   * a minimize one), then by the median crossing year; other outcomes by their median.
   */
  function bestPolicy(o) {
    if (o.kind === "info") return -1;
    let best = -1;
    const before = (a, b) => {
      if (o.crossing) {
        const na = o.never[a] || 0, nb = o.never[b] || 0;
        if (Math.abs(na - nb) > 1e-12) return o.kind === "maximize" ? na > nb : na < nb;
      }
      const ma = o.median[a], mb = o.median[b];
      if (mb == null) return ma != null && o.kind === "minimize";
      if (ma == null) return o.kind === "maximize";
      return better(o.kind, ma, mb);
    };
    o.median.forEach((m, i) => {
      if (m == null && !(o.crossing && o.never[i] > 0)) return;
      if (best < 0 || before(i, best)) best = i;
    });
    return best;
  }

  function drawCompare(cmp) {
    window.dlab.lastCompare = cmp;
    el("compare-note").textContent = "(" + cmp.futures + (cmp.paired ? " futures, each under every policy" : " runs, each policy on its own futures") + ")";
    // overview: outcomes × policies
    const ov = el("overview");
    ov.innerHTML = "";
    const head = ov.createTHead().insertRow();
    head.appendChild(node("th", null, "outcome"));
    for (const p of cmp.policies) head.appendChild(node("th", null, p));
    const tb = ov.createTBody();
    for (const o of cmp.outcomes) {
      const tr = tb.insertRow();
      tr.className = "clickable" + (o.name === state.outcome ? " selected" : "");
      tr.dataset.outcome = o.name;
      const th = node("th", null, o.name);
      th.title = o.reduce + " of " + o.variable + " (" + o.kind + ")";
      tr.appendChild(th);
      const best = bestPolicy(o);
      o.median.forEach((m, i) => {
        const td = tr.insertCell();
        const f = o.crossing ? (v) => (v == null ? "–" : v.toFixed(1)) : fmt;
        td.appendChild(node("span", i === best ? "best" : null, f(m)));
        td.appendChild(node("span", "range", " (" + f(o.p5[i]) + "–" + f(o.p95[i]) + ")"));
        if (o.crossing) td.appendChild(node("span", "range", "; never " + (o.never[i] == null ? "–" : Math.round(100 * o.never[i]) + "%")));
      });
      tr.onclick = () => { state.outcome = o.name; el("outcome").value = o.name; drawCompare(cmp); drawDistribution(seq); drawRuns(seq); writeHash(); };
    }
    // details of the chosen outcome: policies as rows
    const o = cmp.outcomes.find((x) => x.name === state.outcome) || cmp.outcomes[0];
    const t = el("compare-table");
    t.innerHTML = "";
    t.dataset.futures = cmp.futures;
    const cols = [["futures", o.futures], ["mean", o.mean], ["median", o.median], ["5th pct", o.p5], ["95th pct", o.p95]];
    if (o.threshold != null) cols.push(["P(" + (o.kind === "maximize" ? "<" : ">") + " " + fmt(o.threshold) + ")", o.beyond]);
    if (o.crossing) cols.push(["P(never)", o.never]);
    if (cmp.paired && o.kind !== "info" && cmp.policies.length > 1) {
      cols.push(["mean regret", o.meanRegret]);
      cols.push(["beats the others", o.beats.map((row, a) => {
        const xs = row.filter((v, b) => b !== a && v != null);
        return xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null;
      })]);
    }
    const h = t.createTHead().insertRow();
    h.appendChild(node("th", null, "policy"));
    for (const c of cols) h.appendChild(node("th", null, c[0]));
    const body = t.createTBody();
    cmp.policies.forEach((p, i) => {
      const tr = body.insertRow();
      tr.dataset.policy = p;
      tr.appendChild(node("th", null, p));
      for (const c of cols) tr.insertCell().textContent = typeof c[1][i] === "number" && Number.isInteger(c[1][i]) && c[0] === "futures" ? String(c[1][i]) : fmt(c[1][i]);
    });
  }

  // a page of the runs themselves: their policy, the inputs filtered on and the chosen outcome
  async function drawRuns(my) {
    const cols = ["run", "policy"];
    for (const f of filters()) if (!cols.includes(f.input)) cols.push(f.input);
    if (state.outcome) cols.push(state.outcome);
    const r = await DL.call("POST", sid() + "/experiments", { filters: filters(), policies: state.policies, columns: cols, offset: runsOffset, limit: PAGE });
    if (my !== seq) return;
    runsTotal = r.total;
    el("runs-note").textContent = r.total ? "(" + (r.offset + 1) + "–" + (r.offset + r.rows.length) + " of " + r.total + ")" : "(none)";
    el("runs-prev").disabled = r.offset === 0;
    el("runs-next").disabled = r.offset + r.rows.length >= r.total;
    const t = el("runs");
    t.innerHTML = "";
    const h = t.createTHead().insertRow();
    for (const c of r.columns) h.appendChild(node("th", null, c));
    const b = t.createTBody();
    for (const row of r.rows) {
      const tr = b.insertRow();
      row.forEach((v, i) => { const td = i === 0 ? tr.appendChild(node("th")) : tr.insertCell(); td.textContent = typeof v === "number" && i > 0 ? fmt(v) : v == null ? "–" : String(v); });
    }
  }

  async function drawDistribution(my) {
    const d = await DL.call("POST", sid() + "/distribution", { outcome: state.outcome, filters: filters(), policies: drawn(), bins: 30 });
    if (my !== seq) return;
    const ps = Object.keys(d.counts);
    const centers = d.edges.slice(0, -1).map((e, i) => (e + d.edges[i + 1]) / 2);
    if (distChart) distChart.box.remove();
    el("dist-chart").innerHTML = "";
    distChart = DL.chart(el("dist-chart"), {
      title: "Distribution of " + d.outcome + " (runs per bin)", name: d.outcome + "-distribution", height: 200,
      series: [{ label: d.outcome }].concat(ps.map((p) => ({ label: p, stroke: colorOf(p), width: 1.8 }))),
    });
    distChart.setData([centers].concat(ps.map((p) => Array.from(d.counts[p]))));
  }

  async function drawEnvelopes(my) {
    if (!state.variable) return;
    const e = await DL.call("POST", sid() + "/envelopes", { variable: state.variable, filters: filters(), policies: drawn(), quantiles: [0.05, 0.5, 0.95] });
    if (my !== seq) return;
    const ps = Object.keys(e.policies);
    const times = ps.length ? e.policies[ps[0]].times : [];
    const series = [{ label: "Time" }], bands = [], data = [times];
    ps.forEach((p, i) => {
      const c = colorOf(p), env = e.policies[p];
      const at = (k) => times.map((t, j) => (env.times[j] === t ? env.values[k][j] : null));
      const base = series.length;
      series.push({ label: p + " p5", stroke: rgba(c, 0.35), width: 1 });
      series.push({ label: p + " median", stroke: c, width: 2 });
      series.push({ label: p + " p95", stroke: rgba(c, 0.35), width: 1 });
      bands.push({ series: [base + 2, base], fill: rgba(c, 0.12) });
      data.push(at(0), at(1), at(2));
    });
    if (envChart) envChart.box.remove();
    el("envelope-chart").innerHTML = "";
    envChart = DL.chart(el("envelope-chart"), { title: e.variable, name: e.variable + "-envelopes", height: 300, series: series, bands: bands,
      legend: false, key: ps.map((p) => ({ label: p, color: colorOf(p) })) });
    envChart.setData(data);
    envChart.box.dataset.policies = ps.length;
  }

  // ---- PRIM
  let body0 = null;

  /** Two inputs to plot against each other: the box's two most significant limits first, then any input. */
  function drawScatterControls(r, body) {
    const box = el("prim-scatter");
    box.innerHTML = "";
    if (!r.box || !body) return;
    const all = inputs().map((x) => (typeof x === "string" ? x : x.name));
    const ranked = r.limits.slice().sort((a, b) => (a.quasiP ?? 1) - (b.quasiP ?? 1)).map((l) => l.name);
    const names = ranked.concat(all.filter((n) => !ranked.includes(n)));
    if (names.length < 2) return;
    const sx = node("select"), sy = node("select");
    for (const n of names) { sx.appendChild(new Option(n, n)); sy.appendChild(new Option(n, n)); }
    sx.value = names[0]; sy.value = names[1];
    sx.setAttribute("aria-label", "x input"); sy.setAttribute("aria-label", "y input");
    const row = node("div", "row");
    row.append(node("span", "small", "Scatter of two inputs, coloured by the condition:"), sx, sy);
    const canvas = document.createElement("canvas");
    canvas.id = "prim-scatter-canvas";
    canvas.width = 460; canvas.height = 320;
    box.append(row, canvas);
    const draw = () => scatter(canvas, body, sx.value, sy.value);
    sx.onchange = draw; sy.onchange = draw;
    draw();
  }

  /** The condition as a test on a value ("> 0.1", "<= 2"...). */
  function test(condition) {
    const m = /^\s*(>=|<=|==|!=|>|<)\s*(-?[0-9.eE+-]+)\s*$/.exec(condition);
    if (!m) return () => false;
    const x = +m[2];
    return { ">": (v) => v > x, ">=": (v) => v >= x, "<": (v) => v < x, "<=": (v) => v <= x, "==": (v) => v === x, "!=": (v) => v !== x }[m[1]];
  }

  async function scatter(canvas, body, xName, yName) {
    const pols = body.policy ? [body.policy].concat(body.versus ? [body.versus] : []) : state.policies;
    // the first page of runs (the API's page limit): enough to see where the cases gather
    const limit = (summary.limits && summary.limits.maxPage) || 1000;
    let r;
    try {
      r = await DL.call("POST", sid() + "/experiments", { filters: body.filters, policies: pols, columns: ["scenario", "policy", xName, yName, body.outcome], offset: 0, limit: limit });
    } catch (e) { DL.status("scatter: " + e.message, true); return; }
    const holds = test(body.condition);
    const pts = [];
    if (body.versus) {
      // the condition is on policy minus versus in the same future
      const other = new Map();
      for (const row of r.rows) if (row[1] === body.versus) other.set(row[0], row[4]);
      for (const row of r.rows) if (row[1] === body.policy && other.has(row[0]) && row[4] != null && other.get(row[0]) != null) pts.push([row[2], row[3], holds(row[4] - other.get(row[0]))]);
    } else {
      for (const row of r.rows) if (row[4] != null) pts.push([row[2], row[3], holds(row[4])]);
    }
    const ctx = canvas.getContext("2d");
    const W = canvas.width, H = canvas.height, L = 56, B = 40, T = 10, R = 10;
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, W, H);
    if (!pts.length) { ctx.fillStyle = "#5a6478"; ctx.fillText("no runs to plot", L, H / 2); return; }
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const px = (v) => L + (x1 > x0 ? (v - x0) / (x1 - x0) : 0.5) * (W - L - R);
    const py = (v) => H - B - (y1 > y0 ? (v - y0) / (y1 - y0) : 0.5) * (H - B - T);
    ctx.strokeStyle = "#888"; ctx.strokeRect(L, T, W - L - R, H - B - T);
    ctx.fillStyle = "#333"; ctx.font = "11px sans-serif";
    ctx.fillText(fmt(x0), L, H - B + 14); ctx.fillText(fmt(x1), W - R - 40, H - B + 14);
    ctx.fillText(fmt(y0), 4, H - B); ctx.fillText(fmt(y1), 4, T + 10);
    ctx.fillText(xName, L + 60, H - 6);
    ctx.save(); ctx.translate(12, H / 2 + 40); ctx.rotate(-Math.PI / 2); ctx.fillText(yName, 0, 0); ctx.restore();
    // the cases that meet the condition on top, in the palette's vermillion; the rest in its blue
    for (const pass of [false, true]) {
      ctx.fillStyle = pass ? "rgba(213,94,0,0.85)" : "rgba(0,114,178,0.35)";
      for (const p of pts) if (p[2] === pass) ctx.fillRect(px(p[0]) - 2, py(p[1]) - 2, 4, 4);
    }
    const n = pts.filter((p) => p[2]).length;
    canvas.dataset.points = String(pts.length);
    canvas.dataset.cases = String(n);
    canvas.title = n + " of " + pts.length + " futures meet the condition (orange)";
  }

  async function runPrim() {
    const body = { outcome: state.outcome, condition: el("prim-cond").value, filters: filters() };
    if (el("prim-policy").value) body.policy = el("prim-policy").value;
    if (el("prim-versus").value) body.versus = el("prim-versus").value;
    DL.status("PRIM…");
    try {
      const r = await DL.call("POST", sid() + "/discover", body);
      body0 = body;
      drawPrim(r);
      DL.status("PRIM: " + r.rows + " runs in " + r.elapsedMs.toFixed(0) + " ms");
    } catch (e) { DL.status(e.message, true); }
  }

  /**
   * What a box says once its noise is set aside: limits with quasi-p above 0.05 are insignificant
   * (greyed), and a box with more than 6 restricted inputs or no significant limit is flagged.
   */
  const SIGNIFICANT = 0.05, MANY_LIMITS = 6;
  const significant = (l) => l.quasiP != null && l.quasiP <= SIGNIFICANT;
  function verdict(limits) {
    const sig = limits.filter(significant);
    const parts = [];
    if (!limits.length) return "";
    if (!sig.length) parts.push("\u26a0 No limit is significant (every quasi-p > " + SIGNIFICANT + "): no interpretable region.");
    else parts.push(sig.length + " of " + limits.length + " limits are significant (quasi-p \u2264 " + SIGNIFICANT + "): "
      + sig.map((l) => l.name + (l.lowerRestricted && l.upperRestricted ? " " + fmt(l.lower) + "\u2013" + fmt(l.upper)
        : l.lowerRestricted ? " > " + fmt(l.lower) : " < " + fmt(l.upper))).join(", ") + ".");
    if (limits.length > MANY_LIMITS) parts.push("\u26a0 " + limits.length + " restricted inputs: more than " + MANY_LIMITS + " cannot be read as one condition; the insignificant ones are greyed.");
    return parts.join(" ");
  }

  function drawPrim(r) {
    window.dlab.lastPrim = r;
    const t = el("prim-limits");
    t.innerHTML = "";
    lastBox = r.limits;
    el("prim-filter").hidden = !r.limits.length;
    if (!r.box) {
      el("prim-summary").textContent = r.outcome + " " + r.condition + ": no run of " + r.rows + " meets the condition; nothing to discover.";
      el("prim-verdict").textContent = "";
      if (primChart) { primChart.box.remove(); primChart = null; }
      return;
    }
    el("prim-summary").textContent = r.outcome + " " + r.condition + " in " + r.cases + " of " + r.rows + " runs. Box " + r.box.index
      + (r.box.pasted ? " (pasted)" : "") + ": coverage " + fmt(r.box.coverage) + ", density " + fmt(r.box.density) + ", mass " + fmt(r.box.mass)
      + ", " + r.box.restricted + " restricted input(s)" + (r.limits.length ? "" : ": the cases are not concentrated in a box") + ".";
    const h = t.createTHead().insertRow();
    for (const c of ["uncertainty", "lower", "upper", "quasi-p"]) h.appendChild(node("th", null, c));
    const b = t.createTBody();
    for (const l of r.limits) {
      const tr = b.insertRow();
      tr.appendChild(node("th", null, l.name));
      tr.insertCell().textContent = l.lowerRestricted ? fmt(l.lower) : "–";
      tr.insertCell().textContent = l.upperRestricted ? fmt(l.upper) : "–";
      tr.insertCell().textContent = l.quasiP == null ? "–" : l.quasiP.toPrecision(3);
      if (!significant(l)) { tr.className = "insignificant"; tr.title = "quasi-p > " + SIGNIFICANT + ": not significant"; }
    }
    el("prim-verdict").textContent = verdict(r.limits);
    drawScatterControls(r, body0);
    el("prim-verdict").dataset.significant = String(r.limits.filter(significant).length);
    // the peeling trajectory: density against coverage (uPlot wants x ascending)
    const pts = r.trajectory.slice().sort((a, b2) => a.coverage - b2.coverage);
    if (primChart) primChart.box.remove();
    el("prim-chart").innerHTML = "";
    primChart = DL.chart(el("prim-chart"), {
      title: "Peeling trajectory: density against coverage", name: "prim-trajectory", height: 200,
      series: [{ label: "coverage" }, { label: "density", stroke: "#1d5bd8", width: 1.5, points: { show: true, size: 5 } }],
    });
    primChart.setData([pts.map((p) => p.coverage), pts.map((p) => p.density)]);
  }

  function boxAsFilters() {
    if (!lastBox) return;
    for (const l of lastBox) {
      const f = { input: l.name, min: l.lowerRestricted ? l.lower : null, max: l.upperRestricted ? l.upper : null };
      state.filters = state.filters.filter((x) => x.input !== l.name).concat([f]);
    }
    drawFilters();
    refresh();
  }

  // ---- saved discoveries: the boxes dlab discover stored, each usable as filters
  async function loadSaved() {
    const s = await DL.call("GET", sid() + "/discoveries");
    el("saved-panel").hidden = !s.available;
    const box = el("saved");
    box.innerHTML = "";
    if (!s.available) return;
    if (!s.items.length) box.appendChild(node("p", null, "No discovery saved in this store."));
    for (const d of s.items.slice().reverse()) {
      const div = node("div", "saved-discovery");
      div.appendChild(node("h4", null, "#" + d.id + ": " + d.question));
      div.appendChild(node("p", null, d.cases + " of " + d.runs + " futures meet it. Box " + d.box + ": coverage " + fmt(d.coverage)
        + ", density " + fmt(d.density) + ", mass " + fmt(d.mass) + (d.createdAt ? " (saved " + d.createdAt + ")" : "")));
      const t = node("table", "grid");
      const h = t.createTHead().insertRow();
      for (const c of ["uncertainty", "lower", "upper", "quasi-p", "in resamples"]) h.appendChild(node("th", null, c));
      const b = t.createTBody();
      for (const l of d.limits) {
        const tr = b.insertRow();
        tr.appendChild(node("th", null, l.name));
        tr.insertCell().textContent = l.lowerRestricted ? fmt(l.lower) : "–";
        tr.insertCell().textContent = l.upperRestricted ? fmt(l.upper) : "–";
        tr.insertCell().textContent = l.quasiP == null ? "–" : l.quasiP.toPrecision(3);
        tr.insertCell().textContent = l.resampledShare == null ? "–" : Math.round(100 * l.resampledShare) + "%";
        if (!significant(l)) { tr.className = "insignificant"; tr.title = "quasi-p > " + SIGNIFICANT + ": not significant"; }
      }
      div.appendChild(node("p", "verdict", verdict(d.limits)));
      div.appendChild(t);
      if (d.scores.length) {
        div.appendChild(node("p", null, "Feature scores: " + d.scores.map((x) => x.uncertainty + " " + fmt(x.importance)).join(", ")));
      }
      const use = node("button", null, "Use this box as filters");
      use.type = "button";
      use.onclick = () => {
        lastBox = d.limits;
        boxAsFilters();
      };
      div.appendChild(use);
      box.appendChild(div);
    }
  }

  async function start() {
    try {
      const list = await DL.call("GET", "/stores");
      const sel = el("store");
      fill(sel, list.items.map((i) => i.id));
      if (!list.items.length) {
        DL.status("no results store in the served folders; make one with dlab explore (or start dlab serve --stores DIR)", true);
        window.dlab.exploreReady = true;
        return;
      }
      const saved = readHash();
      const first = list.items.some((i) => i.id === saved.store) ? saved.store : list.items[0].id;
      sel.value = first;
      sel.onchange = () => openStore(sel.value, null);
      el("outcome").onchange = () => { state.outcome = el("outcome").value; refresh(); };
      el("series-var").onchange = () => { state.variable = el("series-var").value; refresh(); };
      el("filter-add").onclick = () => {
        const name = el("filter-input").value;
        if (!name || state.filters.some((f) => f.input === name)) return;
        state.filters.push({ input: name, min: null, max: null });
        drawFilters();
        const row = el("filters").lastChild;
        if (row) row.querySelector("input").focus();
      };
      el("apply").onclick = () => {
        // read the boxes as they are, even when no change event fired yet
        for (const row of el("filters").children) {
          const f = state.filters.find((x) => x.input === row.dataset.input);
          const lo = row.querySelector(".filter-min").value, hi = row.querySelector(".filter-max").value;
          f.min = lo === "" ? null : +lo;
          f.max = hi === "" ? null : +hi;
        }
        refresh();
      };
      el("filter-clear").onclick = () => { state.filters = []; drawFilters(); refresh(); };
      el("prim-run").onclick = runPrim;
      el("runs-prev").onclick = () => { runsOffset = Math.max(0, runsOffset - PAGE); drawRuns(seq).catch((e) => DL.status(e.message, true)); };
      el("runs-next").onclick = () => { if (runsOffset + PAGE < runsTotal) runsOffset += PAGE; drawRuns(seq).catch((e) => DL.status(e.message, true)); };
      el("prim-filter").onclick = boxAsFilters;
      await openStore(first, saved.store === first ? saved : null);
      window.dlab.exploreReady = true;
    } catch (e) { DL.status(e.message, true); }
  }
  start();
})();
