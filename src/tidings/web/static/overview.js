// Overview: filters and search (read from and written to the query string), what is new, counts by
// type, timeline, the map, a page of events, downloads, and the events set apart by their modality.
"use strict";

const FILTERS = ["type", "since", "until", "country", "min_sources", "story", "q"];
const PAGE_SIZE = 50;

function currentFilters() {
  const params = new URLSearchParams(window.location.search);
  const out = {};
  for (const name of FILTERS) {
    const value = (params.get(name) || "").trim();
    if (value) out[name] = value;
  }
  return out;
}

function fillForm(filters, types, stories) {
  const typeSelect = document.getElementById("f-type");
  for (const type of types) typeSelect.appendChild(h("option", {value: type}, type));
  const storySelect = document.getElementById("f-story");
  for (const story of stories) storySelect.appendChild(h("option", {value: story.id}, story.title || story.id));
  for (const name of FILTERS) {
    const field = document.getElementById(`f-${name}`);
    if (!field || !(name in filters)) continue;
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === filters[name])) {
      field.appendChild(h("option", {value: filters[name]}, filters[name]));
    }
    const value = name === "type" || name === "country" ? filters[name].toUpperCase() : filters[name];
    field.value = value;
    // Mirror the value into the markup too, so the applied filter is visible in a saved or dumped page.
    if (field.tagName === "SELECT") {
      for (const option of field.options) if (option.value === value) option.setAttribute("selected", "");
    } else {
      field.setAttribute("value", value);
    }
  }
}

function renderCounts(events) {
  const counts = new Map();
  for (const e of events) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const table = h("table", {}, h("tr", {}, h("th", {}, "type"), h("th", {className: "num"}, "events"), h("th", {}, "")));
  for (const [type, count] of rows) {
    const bar = svg("svg", {viewBox: "0 0 100 10", preserveAspectRatio: "none", height: 10},
      svg("rect", {x: 0, y: 0, width: (100 * count) / max, height: 10, fill: typeColour(type)}));
    const link = h("a", {href: `/?${new URLSearchParams({...currentFilters(), type})}`}, typeBadge(type, null));
    table.appendChild(h("tr", {className: "count-row"}, h("td", {}, link), h("td", {className: "num"}, count), h("td", {}, bar)));
  }
  document.querySelector("#counts .body").replaceChildren(rows.length ? table : h("p", {className: "muted"}, "No events."));
}

function dayNumber(iso) { return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86400000); }
function isoOfDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

function renderTimeline(events) {
  const dated = events.filter((e) => e.date);
  const target = document.querySelector("#timeline .body");
  if (!dated.length) { target.replaceChildren(h("p", {className: "muted"}, "No dated events.")); return; }
  const days = dated.map((e) => dayNumber(e.date));
  const first = Math.min(...days), last = Math.max(...days);
  const span = last - first + 1;
  const bin = span > 370 ? 30 : span > 120 ? 7 : 1;  // days per bar
  const bins = Math.ceil(span / bin);
  const stacks = Array.from({length: bins}, () => new Map());
  for (const e of dated) {
    const stack = stacks[Math.floor((dayNumber(e.date) - first) / bin)];
    stack.set(e.type, (stack.get(e.type) || 0) + 1);
  }
  const maxTotal = Math.max(...stacks.map((s) => [...s.values()].reduce((a, b) => a + b, 0)));
  const W = 1000, H = 180, left = 34, bottom = 22, top = 8;
  const bw = (W - left - 4) / bins;
  const y = (v) => top + (H - top - bottom) * (1 - v / maxTotal);
  const chart = svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per day by type"});
  const axis = svg("g", {class: "axis"});
  axis.appendChild(svg("line", {x1: left, x2: W, y1: H - bottom, y2: H - bottom}));
  for (const v of [0, Math.ceil(maxTotal / 2), maxTotal]) {
    axis.appendChild(svg("text", {x: left - 4, y: y(v) + 3, "text-anchor": "end"}, String(v)));
  }
  const ticks = Math.min(bins, 8);
  for (let i = 0; i < ticks; i++) {
    const b = Math.round((i * (bins - 1)) / Math.max(1, ticks - 1));
    axis.appendChild(svg("text", {x: left + b * bw + bw / 2, y: H - 6, "text-anchor": "middle"}, isoOfDay(first + b * bin)));
  }
  chart.appendChild(axis);
  stacks.forEach((stack, i) => {
    let base = 0;
    for (const [type, count] of [...stack.entries()].sort()) {
      const rect = svg("rect", {class: "bar", x: left + i * bw + 0.5, width: Math.max(1, bw - 1),
        y: y(base + count), height: y(base) - y(base + count), fill: typeColour(type)},
        svg("title", {}, `${isoOfDay(first + i * bin)}${bin > 1 ? ` (+${bin - 1} days)` : ""}: ${count} ${type}`));
      chart.appendChild(rect);
      base += count;
    }
  });
  target.replaceChildren(chart, h("p", {className: "muted"}, bin === 1 ? "Events per day, stacked by type." : `Events per ${bin} days, stacked by type.`));
}

