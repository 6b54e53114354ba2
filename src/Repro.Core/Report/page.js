// Repro's runs page: reads the JSON block above and draws the runs, groups, registry, a run and a comparison.
// Nothing is fetched: the data, this script and the styles are all in this one file. The view lives in
// location.hash, so a link names the same table, filter, sort and selection.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("repro-data").textContent);
  const main = document.getElementById("main");
  const status = document.getElementById("status");
  const runsById = new Map(data.runs.map(r => [r.id, r]));
  const groupsById = new Map(data.groups.map(g => [g.id, g]));

  // Each version registered from a run, and which aliases point at it: "iris-classifier@3" → ["production"].
  const aliasesOf = new Map();
  for (const model of data.models) {
    for (const alias of model.aliases) {
      const key = model.name + "@" + alias.version;
      aliasesOf.set(key, (aliasesOf.get(key) || []).concat(alias.alias));
    }
  }
  const isProduction = run => run.models.some(m => (aliasesOf.get(m) || []).includes("production"));

  // The columns: the run's own, then one per parameter, metric and input, typed by kind.
  const sorted = values => Array.from(new Set(values)).sort();
  const paramNames = sorted(data.runs.flatMap(r => Object.keys(r.params)));
  const metricNames = sorted(data.runs.flatMap(r => Object.keys(r.metrics)));
  const columns = [
    { id: "id", label: "run", kind: "run", value: r => r.id },
    { id: "experiment", label: "experiment", kind: "run", value: r => r.experiment },
    { id: "status", label: "status", kind: "run", value: r => r.status },
    { id: "seed", label: "seed", kind: "run", value: r => r.seed, num: true },
    { id: "commit", label: "commit", kind: "run", value: r => r.commit ? r.commit.slice(0, 10) + (r.dirty ? " dirty" : "") : null },
    { id: "started", label: "started", kind: "run", value: r => r.started },
    { id: "duration", label: "duration s", kind: "run", value: r => r.durationMs == null ? null : r.durationMs / 1000, num: true },
    { id: "group", label: "group", kind: "run", value: r => r.group },
    { id: "models", label: "model versions", kind: "run", value: r => r.models.join(" ") || null },
  ].concat(
    paramNames.map(n => ({ id: "p:" + n, label: n, kind: "param", value: r => r.params[n] ?? null, num: isNumeric(n) })),
    metricNames.map(n => ({ id: "m:" + n, label: n, kind: "metric", value: r => r.metrics[n] ?? null, num: true })),
    data.inputs.map((n, i) => ({ id: "i:" + n, label: n, kind: "input", value: r => r.inputs[i] >= 0 ? data.strings[r.inputs[i]] : null })));
  const columnById = new Map(columns.map(c => [c.id, c]));

  function isNumeric(param) {
    return data.runs.every(r => r.params[param] == null || r.params[param] === "" || !isNaN(Number(r.params[param])));
  }

  // --- the view, kept in location.hash ---------------------------------------------------------------------------
  function readState() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const list = name => (p.get(name) || "").split(",").filter(Boolean);
    return {
      view: p.get("view") || "runs", id: p.get("id") || "", sort: p.get("sort") || "id",
      // Newest first unless the link says otherwise; any other column sorts ascending first.
      desc: p.has("desc") ? p.get("desc") === "1" : !p.has("sort"),
      q: p.get("q") || "", exp: p.get("exp") || "", status: p.get("status") || "", hide: list("hide"), show: list("show"),
      differs: p.get("differs") === "1", sel: list("sel"),
    };
  }
  function writeState(state) {
    const p = new URLSearchParams();
    p.set("view", state.view);
    if (state.id) p.set("id", state.id);
    if (state.view === "runs") {
      if (state.sort !== "id") p.set("sort", state.sort);
      if (state.desc !== (state.sort === "id")) p.set("desc", state.desc ? "1" : "0");
      if (state.q) p.set("q", state.q);
      if (state.exp) p.set("exp", state.exp);
      if (state.status) p.set("status", state.status);
      if (state.hide.length) p.set("hide", state.hide.join(","));
      if (state.show.length) p.set("show", state.show.join(","));
      if (state.differs) p.set("differs", "1");
    }
    if (state.sel.length) p.set("sel", state.sel.join(","));
    const hash = "#" + p.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }
  let state = readState();
  function go(changes) {
    drawn = Page;
    state = Object.assign({}, state, changes);
    writeState(state);
    render();
  }
  window.addEventListener("hashchange", () => { state = readState(); render(); });

  // --- helpers ---------------------------------------------------------------------------------------------------
  const esc = text => String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const fmt = value => typeof value === "number" ? (Number.isInteger(value) ? String(value) : Number(value.toPrecision(6)).toString()) : (value ?? "");
  const runLink = id => `<a href="#view=run&amp;id=${encodeURIComponent(id)}">${esc(id)}</a>`;
  const statusCell = s => `<span class="status-${esc(s)}">${esc(s)}</span>`;
  const svgImage = (svg, alt) => `<img alt="${esc(alt)}" src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}">`;
  function compareValues(a, b, num) {
    if (a == null || a === "") return b == null || b === "" ? 0 : 1;
    if (b == null || b === "") return -1;
    if (num) return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function versionLabel(label) {
    const aliases = aliasesOf.get(label) || [];
    return esc(label) + aliases.map(a => `<span class="badge">${esc(a)}</span>`).join("");
  }

  // --- Runs ------------------------------------------------------------------------------------------------------
  function shownRuns() {
    const q = state.q.toLowerCase();
    return data.runs.filter(r =>
      (!state.exp || r.experiment === state.exp) &&
      (!state.status || r.status === state.status) &&
      (!q || [r.id, r.experiment, r.status, r.group, r.commit].concat(r.models, Object.values(r.params)).some(v => v != null && String(v).toLowerCase().includes(q))));
  }

  function visibleColumns(rows) {
    return columns.filter(c => {
      if (state.hide.includes(c.id)) return false;
      if (c.kind === "input" && !state.show.includes(c.id) && !state.differs) return false;
      if (state.differs && c.kind !== "run" && rows.length > 1) {
        const first = c.value(rows[0]);
        return rows.some(r => c.value(r) !== first);
      }
      if (state.differs && c.kind === "input" && rows.length <= 1) return false;
      return true;
    });
  }

  // Rows drawn at once: all runs are filtered and sorted, the first of them drawn. A browser lays out a table of
  // ten thousand rows in seconds; five hundred in a few milliseconds, and "Show more" draws the next.
  const Page = 500;
  let drawn = Page;

  function renderRuns() {
    const rows = shownRuns();
    const column = columnById.get(state.sort) || columnById.get("id");
    rows.sort((a, b) => compareValues(column.value(a), column.value(b), column.num) || (a.id < b.id ? -1 : 1));
    if (state.desc) rows.reverse();
    const visible = visibleColumns(rows);
    const experiments = sorted(data.runs.map(r => r.experiment));
    const statuses = sorted(data.runs.map(r => r.status));
    const option = (value, chosen) => `<option value="${esc(value)}"${value === chosen ? " selected" : ""}>${esc(value || "all")}</option>`;
    const head = visible.map(c => {
      const sort = c.id === column.id ? ` aria-sort="${state.desc ? "descending" : "ascending"}"` : "";
      return `<th scope="col" class="${c.kind}"${sort}><button type="button" data-sort="${esc(c.id)}" aria-label="Sort by ${esc(c.label)}">${esc(c.label)}</button>` +
        (c.kind === "run" ? "" : `<span class="kind">${c.kind === "param" ? "parameter" : c.kind}</span>`) + "</th>";
    }).join("");
    const body = rows.slice(0, drawn).map(r => `<tr data-run="${esc(r.id)}"${isProduction(r) ? ' class="production"' : ""}>` +
      `<td><input type="checkbox" data-select="${esc(r.id)}" aria-label="Select run ${esc(r.id)}"${state.sel.includes(r.id) ? " checked" : ""}></td>` +
      visible.map(c => cell(c, r)).join("") + "</tr>").join("");
    const chooser = ["param", "metric", "input", "run"].map(kind => {
      const inKind = columns.filter(c => c.kind === kind && c.id !== "id");
      if (!inKind.length) return "";
      return `<fieldset><legend>${kind === "param" ? "parameters" : kind === "run" ? "run" : kind + "s"}</legend>` + inKind.map(c => {
        const on = kind === "input" ? state.show.includes(c.id) && !state.hide.includes(c.id) : !state.hide.includes(c.id);
        return `<label><input type="checkbox" data-column="${esc(c.id)}"${on ? " checked" : ""}>${esc(c.label)}</label>`;
      }).join(" ") + "</fieldset>";
    }).join("");
    main.innerHTML = `<h2>Runs</h2>
      <div class="controls">
        <label>Filter <input type="search" id="filter" value="${esc(state.q)}" placeholder="id, parameter, model…"></label>
        <label>Experiment <select id="experiment">${option("", state.exp)}${experiments.map(e => option(e, state.exp)).join("")}</select></label>
        <label>Status <select id="status-filter">${option("", state.status)}${statuses.map(s => option(s, state.status)).join("")}</select></label>
        <label><input type="checkbox" id="differs"${state.differs ? " checked" : ""}> Only what differs</label>
        <button type="button" id="compare"${state.sel.length < 2 ? " disabled" : ""}>Compare ${state.sel.length} selected</button>
      </div>
      <details><summary>Columns</summary>${chooser}</details>
      <table id="runs"><caption>${rows.length} of ${data.runs.length} runs${rows.length > drawn ? `, the first ${drawn} drawn` : ""}; ★ marks a production model</caption>
        <thead><tr><th scope="col"><span class="kind">select</span></th>${head}</tr></thead><tbody>${body}</tbody></table>
      ${rows.length > drawn ? `<button type="button" id="more">Show ${Math.min(Page, rows.length - drawn)} more of ${rows.length - drawn}</button>` : ""}`;
    status.textContent = `${rows.length} of ${data.runs.length} runs shown`;
    const more = main.querySelector("#more");
    if (more) more.addEventListener("click", () => { drawn += Page; renderRuns(); const next = main.querySelector("#more"); if (next) next.focus(); });
    main.querySelector("#filter").addEventListener("input", e => { state.q = e.target.value; drawn = Page; writeState(state); renderRunsKeepingFocus("filter"); });
    main.querySelector("#experiment").addEventListener("change", e => go({ exp: e.target.value }));
    main.querySelector("#status-filter").addEventListener("change", e => go({ status: e.target.value }));
    main.querySelector("#differs").addEventListener("change", e => go({ differs: e.target.checked }));
    wireSelection();
    main.querySelectorAll("[data-sort]").forEach(b => b.addEventListener("click", () => {
      const id = b.dataset.sort;
      go({ sort: id, desc: id === state.sort ? !state.desc : false });
      const again = main.querySelector(`[data-sort="${CSS.escape(id)}"]`);
      if (again) again.focus();
    }));
    main.querySelectorAll("[data-column]").forEach(box => box.addEventListener("change", () => {
      const id = box.dataset.column;
      const input = columnById.get(id).kind === "input";
      const hide = state.hide.filter(h => h !== id);
      const show = state.show.filter(s => s !== id);
      if (input && box.checked) show.push(id);
      if (!box.checked) hide.push(id);
      go({ hide, show });
      main.querySelector("details").open = true;
    }));
  }

  function renderRunsKeepingFocus(id) {
    const at = main.querySelector("#" + id).selectionStart;
    renderRuns();
    const field = main.querySelector("#" + id);
    field.focus();
    field.setSelectionRange(at, at);
  }

  function cell(c, r) {
    const value = c.value(r);
    if (c.id === "id") return `<th scope="row">${isProduction(r) ? '<span aria-label="production">★</span> ' : ""}${runLink(r.id)}</th>`;
    if (c.id === "status") return `<td>${statusCell(r.status)}</td>`;
    if (c.id === "commit" && r.commit) return `<td><code>${esc(r.commit.slice(0, 10))}</code>${r.dirty ? ' <span class="dirty">dirty</span>' : ""}</td>`;
    if (c.id === "models") return `<td>${r.models.map(versionLabel).join(" ")}</td>`;
    if (c.id === "group" && r.group) return `<td><a href="#view=groups&amp;id=${encodeURIComponent(r.group)}">${esc(r.group)}</a></td>`;
    const shown = c.kind === "input" && value && value.length > 16 ? value.slice(0, 12) + "…" : fmt(value);
    return `<td class="${c.kind}${c.num ? " num" : ""}"${c.kind === "input" && value ? ` title="${esc(value)}"` : ""}>${esc(shown)}</td>`;
  }

  // --- A run -----------------------------------------------------------------------------------------------------
  function renderRun(id) {
    const r = runsById.get(id);
    if (!r) { main.innerHTML = `<h2>No run ${esc(id)}</h2><p>This page holds no such run.</p>`; return; }
    const rows = obj => Object.keys(obj).map(k => `<tr><th scope="row">${esc(k)}</th><td class="num">${esc(fmt(obj[k]))}</td></tr>`).join("");
    const inputs = data.inputs.map((n, i) => r.inputs[i] >= 0 ? `<tr><th scope="row">${esc(n)}</th><td><code>${esc(data.strings[r.inputs[i]])}</code></td></tr>` : "").join("");
    const files = r.files.map(f => f.startsWith("…") ? `<li>${esc(f)}</li>` : `<li><a href="${esc(r.folder + "/" + f.split("/").map(encodeURIComponent).join("/"))}">${esc(f)}</a></li>`).join("");
    const plots = Object.keys(r.plots || {}).map(name => svgImage(r.plots[name], name)).join("");
    main.innerHTML = `<h2>Run ${esc(r.id)} ${statusCell(r.status)}</h2>
      <p>${esc(r.experiment)}, seed ${esc(r.seed ?? "—")}${r.testSize != null ? ", test size " + esc(r.testSize) : ""}, started ${esc(r.started)}` +
      `${r.durationMs != null ? ", " + esc(fmt(r.durationMs / 1000)) + " s" : ""}${r.group ? `, in group <a href="#view=groups&amp;id=${encodeURIComponent(r.group)}">${esc(r.group)}</a>` : ""}.</p>
      ${r.error ? `<p class="status-failed">${esc(r.error)}</p>` : ""}
      ${r.models.length ? `<p>Registered as ${r.models.map(versionLabel).join(", ")}.</p>` : ""}
      ${r.command ? `<h3>Reproduce it</h3><pre><code>${esc(r.command)}</code></pre>` : ""}
      <h3>Parameters</h3><table class="kv">${rows(r.params) || '<tr><td class="muted">none</td></tr>'}</table>
      <h3>Metrics</h3><table class="kv">${rows(r.metrics) || '<tr><td class="muted">none</td></tr>'}</table>
      ${plots ? `<h3>Plots</h3><div class="plots">${plots}</div>` : ""}
      ${inputs ? `<h3>Stamps</h3><table class="kv">${inputs}</table>` : ""}
      ${r.patch ? `<h3>source.patch</h3><pre>${esc(r.patch)}</pre>` : ""}
      <h3>Files</h3><ul>${files}</ul>`;
    status.textContent = `run ${r.id}`;
  }

  // --- Compare ---------------------------------------------------------------------------------------------------
  // A side is a run, a group (group:ID) or a registered version (NAME@VERSION or NAME@ALIAS).
  function side(key) {
    if (key.startsWith("group:")) {
      const g = groupsById.get(key.slice(6));
      if (!g) return null;
      const runs = g.members.filter(m => m.status === "completed").map(m => runsById.get(m.runId)).filter(Boolean);
      return runs.length ? { key, label: "group " + g.id, group: g, runs } : null;
    }
    const at = key.lastIndexOf("@");
    if (at > 0) {
      const model = data.models.find(m => m.name === key.slice(0, at));
      const wanted = key.slice(at + 1);
      const alias = model && model.aliases.find(a => a.alias === wanted);
      const version = model && model.versions.find(v => String(v.version) === (alias ? String(alias.version) : wanted));
      const run = version && runsById.get(version.runId);
      return run ? { key, label: `${model.name}@${version.version}` + (alias ? ` (${alias.alias})` : ""), runs: [run] } : null;
    }
    const run = runsById.get(key);
    return run ? { key, label: run.id, runs: [run] } : null;
  }

  function renderCompare() {
    const sides = state.sel.map(side).filter(Boolean);
    if (sides.length < 2) {
      main.innerHTML = `<h2>Compare</h2><p>Select two or more runs in the <a href="#view=runs">runs table</a>, or groups and models in theirs.</p>`;
      return;
    }
    const first = s => s.runs[0];
    const head = `<tr><th scope="col">&nbsp;</th>${sides.map(s => `<th scope="col">${s.group ? esc(s.label) : s.runs.length === 1 && runsById.has(s.key) ? runLink(s.key) : esc(s.label)}</th>`).join("")}</tr>`;
    const differing = (name, values) => values.some(v => v !== values[0]) ? `<tr><th scope="row">${esc(name)}</th>${values.map(v => `<td>${esc(v ?? "—")}</td>`).join("")}</tr>` : "";
    // As Compare: the experiment, the seed (only between single runs), the test size, then every parameter.
    let params = differing("experiment", sides.map(s => first(s).experiment));
    if (!sides.some(s => s.group)) params += differing("seed", sides.map(s => first(s).seed == null ? null : String(first(s).seed)));
    params += differing("test size", sides.map(s => first(s).testSize == null ? null : String(first(s).testSize)));
    for (const name of sorted(sides.flatMap(s => Object.keys(first(s).params)))) params += differing(name, sides.map(s => first(s).params[name] ?? null));
    let inputs = "";
    data.inputs.forEach((name, i) => { inputs += differing(name, sides.map(s => first(s).inputs[i] >= 0 ? data.strings[first(s).inputs[i]] : null)); });
    const metrics = sorted(sides.flatMap(s => s.runs.flatMap(r => Object.keys(r.metrics)))).map(name => {
      const values = sides.map(s => s.runs.map(r => r.metrics[name]).filter(v => v != null));
      const means = values.map(v => v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
      const lower = data.goals[name] === true;
      const cells = sides.map((s, i) => {
        if (means[i] == null) return "<td>—</td>";
        let text = fmt(means[i]);
        if (values[i].length > 1) {
          const sd = Math.sqrt(values[i].reduce((a, v) => a + (v - means[i]) ** 2, 0) / (values[i].length - 1));
          text += ` ± ${fmt(sd)} (n ${values[i].length})`;
        }
        if (i > 0 && means[0] != null) {
          const diff = means[i] - means[0];
          const better = diff === 0 ? "" : (diff < 0) === lower ? "better" : "worse";
          text += diff === 0 ? ' <span class="muted">same</span>' : ` <span class="${better}">${diff > 0 ? "+" : ""}${esc(fmt(diff))} ${better}</span>`;
          const p = welch(sides[0], s, name);
          if (p != null) text += ` <span class="muted">Welch p ${esc(fmt(p))}</span>`;
        }
        return `<td class="num">${text}</td>`;
      }).join("");
      return `<tr><th scope="row">${esc(name)} <span class="kind">${lower ? "lower is better" : "higher is better"}</span></th>${cells}</tr>`;
    }).join("");
    main.innerHTML = `<h2>Compare</h2>
      <p class="muted">The same facts <code>-t:Compare</code> prints: differences are against the first column.</p>
      <table id="compare-parameters"><caption>Parameters that differ</caption>${head}${params || `<tr><td colspan="${sides.length + 1}" class="muted">none</td></tr>`}</table>
      <table id="compare-inputs"><caption>Inputs that differ</caption>${head}${inputs || `<tr><td colspan="${sides.length + 1}" class="muted">none</td></tr>`}</table>
      <table id="compare-metrics"><caption>Metrics</caption>${head}${metrics}</table>
      ${historyPlots(sides)}`;
    status.textContent = `comparing ${sides.map(s => s.label).join(", ")}`;
  }

  function welch(a, b, metric) {
    if (!a.group || !b.group) return null;
    const test = data.welch.find(w => w.metric === metric && ((w.a === a.group.id && w.b === b.group.id) || (w.a === b.group.id && w.b === a.group.id)));
    return test ? test.p : null;
  }

  // Each series the compared runs logged, overlaid: one line per side, drawn from the records' own points.
  function historyPlots(sides) {
    const colours = ["#1d5fa8", "#b42318", "#1f7a3a", "#8a5a00", "#6f42c1", "#0a7d8c"];
    const names = sorted(sides.flatMap(s => Object.keys(s.runs[0].history || {})));
    return names.map(name => {
      const series = sides.map(s => (s.runs[0].history || {})[name] || []);
      const points = series.flat();
      if (!points.length) return "";
      const [x0, x1] = [Math.min(...points.map(p => p[0])), Math.max(...points.map(p => p[0]))];
      const [y0, y1] = [Math.min(...points.map(p => p[1])), Math.max(...points.map(p => p[1]))];
      const x = v => 50 + (x1 === x0 ? 0 : (v - x0) / (x1 - x0) * 420);
      const y = v => 190 - (y1 === y0 ? 0 : (v - y0) / (y1 - y0) * 170);
      const lines = series.map((s, i) => s.length ? `<polyline fill="none" stroke="${colours[i % colours.length]}" stroke-width="1.5" points="${s.map(p => x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1)).join(" ")}"/>` : "").join("");
      const legend = sides.map((s, i) => `<text x="480" y="${20 + i * 14}" font-size="11" fill="${colours[i % colours.length]}">${esc(s.label)}</text>`).join("");
      return `<figure><figcaption>${esc(name)} by step</figcaption><svg role="img" aria-label="${esc(name)} by step, ${sides.length} runs overlaid" width="640" height="210" viewBox="0 0 640 210">` +
        `<rect x="50" y="20" width="420" height="170" fill="none" stroke="#d0d7de"/>${lines}${legend}` +
        `<text x="50" y="205" font-size="10">${esc(fmt(x0))}</text><text x="470" y="205" font-size="10" text-anchor="end">${esc(fmt(x1))}</text>` +
        `<text x="45" y="190" font-size="10" text-anchor="end">${esc(fmt(y0))}</text><text x="45" y="26" font-size="10" text-anchor="end">${esc(fmt(y1))}</text></svg></figure>`;
    }).join("");
  }

  // --- Groups ----------------------------------------------------------------------------------------------------
  function statText(s) {
    if (!s) return "—";
    let text = fmt(s.mean);
    if (s.sd != null) text += ` ± ${fmt(s.sd)}`;
    if (s.low != null) text += ` [${fmt(s.low)}, ${fmt(s.high)}]`;
    return text + ` (n ${s.n})`;
  }

  function renderGroups() {
    if (!data.groups.length) { main.innerHTML = "<h2>Groups</h2><p>No seed groups or sweeps: train one with <code>-p:Seeds=\"1 2 3\"</code> or a sweep.</p>"; return; }
    const metrics = sorted(data.groups.flatMap(g => g.points.flatMap(p => Object.keys(p.statistics))));
    const body = data.groups.map(g => {
      const best = g.points[g.bestPoint ?? 0] || g.points[0];
      const members = g.members.map(m => `<li>${runLink(m.runId)} seed ${esc(m.seed)} ${Object.keys(m.point).map(k => esc(k + "=" + m.point[k])).join(" ")} ${statusCell(m.status)}</li>`).join("");
      const ranking = g.kind === "sweep" && g.rankedBy ? g.points.map((p, i) => ({ p, i })).filter(x => x.p.statistics[g.rankedBy])
        .sort((a, b) => (a.p.statistics[g.rankedBy].mean - b.p.statistics[g.rankedBy].mean) * (g.lowerIsBetter ? 1 : -1))
        .map(x => `<li>${Object.keys(x.p.params).map(k => esc(k + "=" + x.p.params[k])).join(" ")}: ${esc(statText(x.p.statistics[g.rankedBy]))}</li>`).join("") : "";
      const plots = Object.keys(g.plots || {}).map(name => svgImage(g.plots[name], name)).join("");
      return `<tr id="group-${esc(g.id)}"${state.id === g.id ? ' class="production"' : ""}><th scope="row">${esc(g.id)}` +
        `<label><input type="checkbox" data-select="group:${esc(g.id)}" aria-label="Select group ${esc(g.id)}"${state.sel.includes("group:" + g.id) ? " checked" : ""}></label></th>` +
        `<td>${esc(g.kind)}</td><td>${esc(g.experiment)}</td><td class="num">${g.members.length}</td>` +
        metrics.map(m => `<td class="metric num">${esc(statText(best && best.statistics[m]))}</td>`).join("") +
        `<td><details><summary>${g.members.length} members</summary><ul>${members}</ul>` +
        (ranking ? `<p>Ranked by ${esc(g.rankedBy)}, ${g.lowerIsBetter ? "lower" : "higher"} is better:</p><ol>${ranking}</ol>` : "") +
        (plots ? `<div class="plots">${plots}</div>` : "") + `</details></td></tr>`;
    }).join("");
    main.innerHTML = `<h2>Groups</h2>
      <div class="controls"><button type="button" id="compare"${state.sel.length < 2 ? " disabled" : ""}>Compare ${state.sel.length} selected</button></div>
      <table id="groups"><caption>Seed groups and sweeps: mean ± sd [95 % interval] (n) of the best point</caption>
      <thead><tr><th scope="col">group</th><th scope="col">kind</th><th scope="col">experiment</th><th scope="col">members</th>
      ${metrics.map(m => `<th scope="col" class="metric">${esc(m)}</th>`).join("")}<th scope="col">details</th></tr></thead><tbody>${body}</tbody></table>`;
    wireSelection();
    if (state.id) { const row = document.getElementById("group-" + state.id); if (row) row.scrollIntoView(); }
    status.textContent = `${data.groups.length} groups`;
  }

  // The selection boxes of a table (runs, groups, versions) and its Compare button: the selection lives in the link.
  function wireSelection() {
    main.querySelector("#compare").addEventListener("click", () => go({ view: "compare", id: "" }));
    main.querySelectorAll("[data-select]").forEach(box => box.addEventListener("change", () => {
      const id = box.dataset.select;
      state.sel = box.checked ? state.sel.concat(id) : state.sel.filter(s => s !== id);
      writeState(state);
      const button = main.querySelector("#compare");
      button.disabled = state.sel.length < 2;
      button.textContent = `Compare ${state.sel.length} selected`;
    }));
  }

  // --- Registry --------------------------------------------------------------------------------------------------
  function renderModels() {
    if (!data.models.length) { main.innerHTML = "<h2>Registry</h2><p>No models registered: <code>-t:Register -p:RunId=ID -p:Model=NAME</code>.</p>"; return; }
    main.innerHTML = "<h2>Registry</h2>" + data.models.map(model => {
      const metrics = sorted(model.versions.flatMap(v => Object.keys(v.metrics)));
      const versions = model.versions.slice().reverse().map(v => {
        const key = `${model.name}@${v.version}`;
        return `<tr><th scope="row">${versionLabel(key)} <input type="checkbox" data-select="${esc(key)}" aria-label="Select ${esc(key)}"${state.sel.includes(key) ? " checked" : ""}></th>` +
          `<td>${runLink(v.runId)}</td><td><code>${esc((v.sha256 || "").slice(0, 12))}</code></td><td>${esc(v.registeredAt)}</td><td>${esc(v.registeredBy || "")}</td>` +
          metrics.map(m => `<td class="metric num">${esc(fmt(v.metrics[m]))}</td>`).join("") + "</tr>";
      }).join("");
      const aliases = model.aliases.map(a => `<li><strong>${esc(a.alias)}</strong>: v${a.version}<ol>` + a.history.map(m =>
        `<li>v${m.version} since ${esc(m.at)}${m.by ? " by " + esc(m.by) : ""}${m.from != null ? ` (was v${m.from})` : ""}</li>`).join("") + "</ol></li>").join("");
      return `<h3>${esc(model.name)}</h3><table id="model-${esc(model.name)}"><caption>Versions of ${esc(model.name)}, newest first</caption>
        <thead><tr><th scope="col">version</th><th scope="col">run</th><th scope="col">sha256</th><th scope="col">registered</th><th scope="col">by</th>
        ${metrics.map(m => `<th scope="col" class="metric">${esc(m)}</th>`).join("")}</tr></thead><tbody>${versions}</tbody></table>
        ${aliases ? `<p>Aliases, each with its history:</p><ul>${aliases}</ul>` : ""}`;
    }).join("") + `<div class="controls"><button type="button" id="compare"${state.sel.length < 2 ? " disabled" : ""}>Compare ${state.sel.length} selected</button></div>`;
    wireSelection();
    status.textContent = `${data.models.length} models`;
  }

  function render() {
    switch (state.view) {
      case "run": renderRun(state.id); break;
      case "compare": renderCompare(); break;
      case "groups": renderGroups(); break;
      case "models": renderModels(); break;
      default: renderRuns();
    }
    document.querySelectorAll("nav a").forEach(a => a.setAttribute("aria-current", a.getAttribute("href") === "#view=" + state.view ? "page" : "false"));
  }

  const started = performance.now();
  render();
  document.documentElement.dataset.renderedMs = String(Math.round(performance.now() - started));
})();
