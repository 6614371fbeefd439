// Shared by the Simulator, Explore and Model pages: API calls, status line, downloads, and a
// chart (uPlot) with PNG, SVG and CSV export. Plain JS; no build step. Text from the API only
// ever reaches the page through textContent or SVG text nodes, never as markup.
"use strict";
(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  // tick steps uPlot may choose on the time axis: whole ones for runs of years, fine ones for short runs
  const WHOLE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];
  const FINE_STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5].concat(WHOLE_STEPS);
  const DL = {};
  window.dlab = window.dlab || {};

  DL.el = (id) => document.getElementById(id);

  DL.status = function (msg, isError) {
    const s = DL.el("status");
    if (!s) return;
    s.textContent = msg;
    s.className = isError ? "error" : "";
  };

  DL.call = async function (method, path, body) {
    const r = await fetch("/api/v1" + path, {
      method: method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const j = await r.json();
    if (!r.ok) throw new Error(j.error + (j.field ? " (" + j.field + ")" : ""));
    return j;
  };

  // the one palette (org.dlab.workbench.plot.Palette, served as /palette.js): policy i of the study has colour i
  DL.palette = window.DLAB_PALETTE || ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
  DL.colorOf = function (policy, all) {
    const i = Math.max(0, all.indexOf(policy));
    return DL.palette[i % DL.palette.length];
  };

  DL.fmt = function (v) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    if (Math.abs(v) < 1e-9) return "0";
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
    if (a >= 1000) return String(+v.toPrecision(6)); // years keep their fraction: 2027.35
    return String(+v.toPrecision(4));
  };

  DL.download = function (name, href) {
    const a = document.createElement("a");
    a.href = href;
    a.download = name.replace(/[^A-Za-z0-9._-]+/g, "_");
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  /** A unit as the modeller wrote it (Dmnl, $B/Year, 1/Year) in words for a label; "" when unknown. */
  DL.unitWords = function (unit) {
    const u = String(unit || "").replace(/\s*\[.*$/, "").trim();
    const low = u.toLowerCase();
    if (!u) return "";
    if (low === "dmnl" || low === "1" || low === "dimensionless" || low === "fraction") return "dimensionless";
    if (low === "year" || low === "years") return "years";
    if (low === "1/year") return "per year";
    return u.replace(/\*/g, "·").replace(/\//g, " per ").replace(/Year/g, "year");
  };

  DL.node = function (tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };

  // ---- charts

  function csvCell(s) { s = String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }

  /**
   * A uPlot chart in a box with a title and export buttons. spec: {title, name (file name), height,
   * legend, xLabel, yLabel (the variable's unit in words), series: [{label, stroke, width, dash}], bands: [{series: [hi, lo], fill}]}.
   * series[0] is the x axis. Returns {u, box, data, setData}.
   */
  DL.chart = function (parent, spec) {
    const box = DL.node("div", "chart" + (spec.main ? " main" : ""));
    if (spec.variable) box.dataset.variable = spec.variable;
    const h = DL.node("h3", null, spec.title);
    const tools = DL.node("div", "tools");
    const png = DL.node("button", "export-png", "PNG");
    const svg = DL.node("button", "export-svg", "SVG");
    const csv = DL.node("button", "export-csv", "CSV");
    tools.append(png, svg, csv);
    box.append(h, tools);
    parent.appendChild(box);
    const width = Math.max(300, box.clientWidth - 18);
    const opts = {
      width: width,
      height: spec.height || 220,
      legend: { show: spec.legend !== false },
      scales: { x: { time: false } },
      // time ticks: whole steps once the run spans years (2025, 2030, not 2027.5)
      axes: [{ incrs: (u, ai, min, max) => (max - min >= 8 ? WHOLE_STEPS : FINE_STEPS), values: (u, ticks) => ticks.map((t) => String(Math.round(t * 100) / 100)) },
        spec.yLabel ? { size: 60, label: spec.yLabel, labelSize: 16, values: (u, ticks) => ticks.map(DL.fmt) } : { size: 60 }],
      series: spec.series.map((s, i) => (i === 0 ? { label: s.label } : Object.assign({}, s))),
      bands: spec.bands || [],
    };
    const u = new uPlot(opts, spec.series.map(() => []), box);
    if (spec.key) {
      // a short legend of groups (a policy's median and band) where uPlot's would list every line
      const key = DL.node("div", "key");
      for (const k of spec.key) {
        const item = DL.node("span", "key-item");
        const sw = DL.node("span", "swatch");
        sw.style.background = k.color;
        item.append(sw, document.createTextNode(k.label));
        key.appendChild(item);
      }
      box.appendChild(key);
    }
    const c = { spec: spec, u: u, box: box, data: null };
    c.setData = function (d) { c.data = d; u.setData(d); };
    png.onclick = () => DL.download(spec.name + ".png", u.ctx.canvas.toDataURL("image/png"));
    svg.onclick = () => {
      const text = DL.svgOf(c);
      window.dlab.lastSvg = text;
      DL.download(spec.name + ".svg", URL.createObjectURL(new Blob([text], { type: "image/svg+xml" })));
    };
    csv.onclick = () => {
      const text = DL.csvOf(c);
      window.dlab.lastCsv = text;
      DL.download(spec.name + ".csv", URL.createObjectURL(new Blob([text], { type: "text/csv" })));
    };
    charts.push(c);
    return c;
  };

  const charts = [];
  window.addEventListener("resize", () => {
    for (const c of charts) if (c.box.isConnected) c.u.setSize({ width: Math.max(300, c.box.clientWidth - 18), height: c.u.height });
  });

  DL.csvOf = function (c) {
    const d = c.data || c.spec.series.map(() => []);
    const head = c.spec.series.map((s) => s.label);
    const rows = [head.map(csvCell).join(",")];
    for (let i = 0; i < d[0].length; i++) rows.push(d.map((s) => (s[i] == null ? "" : s[i])).join(","));
    return rows.join("\n") + "\n";
  };

  // "nice" axis steps: 1, 2 or 5 times a power of ten, about n ticks over [lo, hi]
  function ticks(lo, hi, n) {
    if (!(hi > lo)) { const d = Math.abs(lo) || 1; lo -= d / 2; hi += d / 2; }
    const raw = (hi - lo) / n;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return { values: out, step: step };
  }
  function tickLabel(v, step) {
    const dec = Math.max(0, Math.min(8, -Math.floor(Math.log10(step) + 1e-9)));
    return Math.abs(v) >= 1e6 ? v.toExponential(1) : v.toFixed(dec);
  }
  // canvas colours like rgba(r,g,b,a) as SVG colour + opacity, which every SVG reader understands
  function paint(c) {
    const m = /^rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(c || "");
    return m ? { color: "rgb(" + m[1] + "," + m[2] + "," + m[3] + ")", opacity: +m[4] } : { color: c || "#000", opacity: 1 };
  }

  /** The chart as a standalone SVG document, drawn from its data (not from the canvas). */
  DL.svgOf = function (c) {
    const d = c.data || c.spec.series.map(() => []);
    const xs = d[0] || [];
    const W = Math.max(480, c.u.width);
    const L = 70, R = 20, T = 34;
    const shown = [];
    for (let i = 1; i < d.length; i++) if (c.u.series[i] && c.u.series[i].show !== false) shown.push(i);
    // legend entries laid out first: their rows set the height below the plot
    const legend = [];
    const entries = c.spec.key ? c.spec.key.map((k) => ({ label: k.label, stroke: k.color, width: 2 }))
      : shown.filter((i) => d[i] && d[i].some((v) => v != null)).map((i) => c.spec.series[i]);
    let lx = L, lrow = 0;
    for (const s of entries) {
      const w = 30 + 6.5 * String(s.label).length;
      if (lx + w > W - R && lx > L) { lx = L; lrow++; }
      legend.push({ s: s, x: lx, row: lrow });
      lx += w;
    }
    const B = 56 + 16 * (lrow + 1);
    const H = Math.max(260, c.u.height + 40) + 16 * lrow;
    let ylo = Infinity, yhi = -Infinity, xlo = Infinity, xhi = -Infinity;
    for (const x of xs) if (x != null && isFinite(x)) { xlo = Math.min(xlo, x); xhi = Math.max(xhi, x); }
    for (const i of shown) for (const v of d[i] || []) if (v != null && isFinite(v)) { ylo = Math.min(ylo, v); yhi = Math.max(yhi, v); }
    if (!isFinite(xlo)) { xlo = 0; xhi = 1; }
    if (!isFinite(ylo)) { ylo = 0; yhi = 1; }
    // the y axis runs from tick to tick, so its ends are labelled; x spans the data exactly
    let yt = ticks(ylo, yhi, 5);
    let y0 = Math.floor(ylo / yt.step + 1e-9) * yt.step, y1 = Math.ceil(yhi / yt.step - 1e-9) * yt.step;
    if (!(y1 > y0)) { y0 -= yt.step; y1 = y0 + 2 * yt.step; } // a flat line sits mid-plot
    yt = ticks(y0, y1, 5);
    yt.values = yt.values.filter((t) => t >= y0 - yt.step * 1e-6 && t <= y1 + yt.step * 1e-6);
    const xt = ticks(xlo, xhi, 6);
    const x0 = xlo, x1 = xhi > xlo ? xhi : xlo + 1;
    const px = (x) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
    const py = (y) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - T - B);
    const r2 = (v) => Math.round(v * 100) / 100;

    const doc = document.implementation.createDocument(SVG_NS, "svg", null);
    const root = doc.documentElement;
    const mk = (tag, attrs, parent, text) => {
      const e = doc.createElementNS(SVG_NS, tag);
      for (const k in attrs) e.setAttribute(k, String(attrs[k]));
      if (text !== undefined) e.textContent = text;
      (parent || root).appendChild(e);
      return e;
    };
    root.setAttribute("width", W);
    root.setAttribute("height", H);
    root.setAttribute("viewBox", "0 0 " + W + " " + H);
    root.setAttribute("font-family", "Helvetica, Arial, sans-serif");
    root.setAttribute("font-size", "11");
    mk("title", {}, root, c.spec.title);
    mk("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" });
    mk("text", { x: L, y: 20, "font-size": 13, "font-weight": "bold" }, root, c.spec.title);
    // grid and axes
    const grid = mk("g", { stroke: "#e3e6ec", "stroke-width": 1 });
    const labels = mk("g", { fill: "#333333" });
    for (const t of xt.values) {
      if (t < x0 || t > x1) continue;
      mk("line", { x1: r2(px(t)), x2: r2(px(t)), y1: T, y2: H - B }, grid);
      mk("text", { x: r2(px(t)), y: H - B + 15, "text-anchor": "middle" }, labels, tickLabel(t, xt.step));
    }
    for (const t of yt.values) {
      if (t < y0 || t > y1) continue;
      mk("line", { x1: L, x2: W - R, y1: r2(py(t)), y2: r2(py(t)) }, grid);
      mk("text", { x: L - 6, y: r2(py(t)) + 4, "text-anchor": "end" }, labels, tickLabel(t, yt.step));
    }
    mk("rect", { x: L, y: T, width: W - L - R, height: H - T - B, fill: "none", stroke: "#888888" });
    mk("text", { x: (L + W - R) / 2, y: H - B + 32, "text-anchor": "middle" }, labels, c.spec.series[0].label || "");
    // bands first, then lines over them
    for (const b of c.spec.bands || []) {
      const [hi, lo] = b.series;
      if (!shown.includes(hi) || !shown.includes(lo)) continue;
      let seg = [];
      const flush = () => {
        if (seg.length > 1) {
          const pts = seg.map((i) => r2(px(xs[i])) + "," + r2(py(d[hi][i])))
            .concat(seg.slice().reverse().map((i) => r2(px(xs[i])) + "," + r2(py(d[lo][i]))));
          const p = paint(b.fill);
          mk("polygon", { points: pts.join(" "), fill: p.color, "fill-opacity": p.opacity, stroke: "none" });
        }
        seg = [];
      };
      for (let i = 0; i < xs.length; i++) {
        if (d[hi][i] != null && d[lo][i] != null && isFinite(d[hi][i]) && isFinite(d[lo][i])) seg.push(i); else flush();
      }
      flush();
    }
    for (const i of shown) {
      const s = c.spec.series[i];
      let path = "", pen = false;
      for (let k = 0; k < xs.length; k++) {
        const v = d[i][k];
        if (v == null || !isFinite(v)) { pen = false; continue; }
        path += (pen ? " L" : " M") + r2(px(xs[k])) + " " + r2(py(v));
        pen = true;
      }
      if (!path) continue;
      const p = paint(s.stroke);
      const attrs = { d: path.trim(), fill: "none", stroke: p.color, "stroke-opacity": p.opacity, "stroke-width": s.width || 1,
        "stroke-linejoin": "round" };
      if (s.dash) attrs["stroke-dasharray"] = s.dash.join(" ");
      mk("path", attrs).appendChild(doc.createElementNS(SVG_NS, "title")).textContent = s.label;
    }
    // legend under the axis label
    for (const e of legend) {
      const s = e.s;
      const ly = H - B + 52 + 16 * e.row;
      const p = paint(s.stroke);
      const a = { x1: e.x, x2: e.x + 18, y1: ly - 4, y2: ly - 4, stroke: p.color, "stroke-opacity": p.opacity, "stroke-width": Math.max(2, s.width || 1) };
      if (s.dash) a["stroke-dasharray"] = s.dash.join(" ");
      mk("line", a);
      mk("text", { x: e.x + 22, y: ly }, labels, s.label);
    }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + "\n";
  };

  window.DL = DL;
})();
