// Draws the report from DATA (embedded by org.dlab.workbench.report.Report) with uPlot.
(function () {
  "use strict";
  const D = DATA;
  // the one palette (org.dlab.workbench.plot.Palette): the i-th policy of the study has colour i everywhere
  const COLORS = D.palette;
  const alpha = (hex, a) => {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  };
  // charts drawn, for a headless-browser check
  window.dlabCharts = [];

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    for (const c of [].concat(children === undefined ? [] : children)) {
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) return "-";
    if (typeof v !== "number") return String(v);
    if (Math.abs(v) < 1e-9) return "0";
    const a = Math.abs(v);
    if (a >= 1e6 || a < 1e-3) return v.toExponential(3);
    return String(Number(v.toPrecision(4)));
  }

  const year = (v) => (v === null || v === undefined ? "-" : v.toFixed(1));
  const pct = (v) => (v === null || v === undefined ? "-" : (100 * v).toFixed(1) + " %");

  /** A table; {@code format} may give a formatter per column index. */
  function table(header, rows, textColumns, format) {
    const t = el("table");
    t.appendChild(el("tr", {}, header.map((h) => el("th", {}, h))));
    for (const r of rows) {
      t.appendChild(el("tr", {}, r.map((v, i) => el("td", (textColumns || []).includes(i) ? { class: "text" } : {},
        format && format[i] ? format[i](v) : fmt(v)))));
    }
    const w = el("div", { class: "wide" });
    w.appendChild(t);
    return w;
  }

  function chart(parent, opts, data) {
    const box = el("div", { class: "chart" });
    parent.appendChild(box);
    const u = new uPlot(Object.assign({ width: 520, height: 300, legend: { live: false } }, opts), data, box);
    window.dlabCharts.push(u);
    return u;
  }

  /** A legend of policy colours, for charts whose uPlot legend would list every band. */
  function swatch(p) {
    return el("span", { class: "swatch", style: "background:" + colorOf(p) });
  }

  function key(policies) {
    const k = el("div", { class: "note" });
    policies.forEach((p) => {
      k.appendChild(el("span", { style: "display:inline-block;width:14px;height:4px;margin:0 4px 3px 10px;background:" + colorOf(p) }));
      k.appendChild(document.createTextNode(p));
    });
    return k;
  }

  // ---- title
  const P = D.provenance || {};
  const A = D.answer || {};
  document.getElementById("title").textContent = A.title || "Report: " + (P.study_file || D.store).split(/[\\/]/).pop();
  document.title = document.getElementById("title").textContent;

  // ---- which policies the charts draw: a study may have 15, and 15 sets of bands hide each other.
  // Every policy keeps one colour; the first four are drawn at first, the picker changes that.
  // in the study's order (the provenance keeps it), the store's names otherwise
  const stored = (D.counts || []).map((c) => c.policy);
  const studyOrder = typeof P.policies === "string" ? P.policies.split(",").filter((p) => stored.includes(p)) : [];
  const ALL = studyOrder.concat(stored.filter((p) => !studyOrder.includes(p)));
  const colorOf = (p) => COLORS[Math.max(0, ALL.indexOf(p)) % COLORS.length];
  const chosen = new Set(ALL.slice(0, 4));
  const byPolicy = new Map((D.counts || []).map((c) => [c.policy, c]));
  const same = ALL.length > 1 && ALL.every((p) => byPolicy.get(p).runs === byPolicy.get(ALL[0]).runs && !byPolicy.get(p).failed);
  const counts = same ? ALL.length + " policies \u00d7 " + byPolicy.get(ALL[0]).runs + " runs"
    : ALL.map((p) => { const c = byPolicy.get(p); return p + ": " + c.runs + " runs" + (c.failed ? " (" + c.failed + " failed)" : ""); }).join("; ");
  document.getElementById("subtitle").textContent = "Store " + D.store + " \u00b7 sampler " + P.sampler + ", n = " + P.n + ", seed " + P.seed
    + ", " + P.policy_design + " design \u00b7 " + counts + " \u00b7 status " + P.status + " \u00b7 finished " + (P.finished_at || "-");
  const picker = document.getElementById("policy-picker");
  if (ALL.length > 1) {
    picker.appendChild(el("span", { class: "note" }, "Policies in the charts: "));
    for (const p of ALL) {
      const box = el("input", { type: "checkbox", value: p });
      box.checked = chosen.has(p);
      box.onchange = () => {
        if (box.checked) chosen.add(p);
        else chosen.delete(p);
        drawCharts();
      };
      const lab = el("label", { style: "margin-right:0.8em;white-space:nowrap" }, [box, el("span", { style: "color:" + colorOf(p) }, " " + p)]);
      picker.appendChild(lab);
    }
  }

  function drawCharts() {
    for (const u of window.dlabCharts) u.destroy();
    window.dlabCharts = [];
    for (const id of ["fans", "distributions"]) {
      const sec = document.getElementById(id);
      while (sec.children.length > 1) sec.removeChild(sec.lastChild);
    }
    drawFans();
    drawDistributions();
    document.body.setAttribute("data-policies-drawn", String(chosen.size));
    countInk();
  }

  // ---- fan charts: median line, 25-75 % and 5-95 % bands per policy
  function drawFans() {
    const fans = document.getElementById("fans");
    if (!D.fans || D.fans.length === 0) {
      fans.appendChild(el("p", { class: "note" }, "No time series in this store: run dlab explore with --series DT to get fan charts."));
    } else {
      fans.appendChild(el("p", { class: "note" }, "Median across futures (line), 25-75 % (dark band) and 5-95 % (light band), per policy."));
      const box = el("div", { class: "charts" });
      fans.appendChild(box);
      for (const fan of D.fans) {
        const names = ALL.filter((p) => chosen.has(p) && fan.policies[p]);
        if (names.length === 0) continue;
        const time = fan.policies[names[0]][0];
        const data = [time];
        const series = [{ label: "time" }];
        const bands = [];
        names.forEach((p) => {
          const cols = fan.policies[p];
          const base = data.length;
          for (let q = 1; q <= 5; q++) data.push(cols[q].length === time.length ? cols[q] : time.map(() => null));
          const c = colorOf(p);
          const quiet = { show: false };
          series.push({ label: p + " 5%", stroke: alpha(c, 0.25), width: 0, points: quiet });
          series.push({ label: p + " 25%", stroke: alpha(c, 0.4), width: 0, points: quiet });
          series.push({ label: p + " median", stroke: c, width: 2, points: quiet });
          series.push({ label: p + " 75%", stroke: alpha(c, 0.4), width: 0, points: quiet });
          series.push({ label: p + " 95%", stroke: alpha(c, 0.25), width: 0, points: quiet });
          bands.push({ series: [base + 4, base], fill: alpha(c, 0.12) });
          bands.push({ series: [base + 3, base + 1], fill: alpha(c, 0.25) });
        });
        const wrap = el("div");
        wrap.appendChild(el("h3", {}, fan.variable));
        box.appendChild(wrap);
        const yLabel = fan.unit ? fan.variable + " (" + fan.unit + ")" : fan.variable;
        chart(wrap, { series: series, bands: bands, legend: { show: false }, scales: { x: { time: false } },
          axes: [{ label: "year", values: (u, vals) => vals.map((v) => String(Number(v.toPrecision(10)))) },
            { size: 64, label: yLabel, values: (u, vals) => vals.map(fmt) }] }, data);
        wrap.appendChild(key(names));
      }
  }

  }

  // ---- distributions: frequency polygons per policy over common bins
  function drawDistributions() {
    const dist = document.getElementById("distributions");
    const dbox = el("div", { class: "charts" });
    dist.appendChild(dbox);
    for (const o of D.outcomes) {
      const edges = o.edges;
      const centers = edges.slice(0, -1).map((e, i) => (e + edges[i + 1]) / 2);
      const data = [centers];
      const series = [{ label: o.name }];
      ALL.filter((p) => chosen.has(p) && o.counts[p]).forEach((p) => {
        data.push(o.counts[p]);
        series.push({ label: p, stroke: colorOf(p), fill: alpha(colorOf(p), 0.15), width: 1.5, points: { show: false }, paths: uPlot.paths.stepped({ align: 0 }) });
      });
      const wrap = el("div");
      wrap.appendChild(el("h3", {}, o.name));
      wrap.appendChild(el("div", { class: "note" }, o.reduce + " of " + o.variable + "; " + o.kind + (o.threshold !== null ? "; threshold " + fmt(o.threshold) : "")));
      dbox.appendChild(wrap);
      chart(wrap, { series: series, scales: { x: { time: false } }, axes: [{ label: o.name }, { label: "futures", size: 60 }] }, data);
  }
  }

  // ---- the answer, first: the question, the headline outcomes against the reference, the discoveries in words
  function drawAnswer() {
    const box = document.getElementById("answer");
    if (A.question) box.appendChild(el("p", { class: "question" }, A.question));
    const ref = A.reference;
    if (!A.outcomes || A.outcomes.length === 0) {
      box.appendChild(el("p", { class: "note" }, "No headline figures: they need every future under every policy (the full design) and an outcome to minimize or maximize."));
    } else {
      box.appendChild(el("p", { class: "note" }, "Over " + A.futures + " sampled futures, each run under every policy. "
        + "'Beats " + ref + "': share of futures in which the policy does strictly better than " + ref
        + (A.referenceFromStudy ? " (the study's reference policy)" : " (the first policy; set reference: in the study to choose another)")
        + "; the rest are ties or losses. Median with the 5\u201395 % range of the futures in brackets."
        + (A.headlineFromStudy ? "" : " The study marks no headline outcome (headline: true), so these are its first outcomes.")));
      const grid = el("div", { class: "tables" });
      box.appendChild(grid);
      for (const o of A.outcomes) {
        const cell = el("div", { class: "headline", "data-outcome": o.name });
        const unit = o.unit ? " (" + o.unit + ")" : "";
        cell.appendChild(el("h3", {}, o.name + unit));
        const t = el("table");
        t.appendChild(el("tr", {}, ["policy", "beats " + ref, ref + " beats it", "median (5\u201395 %)"].map((h) => el("th", {}, h))));
        for (const r of o.rows) {
          const name = el("td", { class: "text" }, [swatch(r.policy), r.policy + (r.policy === ref ? " (reference)" : "")]);
          const tr = el("tr", { "data-policy": r.policy }, [name,
            el("td", { class: "beats", "data-value": r.beats === null ? "" : String(r.beats) }, r.beats === null ? "\u2013" : pct(r.beats)),
            el("td", { class: "loses", "data-value": r.loses === null ? "" : String(r.loses) }, r.loses === null ? "\u2013" : pct(r.loses)),
            el("td", { class: "median", "data-value": r.median === null ? "" : String(r.median) }, r.text)]);
          if (r.policy === o.best) { tr.classList.add("best"); tr.title = "best on this outcome"; }
          t.appendChild(tr);
        }
        const w = el("div", { class: "wide" });
        w.appendChild(t);
        cell.appendChild(w);
        grid.appendChild(cell);
      }
    }
    box.appendChild(el("h3", {}, "Where the answer changes"));
    if (!A.discoveries || A.discoveries.length === 0) {
      box.appendChild(el("p", { class: "note" }, "No scenario discovery saved in this store (dlab discover DB --outcome NAME --where \"> 0\" --policy A --versus B adds one)."));
    } else {
      const ul = el("ul");
      for (const d of A.discoveries) {
        const li = el("li", { class: "discovery-text", "data-significant": String(d.significant) }, d.text + ".");
        for (const w of d.warnings) li.appendChild(el("div", { class: "warn" }, "\u26a0 " + w + "."));
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
  }
  drawAnswer();

  // ---- comparison
  const cmp = document.getElementById("comparison");
  if (!D.comparison) {
    cmp.appendChild(el("p", { class: "note" }, "Pairwise figures need every future under every policy (the full design)."));
  } else {
    cmp.appendChild(el("p", { class: "note" }, "Over the same futures. 'beats X': share of futures where the row's policy does strictly better than X; "
      + "'beats others': the mean of that share over every other policy; regret: distance to the best policy of each future. "
      + "Crossing times are years, their statistics over the futures that cross; a future that never crosses counts as later than any crossing. "
      + "Bold: best by median (for a crossing time: by the share that never crosses first)."));
    const grid = el("div", { class: "tables" });
    cmp.appendChild(grid);
    for (const c of D.comparison) {
      const box = el("div");
      box.appendChild(el("h3", {}, c.name));
      const fmts = c.header.map((h, i) => (c.crossing && i >= 2 && i <= 5 ? year : h.startsWith("P(") || h.startsWith("beats") ? pct : null));
      const t = table(c.header, c.rows, [0], fmts);
      t.querySelectorAll("tr").forEach((tr) => {
        const first = tr.querySelector("td");
        if (first && first.textContent === c.best) tr.classList.add("best");
      });
      box.appendChild(t);
      grid.appendChild(box);
    }
  }

  // ---- robustness: regret, satisficing, percentiles, mean-variance per policy (full designs)
  const rob = document.getElementById("robustness");
  if (!D.robustness) {
    rob.appendChild(el("p", { class: "note" }, "Robustness needs every future under every policy (the full design)."));
  } else {
    rob.appendChild(el("p", { class: "note" }, "Per policy over the same futures. Regret: distance to the best policy in each future. "
      + "Satisficing: share of futures meeting the outcome's threshold. Signal-to-noise: mean \u00d7 sd for outcomes to minimize "
      + "(lower is more robust), mean / sd for outcomes to maximize (higher is more robust)."));
    for (const o of D.robustness.outcomes) {
      rob.appendChild(el("h3", {}, o.name));
      rob.appendChild(el("div", { class: "note" }, o.kind + (o.threshold !== null ? ", threshold " + fmt(o.threshold) : "") + "; "
        + o.futures + " of " + o.of + " futures have a value under every policy"
        + (o.crossing ? "; a future that never crosses counts as crossing at the end of the run (" + year(o.horizon) + ")" : "")));
      const yf = o.crossing ? [null, year, fmt, year, year, year] : [];
      rob.appendChild(table(["policy", "mean", "sd", "10th pct", "median", "90th pct", "mean regret", "90th pct regret", "max regret", "satisficing", "signal-to-noise"],
        o.rows, [0], Object.assign([], yf, { 9: pct })));
      if (o.svg) {
        const box = el("div", { class: "svg" });
        box.innerHTML = o.svg;
        rob.appendChild(box);
      }
    }
    const all = D.robustness.satisficingAll;
    if (all) {
      rob.appendChild(el("h3", {}, "Every threshold at once"));
      rob.appendChild(el("div", { class: "note" }, "Share of futures meeting the thresholds of " + all.outcomes.join(", ") + " together (" + all.futures + " futures)."));
      rob.appendChild(table(["policy", "satisficing all"], all.rows.map((r) => [r[0], pct(r[1])]), [0, 1]));
    }
  }

  // ---- scenario discoveries saved by dlab discover
  const disc = document.getElementById("discoveries");
  if (!D.discoveries || D.discoveries.length === 0) {
    disc.appendChild(el("p", { class: "note" }, "No discovery saved in this store: run dlab discover DB --outcome NAME --where \"> X\" to add one."));
  } else {
    for (const d of D.discoveries) {
      disc.appendChild(el("h3", { class: "discovery" }, "Discovery " + d.id + ": " + d.question));
      disc.appendChild(el("div", { class: "note" }, d.cases + " of " + d.runs + " futures (" + pct(d.cases / d.runs) + ") meet the condition. "
        + "PRIM box " + d.box + (d.pasted ? " (pasted)" : "") + ": coverage " + fmt(d.coverage) + ", density " + fmt(d.density) + ", mass " + fmt(d.mass)
        + (d.resampled ? "; over the bootstrap resamples mean coverage " + fmt(d.resampled[0]) + ", density " + fmt(d.resampled[1]) : "")
        + ". Settings: " + d.settings + "; " + d.created + "."));
      const sig = d.limits.filter((r) => r[3] !== null && r[3] <= 0.05).length;
      if (d.limits.length > 6) disc.appendChild(el("p", { class: "warn" }, "\u26a0 The box restricts " + d.limits.length + " inputs (more than 6 cannot be read as one condition); "
        + sig + " of its limits are significant (quasi-p \u2264 0.05). The others are greyed out."));
      if (sig === 0) disc.appendChild(el("p", { class: "warn" }, "\u26a0 No limit is significant: no interpretable region."));
      const lt = table(["uncertainty", "lower", "upper", "quasi-p", "resampled", "assumption (distribution)", "source"],
        d.limits.map((r) => [r[0], r[1], r[2], r[3], r[4] === null ? "-" : pct(r[4]), r[5], r[6]]), [0, 5, 6]);
      lt.querySelectorAll("tr").forEach((tr, i) => {
        const r = d.limits[i - 1];
        if (r && !(r[3] !== null && r[3] <= 0.05)) { tr.classList.add("insignificant"); tr.title = "quasi-p > 0.05: not significant"; }
      });
      disc.appendChild(lt);
      const box = el("div", { class: "charts svg" });
      for (const svg of [d.limitsSvg, d.tradeoffSvg]) {
        if (!svg) continue;
        const c = el("div", { class: "chart" });
        c.innerHTML = svg;
        box.appendChild(c);
      }
      disc.appendChild(box);
      if (d.scores.length) {
        disc.appendChild(el("div", { class: "note" }, "Feature scores against the outcome (extra-trees importance), leading uncertainties:"));
        disc.appendChild(table(["uncertainty", "importance", "sd"], d.scores, [0]));
      }
    }
  }

  // ---- assumptions
  const as = document.getElementById("assumptions");
  as.appendChild(el("h3", {}, "Uncertainties and levers"));
  as.appendChild(table(["name", "role", "distribution", "source / description", "unit", "low", "high", "baseline"],
    D.inputs.map((r) => [r.name, r.role, r.distribution, r.description, r.unit, r.low, r.high, r.baseline]), [0, 1, 2, 3, 4]));
  if (D.levers.length) {
    as.appendChild(el("h3", {}, "Policies"));
    as.appendChild(table(["policy", "lever", "value", "set by the policy"], D.levers.map((r) => [r.policy, r.lever, r.value, r.set_by_policy ? "yes" : "baseline"]), [0, 1, 3]));
  }
  if (D.constraints.length) {
    as.appendChild(el("h3", {}, "Constraints"));
    as.appendChild(table(["outcome", "min", "max"], D.constraints.map((r) => [r.outcome, r.min, r.max]), [0]));
  }
  as.appendChild(el("h3", {}, "Provenance"));
  const keys = ["model_file", "model_sha256", "study_file", "study_sha256", "seed", "sampler", "n", "policy_design", "policies", "runs_total",
    "dlab_version", "engine_version", "java_version", "started_at", "finished_at", "status"];
  as.appendChild(table(["key", "value"], keys.filter((k) => P[k] !== undefined).map((k) => [k, P[k]]), [0, 1]));
  as.appendChild(el("h3", {}, "Study file"));
  as.appendChild(el("pre", {}, P.study_text || ""));

  drawCharts();

  // for automated checks: how many charts exist and how many have ink on their canvas. uPlot
  // draws in a microtask after construction, so count after the ones it queued.
  function countInk() {
    queueMicrotask(() => queueMicrotask(() => {
      let drawn = 0;
      for (const u of window.dlabCharts) {
        const px = u.ctx.getImageData(0, 0, u.ctx.canvas.width, u.ctx.canvas.height).data;
        let ink = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ink++;
        if (ink > 500) drawn++;
      }
      document.body.setAttribute("data-charts", String(window.dlabCharts.length));
      document.body.setAttribute("data-charts-drawn", String(drawn));
    }));
  }
})();