// The events of one page, with the search words marked in their evidence.
function eventTable(events, id, words) {
  const table = h("table", {id}, h("tr", {},
    ...["date", "type", "source", "target", "location", "sources", "modality", "evidence", "story"].map((c) => h("th", {className: c === "sources" ? "num" : null}, c))));
  for (const e of events) {
    const first = (e.mentions || [])[0];
    table.appendChild(h("tr", {className: "event-row", "data-type": e.type, "data-modality": e.modality},
      h("td", {}, e.date || "—"), h("td", {}, typeBadge(e.type, e.mode)), h("td", {}, actorNames(e.source)),
      h("td", {}, actorNames(e.target)), h("td", {}, e.location ? (e.location.name || e.location.text) : ""),
      h("td", {className: "num"}, e.num_sources), h("td", {}, modalityBadge(e.modality)),
      h("td", {className: "evidence"}, first ? highlight(first.sentence || "", wordSpans(first.sentence || "", words)) : ""),
      h("td", {}, e.story_id ? h("a", {href: `/stories/${encodeURIComponent(e.story_id)}`}, "story") : "")));
  }
  return table;
}

// Spans of every occurrence of the search words (case-insensitive), for `highlight`.
function wordSpans(text, words) {
  const chars = Array.from(text), lower = chars.map((c) => c.toLowerCase());
  const spans = [];
  for (const word of words) {
    const w = Array.from(word.toLowerCase());
    for (let i = 0; i + w.length <= lower.length; i++) {
      if (w.every((c, j) => lower[i + j] === c)) spans.push({start: i, end: i + w.length, className: "hit", title: "matches the search"});
    }
  }
  return spans;
}

function pageLinks(total, offset) {
  const params = new URLSearchParams(window.location.search);
  const link = (page, text, id) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set("page", String(page)); else next.delete("page");
    return h("a", {href: `/?${next}`, id, className: "page-link"}, text);
  };
  const page = Math.floor(offset / PAGE_SIZE) + 1, pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total ? offset + 1 : 0, last = Math.min(total, offset + PAGE_SIZE);
  return h("nav", {className: "pager", "aria-label": "pages of events"},
    page > 1 ? link(page - 1, "← previous", "page-prev") : null,
    h("span", {className: "muted", id: "page-status"}, `events ${first}–${last} of ${total} · page ${page} of ${pages}`),
    page < pages ? link(page + 1, "next →", "page-next") : null);
}

function renderList(found, offset, words) {
  const target = document.querySelector("#events .body");
  if (!found.events.length) {
    target.replaceChildren(h("p", {className: "muted"}, "No events match these filters."));
    return;
  }
  target.replaceChildren(pageLinks(found.total, offset), eventTable(found.events, "event-table", words), pageLinks(found.total, offset));
}

function downloadLinks(filters, modalities) {
  const params = new URLSearchParams({...filters, modality: modalities.join(",")});
  const links = [["csv", "CSV"], ["geojson", "GeoJSON"], ["acled", "ACLED"]].map(([name, text]) =>
    h("a", {href: `/api/download/${name}?${params}`, id: `download-${name}`, download: "", className: "download"}, text));
  document.getElementById("downloads").replaceChildren("Download these events: ", ...links.flatMap((a, i) => (i ? [" · ", a] : [a])));
}

