// Overview: filters (read from and written to the query string), counts by type, timeline, map, list.
"use strict";

const FILTERS = ["type", "since", "until", "country", "min_sources", "story"];

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

// A box around the events, at least 14 degrees tall and in a 16:10 shape (in projected units).
function mapExtent(points) {
  if (!points.length) return {west: -180, east: 180, south: -60, north: 80};
  const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2, midLon = (Math.min(...lons) + Math.max(...lons)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  let tall = Math.max(14, (Math.max(...lats) - Math.min(...lats)) * 1.4);
  let wide = Math.max(tall * 1.6, (Math.max(...lons) - Math.min(...lons)) * 1.3 * k);
  tall = Math.max(tall, wide / 1.6);
  const halfLon = Math.min(180, wide / k / 2), halfLat = Math.min(72, tall / 2);
  return {west: Math.max(-180, midLon - halfLon), east: Math.min(180, midLon + halfLon),
          south: Math.max(-85, midLat - halfLat), north: Math.min(85, midLat + halfLat)};
}

function renderMap(events, world) {
  const target = document.querySelector("#map .body");
  const points = events.filter((e) => e.location && e.location.lat !== null && e.location.lon !== null)
    .map((e) => ({event: e, lat: e.location.lat, lon: e.location.lon}));
  const ext = mapExtent(points);
  const k = Math.cos((((ext.north + ext.south) / 2) * Math.PI) / 180);  // equirectangular, true at mid-latitude
  const px = (lon) => (lon - ext.west) * k;
  const py = (lat) => ext.north - lat;
  const width = (ext.east - ext.west) * k, height = ext.north - ext.south;
  const map = svg("svg", {viewBox: `0 0 ${width.toFixed(3)} ${height.toFixed(3)}`, role: "img", "aria-label": "map of events"});
  if (world) {
    const d = [];
    for (const country of world.countries) {
      for (const ring of country.rings) {
        d.push("M" + ring.map(([lon, lat]) => `${px(lon).toFixed(2)},${py(lat).toFixed(2)}`).join("L") + "Z");
      }
    }
    map.appendChild(svg("path", {class: "land", d: d.join(""), "vector-effect": "non-scaling-stroke", "stroke-width": 0.7}));
  }
  const step = height > 60 ? 30 : height > 20 ? 10 : height > 8 ? 5 : 1;
  const grat = [];
  for (let lon = Math.ceil(ext.west / step) * step; lon <= ext.east; lon += step) grat.push(`M${px(lon)},0V${height}`);
  for (let lat = Math.ceil(ext.south / step) * step; lat <= ext.north; lat += step) grat.push(`M0,${py(lat)}H${width}`);
  map.appendChild(svg("path", {class: "graticule", d: grat.join(""), "vector-effect": "non-scaling-stroke", "stroke-width": 0.6}));
  const unit = Math.max(width, height) / 220;
  points.sort((a, b) => (b.event.num_sources || 0) - (a.event.num_sources || 0));
  for (const p of points) {
    const e = p.event;
    const r = unit * (1.6 + 1.4 * Math.sqrt(Math.max(1, e.num_sources || 1)));
    const label = `${e.date || "undated"} ${e.type}${e.mode ? " " + e.mode : ""} — ${e.location.name || e.location.text} — ${e.num_sources} source(s)`;
    const circle = svg("circle", {class: "marker", cx: px(p.lon).toFixed(3), cy: py(p.lat).toFixed(3), r: r.toFixed(3),
      fill: typeColour(e.type), "stroke-width": 0.8, "vector-effect": "non-scaling-stroke", "data-event": e.id}, svg("title", {}, label));
    if (e.story_id) {
      const link = svg("a", {href: safeHref(`/stories/${encodeURIComponent(e.story_id)}`)}, circle);
      map.appendChild(link);
    } else {
      map.appendChild(circle);
    }
  }
  const missing = events.length - points.length;
  target.replaceChildren(map, h("p", {className: "muted"},
    `${points.length} event(s) placed; marker size by number of sources${missing ? `; ${missing} without coordinates` : ""}. Basemap: Natural Earth 1:110m (public domain).`));
  const legend = document.getElementById("map-legend");
  legend.replaceChildren(...[...new Set(points.map((p) => p.event.type))].sort().map((t) => typeBadge(t, null)));
}

function renderList(events) {
  const table = h("table", {id: "event-table"}, h("tr", {},
    ...["date", "type", "source", "target", "location", "sources", "modality", "evidence", "story"].map((c) => h("th", {className: c === "sources" ? "num" : null}, c))));
  for (const e of events) {
    const first = (e.mentions || [])[0];
    table.appendChild(h("tr", {className: "event-row", "data-type": e.type},
      h("td", {}, e.date || "—"), h("td", {}, typeBadge(e.type, e.mode)), h("td", {}, actorNames(e.source)),
      h("td", {}, actorNames(e.target)), h("td", {}, e.location ? (e.location.name || e.location.text) : ""),
      h("td", {className: "num"}, e.num_sources), h("td", {}, e.modality),
      h("td", {className: "evidence"}, first ? first.sentence : ""),
      h("td", {}, e.story_id ? h("a", {href: `/stories/${encodeURIComponent(e.story_id)}`}, "story") : "")));
  }
  document.querySelector("#events .body").replaceChildren(events.length ? table : h("p", {className: "muted"}, "No events match these filters."));
}

async function main() {
  const filters = currentFilters();
  const status = document.getElementById("status");
  try {
    const [meta, stories] = await Promise.all([api("/api/meta"), api("/api/stories")]);
    fillForm(filters, meta.types, stories.stories);
    const [found, world] = await Promise.all([
      api("/api/events", filters),
      fetch("/static/world-110m.json").then((r) => (r.ok ? r.json() : null)).catch(() => null),
    ]);
    const events = found.events;
    status.textContent = `${events.length} event(s) shown · ${meta.counts.events} events, ${meta.counts.documents} documents, ${meta.counts.stories} stories in the database`;
    renderCounts(events);
    renderTimeline(events);
    renderMap(events, world);
    renderList(events);
  } catch (err) {
    status.textContent = "error";
    showError(document.querySelector("#events .body"), err);
  }
}

document.addEventListener("DOMContentLoaded", main);
