// Runs each generated case module (the list `cases` is prepended by the test) and prints, per case,
// "CASE rows cols", then the times and each column as one line of numbers (String(v) reads back exactly).
const lines = [];
for (const path of cases) {
  if (path === null) {
    lines.push("SKIP");
    continue;
  }
  try {
    const m = await import(path);
    const r = m.simulate();
    lines.push("CASE " + r.times.length + " " + r.columns.length);
    lines.push(Array.from(r.times, String).join(" "));
    for (const c of r.columns) lines.push(Array.from(c, String).join(" "));
  } catch (e) {
    lines.push("ERROR " + String(e && e.message ? e.message : e).replace(/\s+/g, " "));
  }
}
process.stdout.write(lines.join("\n") + "\n");
