// Model page: equations (searchable), the generated causal-loop diagram, click a variable to plot it.
"use strict";
(function () {
  const el = DL.el, node = DL.node;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const COLORS = DL.palette;
  let kind = null, id = null, structure = null, plotChart = null, searchTimer = null;
  Object.assign(window.dlab, { modelReady: false, plots: 0 });

  function base() { return "/" + (kind === "study" ? "studies" : "models") + "/" + encodeURIComponent(id); }

  // ---- equations
  function haystack(e) { return (e.name + "\n" + e.equation + "\n" + e.doc + "\n" + e.units + "\n" + (e.group || "") + "\n" + e.comments.join("\n")).toLowerCase(); }

  function drawEquations() {
    const q = el("search").value.trim().toLowerCase();
    const k = el("kind").value, g = el("group").value;
    const box = el("equations");
    box.innerHTML = "";
    let shown = 0;
    for (const e of structure.equations) {
      if (k && e.kind !== k) continue;
      if (g && e.group !== g) continue;
      if (q && !e.hay.includes(q)) continue;
      shown++;
      const card = node("div", "eq");
      card.dataset.name = e.name;
      const head = node("div", "eq-head");
      const name = node(e.variables.length ? "button" : "span", "eq-name", e.name);
      if (e.variables.length) {
        name.type = "button";
        name.title = "plot " + (e.variables.length > 1 ? e.variables.length + " elements" : e.name);
        name.onclick = () => plot(e.name, e.variables, e.units);
      }
      head.append(name, node("span", "badge " + e.kind, e.kind));
      if (e.units) head.appendChild(node("span", "unit", e.units));
      card.appendChild(head);
      card.appendChild(node("pre", "equation", e.equation));
      if (e.doc) card.appendChild(node("p", "doc", e.doc));
      for (const c of e.comments) card.appendChild(node("p", "comment", "{" + c + "}"));
      card.appendChild(node("p", "meta", (e.group ? e.group + " · " : "") + structure.file + ":" + e.line));
      box.appendChild(card);
    }
    el("count").textContent = shown + " of " + structure.equations.length + " equations";
    el("count").dataset.shown = shown;
  }

  // ---- plotting a variable: one run of the model (a study's first policy), that variable only
  async function plot(title, variables, units) {
    const vars = variables.slice(0, 24);
    DL.status("running " + title + "…");
    try {
      const r = await DL.call("POST", base() + "/run", { variables: vars });
      if (plotChart) plotChart.box.remove();
      el("plot").innerHTML = "";
      plotChart = DL.chart(el("plot"), {
        title: title + (units ? " (" + units + ")" : "") + (r.policy ? " — policy " + r.policy : ""), name: title, variable: title, height: 280,
        series: [{ label: "Time" }].concat(vars.map((v, i) => ({ label: v, stroke: COLORS[i % COLORS.length], width: 1.8 }))),
      });
      plotChart.setData([r.times].concat(vars.map((v) => r.series[v])));
      const first = r.series[vars[0]];
      plotChart.box.dataset.last = String(first[first.length - 1]);
      window.dlab.plots++;
      window.dlab.plotted = title;
      DL.status("plotted " + title + " (" + r.elapsedMs.toFixed(1) + " ms on the server)");
      el("plot").scrollIntoView({ block: "nearest" });
    } catch (e) { DL.status(e.message, true); }
  }

  // ---- diagram: a small force-directed layout, drawn as SVG with clickable nodes
  function layout(nodes, edges, W, H) {
    const n = nodes.length, pos = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / Math.max(1, n);
      pos.push({ x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a) });
    }
    const idx = new Map(nodes.map((v, i) => [v.name, i]));
    const links = edges.filter((e) => e.from !== e.to).map((e) => [idx.get(e.from), idx.get(e.to)]);
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.75;
    let temp = W / 8;
    for (let it = 0; it < 400; it++) {
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(1, Math.hypot(dx, dy)), f = (k * k) / d;
        dx /= d; dy /= d;
        disp[i].x += dx * f; disp[i].y += dy * f; disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
      for (const [a, b] of links) {
        let dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.max(1, Math.hypot(dx, dy)), f = (d * d) / k;
        dx /= d; dy /= d;
        disp[a].x -= dx * f; disp[a].y -= dy * f; disp[b].x += dx * f; disp[b].y += dy * f;
      }
      for (let i = 0; i < n; i++) {
        const d = Math.max(1e-9, Math.hypot(disp[i].x, disp[i].y)), s = Math.min(d, temp) / d;
        pos[i].x = Math.min(W - 90, Math.max(90, pos[i].x + disp[i].x * s));
        pos[i].y = Math.min(H - 30, Math.max(64, pos[i].y + disp[i].y * s));
      }
      temp *= 0.985;
    }
    return pos;
  }

  function drawDiagram(d) {
    const box = el("diagram");
    box.innerHTML = "";
    if (!d.nodes.length) { box.appendChild(node("p", "small", "This model has no feedback among its stocks to draw.")); return; }
    const W = Math.max(700, box.clientWidth || 900), H = Math.max(420, Math.min(900, 90 * Math.sqrt(d.nodes.length) * 2));
    const pos = layout(d.nodes, d.edges, W, H);
    const svg = document.createElementNS(SVG_NS, "svg");
    const mk = (tag, attrs, parent, text) => {
      const e = document.createElementNS(SVG_NS, tag);
      for (const k in attrs) e.setAttribute(k, String(attrs[k]));
      if (text !== undefined) e.textContent = text;
      (parent || svg).appendChild(e);
      return e;
    };
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", "100%");
    svg.setAttribute("class", "cld");
    const defs = mk("defs", {});
    const colors = { "1": "#1f6fb2", "-1": "#c0392b", "0": "#777777" };
    for (const p in colors) {
      const m = mk("marker", { id: "arrow" + p, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
      mk("path", { d: "M0,0 L10,5 L0,10 z", fill: colors[p] }, m);
    }
    const idx = new Map(d.nodes.map((v, i) => [v.name, i]));
    const half = d.nodes.map((v) => ({ w: 8 + 3.3 * v.name.length, h: 13 }));
    for (const e of d.edges) {
      const a = pos[idx.get(e.from)], b = pos[idx.get(e.to)], c = colors[String(e.polarity)];
      const sign = e.polarity > 0 ? "+" : e.polarity < 0 ? "−" : "±";
      let path, lx, ly;
      if (e.from === e.to) {
        const hh = half[idx.get(e.from)];
        path = "M" + (a.x - 10) + "," + (a.y - hh.h) + " C" + (a.x - 30) + "," + (a.y - hh.h - 40) + " " + (a.x + 30) + "," + (a.y - hh.h - 40) + " " + (a.x + 10) + "," + (a.y - hh.h);
        lx = a.x; ly = a.y - hh.h - 34;
      } else {
        // end at the target's box edge so the arrowhead shows
        const hb = half[idx.get(e.to)];
        const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1, ux = dx / len, uy = dy / len;
        const edge = Math.min(hb.w / Math.max(1e-9, Math.abs(ux)), (hb.h + 2) / Math.max(1e-9, Math.abs(uy)), 0.45 * len);
        const ex = b.x - ux * (edge + 2), ey = b.y - uy * (edge + 2);
        const mx = (a.x + ex) / 2 - dy * 0.12, my = (a.y + ey) / 2 + dx * 0.12;
        path = "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + " Q" + mx.toFixed(1) + "," + my.toFixed(1) + " " + ex.toFixed(1) + "," + ey.toFixed(1);
        lx = (a.x + 2 * mx + ex) / 4; ly = (a.y + 2 * my + ey) / 4;
      }
      const g = mk("g", { class: "edge" });
      mk("title", {}, g, e.from + " → " + e.to + " (" + sign + ")");
      mk("path", { d: path, fill: "none", stroke: c, "stroke-width": 1.3, "marker-end": "url(#arrow" + e.polarity + ")" }, g);
      mk("text", { x: lx.toFixed(1), y: ly.toFixed(1), fill: c, "font-size": 13, "text-anchor": "middle", "font-weight": "bold" }, g, sign);
    }
    d.nodes.forEach((v, i) => {
      const p = pos[i], hw = half[i];
      const g = mk("g", { class: "node", tabindex: 0, role: "button" });
      g.dataset.name = v.name;
      mk("title", {}, g, (v.stock ? "stock" : "smoothed or delayed") + ": click to plot");
      if (v.stock) mk("rect", { x: p.x - hw.w, y: p.y - hw.h, width: 2 * hw.w, height: 2 * hw.h, rx: 3, fill: "#ffffff", stroke: "#1d2a44" }, g);
      else mk("ellipse", { cx: p.x, cy: p.y, rx: hw.w + 4, ry: hw.h + 2, fill: "#ffffff", stroke: "#5a6478" }, g);
      mk("text", { x: p.x, y: p.y + 4, "text-anchor": "middle", "font-size": 11 }, g, v.name);
      const go = () => plot(v.name, [v.name], "");
      g.addEventListener("click", go);
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") go(); });
    });
    box.appendChild(svg);
    const ol = el("loops");
    ol.innerHTML = "";
    for (const l of d.loops) {
      const tag = l.polarity > 0 ? "R" : l.polarity < 0 ? "B" : "?";
      ol.appendChild(node("li", null, tag + "  " + l.nodes.concat([l.nodes[0]]).join(" → ")));
    }
    el("loops-box").querySelector("summary").textContent = "Feedback loops (" + d.loops.length + ")";
  }

  function drawFigures(d) {
    const box = el("figures");
    box.innerHTML = "";
    el("figures-panel").hidden = !d.figures.length;
    for (const f of d.figures) {
      const fig = node("figure");
      const img = document.createElement("img");
      img.src = "/api/v1" + base() + "/figures/" + encodeURIComponent(f);
      img.alt = f;
      img.loading = "lazy";
      fig.append(img, node("figcaption", null, f));
      box.appendChild(fig);
    }
  }

  async function open(k, i) {
    kind = k; id = i;
    history.replaceState(null, "", "?" + k + "=" + encodeURIComponent(i));
    DL.status("reading the model…");
    structure = await DL.call("GET", base() + "/structure");
    for (const e of structure.equations) e.hay = haystack(e);
    el("model-title").textContent = structure.file;
    const kinds = [...new Set(structure.equations.map((e) => e.kind))].sort();
    const ksel = el("kind");
    ksel.length = 1;
    for (const x of kinds) ksel.appendChild(new Option(x, x));
    const gsel = el("group");
    gsel.length = 1;
    for (const g of structure.groups) gsel.appendChild(new Option(g.name, g.name));
    drawEquations();
    const d = await DL.call("GET", base() + "/diagram");
    drawDiagram(d);
    drawFigures(d);
    DL.status(structure.equations.length + " equations, " + structure.stocks + " stocks; " + d.nodes.length + " diagram nodes, " + d.loops.length + " loops");
  }

  async function start() {
    try {
      const [studies, models] = await Promise.all([DL.call("GET", "/studies"), DL.call("GET", "/models")]);
      const sel = el("target");
      for (const s of studies.items) sel.appendChild(new Option("study: " + s.id, "study:" + s.id));
      for (const m of models.items) sel.appendChild(new Option("model: " + m.id, "model:" + m.id));
      const q = new URLSearchParams(location.search);
      let k = null, i = null;
      if (q.get("study") && studies.items.some((s) => s.id === q.get("study"))) { k = "study"; i = q.get("study"); }
      else if (q.get("model") && models.items.some((m) => m.id === q.get("model"))) { k = "model"; i = q.get("model"); }
      else if (studies.defaultId) { k = "study"; i = studies.defaultId; }
      else if (models.defaultId) { k = "model"; i = models.defaultId; }
      else if (studies.items.length) { k = "study"; i = studies.items[0].id; }
      else if (models.items.length) { k = "model"; i = models.items[0].id; }
      if (!k) { DL.status("no model to show", true); return; }
      sel.value = k + ":" + i;
      sel.onchange = () => { const [a, b] = sel.value.split(/:(.*)/s); open(a, b).catch((e) => DL.status(e.message, true)); };
      el("search").oninput = () => { clearTimeout(searchTimer); searchTimer = setTimeout(drawEquations, 80); };
      el("kind").onchange = drawEquations;
      el("group").onchange = drawEquations;
      await open(k, i);
      window.dlab.modelReady = true;
    } catch (e) { DL.status(e.message, true); }
  }
  start();
})();