// Events the articles report as not having happened, or only as possible: counted, hidden until asked for.
async function renderSetApart(filters, setApart, words, onShow) {
  const target = document.querySelector("#set-apart .body");
  const counted = await api("/api/events", {...filters, modality: setApart.join(","), limit: 1});
  if (!counted.total) {
    target.replaceChildren(h("p", {className: "muted"}, `No ${setApart.join(", ")} events for these filters.`));
    return;
  }
  const show = h("button", {type: "button", id: "show-set-apart"}, `Show ${counted.total} ${setApart.join(" / ")} event(s)`);
  show.addEventListener("click", async () => {
    show.disabled = true;
    try {
      const found = await api("/api/events", {...filters, modality: setApart.join(","), limit: 500});
      target.replaceChildren(h("p", {className: "muted"}, `${found.total} event(s) the articles deny, negate or only suppose${found.total > found.count ? ` (first ${found.count} shown)` : ""}; not on the map or in the counts above.`),
        eventTable(found.events, "set-apart-table", words));
      onShow();
    } catch (err) { showError(target, err); }
  });
  target.replaceChildren(h("p", {className: "muted"}, `${counted.total} event(s) the articles report as ${setApart.join(", ")} are hidden: they did not happen, or not as far as the articles know. `), show);
}

function renderWhatsNew(alerts) {
  const target = document.querySelector("#whats-new .body");
  if (!alerts.length) { target.replaceChildren(h("p", {className: "muted"}, "No alerts yet.")); return; }
  target.replaceChildren(h("ul", {className: "alerts-brief"}, ...alerts.map((a) => h("li", {},
    h("span", {className: "muted"}, `${a.created || ""} `), h("strong", {}, a.rule || "alert"), " ",
    a.event ? typeBadge(a.event.type, a.event.mode) : "", a.event && a.event.place ? ` ${a.event.place}` : "",
    a.story_id ? [" · ", h("a", {href: `/stories/${encodeURIComponent(a.story_id)}`}, "story")] : ""))),
    h("p", {}, h("a", {href: "/new"}, "All alerts →")));
}

async function main() {
  const filters = currentFilters();
  const words = (filters.q || "").split(/\s+/).filter(Boolean);
  const page = Math.max(1, parseInt(new URLSearchParams(window.location.search).get("page") || "1", 10) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const status = document.getElementById("status");
  try {
    const [meta, stories, alerts] = await Promise.all([api("/api/meta"), api("/api/stories"), api("/api/alerts", {limit: 5})]);
    fillForm(filters, meta.types, stories.stories);
    const shown = meta.modalities.filter((m) => !meta.set_apart.includes(m));
    const [found, points, world] = await Promise.all([
      api("/api/events", {...filters, modality: shown.join(","), limit: PAGE_SIZE, offset}),
      api("/api/points", {...filters, modality: shown.join(",")}),
      fetch("/static/world-110m.json").then((r) => (r.ok ? r.json() : null)).catch(() => null),
    ]);
    status.textContent = `${found.total} event(s) match · ${meta.counts.events} events, ${meta.counts.documents} documents, ${meta.counts.stories} stories in the database${meta.live ? " · a run is writing: showing its last committed batch" : ""}`;
    renderWhatsNew(alerts.alerts);
    renderCounts(points.points);
    renderTimeline(points.points);
    renderMapPanel(points.points, world);
    renderList(found, offset, words);
    downloadLinks(filters, shown);
    await renderSetApart(filters, meta.set_apart, words, () => downloadLinks(filters, meta.modalities));
  } catch (err) {
    status.textContent = "error";
    showError(document.querySelector("#events .body"), err);
  }
}

function renderMapPanel(points, world) {
  const placed = points.filter((p) => p.lat !== null && p.lon !== null);
  createMap(document.querySelector("#map .body"), world, placed);
  const missing = points.length - placed.length;
  document.getElementById("map-note").textContent = `${placed.length} event(s) placed${missing ? `, ${missing} without coordinates` : ""}. Scroll, double-click or use + / − to zoom, drag to pan; a numbered circle is a cluster of nearby events (click to zoom in). Basemap: Natural Earth 1:110m (public domain).`;
  const legend = document.getElementById("map-legend");
  legend.replaceChildren(...[...new Set(placed.map((p) => p.type))].sort().map((t) => typeBadge(t, null)),
    h("span", {className: "type"}, h("span", {className: "swatch cluster-swatch"}), "cluster (number of events)"));
}

document.addEventListener("DOMContentLoaded", main);
