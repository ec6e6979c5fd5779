// The overview's map: Natural Earth outlines (shipped with the package, no tiles, no network), zoom
// (wheel, +/- buttons, double click) and pan (drag), and markers clustered on a grid of screen cells
// that is recomputed at every zoom: a circle with a number stands for the events in its cell, and a
// click on it zooms in on them. Written here (about 200 lines) rather than vendoring a map library.
"use strict";

const CELL_PX = 44;        // a cluster cell, in screen pixels
const MARKER_PX = 6;       // radius of a single marker, in screen pixels
const MIN_SPAN_DEG = 0.1;  // the closest zoom: this many degrees of latitude across the view (about 11 km)

// An equirectangular projection, true at the latitude `midLat`: x grows east, y grows south.
function projection(midLat) {
  const k = Math.cos((midLat * Math.PI) / 180);
  return {k, x: (lon) => (lon + 180) * k, y: (lat) => 90 - lat, width: 360 * k, height: 180};
}

// A box around the points, at least 14 degrees tall and in a 16:10 shape (in projected units).
function initialView(points, proj) {
  if (!points.length) return {x: 0, y: 10, w: proj.width, h: proj.width / 1.6};
  const xs = points.map((p) => proj.x(p.lon)), ys = points.map((p) => proj.y(p.lat));
  const midX = (Math.min(...xs) + Math.max(...xs)) / 2, midY = (Math.min(...ys) + Math.max(...ys)) / 2;
  let h = Math.max(14, (Math.max(...ys) - Math.min(...ys)) * 1.4);
  let w = Math.max(h * 1.6, (Math.max(...xs) - Math.min(...xs)) * 1.3);
  h = Math.max(h, w / 1.6);
  w = h * 1.6;
  return clampView({x: midX - w / 2, y: midY - h / 2, w, h}, proj);
}

function clampView(view, proj) {
  const h = Math.min(Math.max(view.h, MIN_SPAN_DEG), proj.height);
  const w = h * (view.w / view.h);
  const x = Math.min(Math.max(view.x, -w / 2), proj.width - w / 2);
  const y = Math.min(Math.max(view.y, -h / 2), proj.height - h / 2);
  return {x, y, w, h};
}

// Screen radius of a cluster of n events (a single marker is drawn smaller, by its sources).
function radiusPx(n) {
  return n === 1 ? MARKER_PX : 10 + 3 * Math.log2(n);
}

// Group points by grid cell (cells of CELL_PX at the current zoom, anchored to the map, so that
// panning does not reshuffle clusters), then merge clusters whose circles would overlap, biggest
// first; returns [{x, y, members}].
function clusterPoints(points, proj, unitsPerPx) {
  const cell = CELL_PX * unitsPerPx;
  const cells = new Map();
  for (const p of points) {
    const x = proj.x(p.lon), y = proj.y(p.lat);
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    if (!cells.has(key)) cells.set(key, {sx: 0, sy: 0, members: []});
    const c = cells.get(key);
    c.sx += x; c.sy += y; c.members.push(p);
  }
  const kept = [];
  for (const c of [...cells.values()].sort((a, b) => b.members.length - a.members.length)) {
    const x = c.sx / c.members.length, y = c.sy / c.members.length;
    const near = kept.find((k) => Math.hypot(k.sx / k.members.length - x, k.sy / k.members.length - y)
      < (radiusPx(k.members.length) + radiusPx(c.members.length)) * unitsPerPx);
    if (near) { near.sx += c.sx; near.sy += c.sy; near.members.push(...c.members); } else kept.push(c);
  }
  return kept.map((c) => ({x: c.sx / c.members.length, y: c.sy / c.members.length, members: c.members}));
}

// Country outlines as one path. A ring that crosses the antimeridian (Russia, Fiji, Antarctica) jumps
// from one edge of the map to the other: it starts a new piece there instead of drawing a line across.
function basemapPath(world, proj) {
  const d = [];
  for (const country of world.countries) {
    for (const ring of country.rings) {
      let previous = null;
      const parts = [];
      for (const [lon, lat] of ring) {
        const jump = previous !== null && Math.abs(lon - previous) > 180;
        parts.push(`${previous === null || jump ? "M" : "L"}${proj.x(lon).toFixed(2)},${proj.y(lat).toFixed(2)}`);
        previous = lon;
      }
      d.push(parts.join("") + "Z");
    }
  }
  return d.join("");
}

function graticulePath(proj) {
  const d = [];
  for (let lon = -180; lon <= 180; lon += 10) d.push(`M${proj.x(lon)},0V${proj.height}`);
  for (let lat = -80; lat <= 80; lat += 10) d.push(`M0,${proj.y(lat)}H${proj.width}`);
  return d.join("");
}

function pointLabel(p) {
  return `${p.date || "undated"} ${p.type}${p.mode ? " " + p.mode : ""} — ${p.place || "?"} — ${p.num_sources} source(s)`;
}

// Draw the map into `target`; `points` are {id, type, mode, date, lat, lon, place, num_sources, story_id}.
function createMap(target, world, points) {
  const midLat = points.length ? points.reduce((s, p) => s + p.lat, 0) / points.length : 20;
  const proj = projection(Math.max(-60, Math.min(60, midLat)));
  let view = initialView(points, proj);
  const home = {...view};
  const map = svg("svg", {id: "map-svg", role: "img", "aria-label": "map of events; scroll or use the buttons to zoom, drag to pan"});
  if (world) map.appendChild(svg("path", {class: "land", d: basemapPath(world, proj), "vector-effect": "non-scaling-stroke", "stroke-width": 0.7}));
  map.appendChild(svg("path", {class: "graticule", d: graticulePath(proj), "vector-effect": "non-scaling-stroke", "stroke-width": 0.6}));
  const layer = svg("g", {id: "markers"});
  map.appendChild(layer);

  const unitsPerPx = () => view.w / Math.max(1, map.getBoundingClientRect().width || 600);

  function render() {
    map.setAttribute("viewBox", `${view.x.toFixed(4)} ${view.y.toFixed(4)} ${view.w.toFixed(4)} ${view.h.toFixed(4)}`);
    map.setAttribute("data-zoom", (home.h / view.h).toFixed(3));
    const u = unitsPerPx();
    const margin = CELL_PX * u;
    const visible = points.filter((p) => {
      const x = proj.x(p.lon), y = proj.y(p.lat);
      return x >= view.x - margin && x <= view.x + view.w + margin && y >= view.y - margin && y <= view.y + view.h + margin;
    });
    const nodes = [];
    for (const c of clusterPoints(visible, proj, u)) {
      if (c.members.length === 1) {
        const p = c.members[0];
        const marker = svg("circle", {class: "marker", cx: c.x.toFixed(4), cy: c.y.toFixed(4),
          r: (u * (MARKER_PX + 1.5 * Math.sqrt(Math.max(1, p.num_sources || 1)))).toFixed(4),
          fill: typeColour(p.type), "stroke-width": 0.8, "vector-effect": "non-scaling-stroke", "data-event": p.id},
        svg("title", {}, pointLabel(p)));
        nodes.push(p.story_id ? svg("a", {href: safeHref(`/stories/${encodeURIComponent(p.story_id)}`)}, marker) : marker);
      } else {
        const r = u * radiusPx(c.members.length);
        const types = new Set(c.members.map((p) => p.type));
        const group = svg("g", {class: "cluster", "data-count": c.members.length, tabindex: 0},
          svg("circle", {cx: c.x.toFixed(4), cy: c.y.toFixed(4), r: r.toFixed(4), "stroke-width": 1.2, "vector-effect": "non-scaling-stroke"}),
          svg("text", {x: c.x.toFixed(4), y: (c.y + 4 * u).toFixed(4), "text-anchor": "middle", "font-size": (11 * u).toFixed(4)}, String(c.members.length)),
          svg("title", {}, `${c.members.length} events (${[...types].sort().join(", ")}): click to zoom in`));
        group.addEventListener("click", (ev) => { ev.stopPropagation(); zoomTo(c.members); });
        group.addEventListener("keydown", (ev) => { if (ev.key === "Enter") zoomTo(c.members); });
        nodes.push(group);
      }
    }
    layer.replaceChildren(...nodes);
  }

  // Zoom by `factor` (> 1 zooms in) keeping the map point under (fx, fy) (fractions of the view) still.
  function zoom(factor, fx = 0.5, fy = 0.5) {
    const w = view.w / factor, h = view.h / factor;
    view = clampView({x: view.x + (view.w - w) * fx, y: view.y + (view.h - h) * fy, w, h}, proj);
    render();
  }

  function zoomTo(members) {
    const xs = members.map((p) => proj.x(p.lon)), ys = members.map((p) => proj.y(p.lat));
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const spanH = Math.max((Math.max(...ys) - Math.min(...ys)) * 1.6, ((Math.max(...xs) - Math.min(...xs)) * 1.6) / (view.w / view.h));
    const h = Math.max(MIN_SPAN_DEG, Math.min(view.h / 2.5, spanH || view.h / 2.5));
    const w = h * (view.w / view.h);
    view = clampView({x: cx - w / 2, y: cy - h / 2, w, h}, proj);
    render();
  }

  map.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = map.getBoundingClientRect();
    zoom(ev.deltaY < 0 ? 1.25 : 0.8, (ev.clientX - box.left) / box.width, (ev.clientY - box.top) / box.height);
  }, {passive: false});
  map.addEventListener("dblclick", (ev) => {
    const box = map.getBoundingClientRect();
    zoom(2, (ev.clientX - box.left) / box.width, (ev.clientY - box.top) / box.height);
  });
  let drag = null;
  map.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0 || ev.target.closest(".cluster, a")) return;
    drag = {x: ev.clientX, y: ev.clientY, view: {...view}};
    map.setPointerCapture(ev.pointerId);
    map.classList.add("dragging");
  });
  map.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const u = unitsPerPx();
    view = clampView({...drag.view, x: drag.view.x - (ev.clientX - drag.x) * u, y: drag.view.y - (ev.clientY - drag.y) * u}, proj);
    render();
  });
  const endDrag = () => { drag = null; map.classList.remove("dragging"); };
  map.addEventListener("pointerup", endDrag);
  map.addEventListener("pointercancel", endDrag);

  const button = (id, text, title, action) => {
    const b = h("button", {type: "button", id, title, "aria-label": title}, text);
    b.addEventListener("click", action);
    return b;
  };
  const controls = h("div", {className: "map-controls"},
    button("zoom-in", "+", "zoom in", () => zoom(2)),
    button("zoom-out", "−", "zoom out", () => zoom(0.5)),
    button("zoom-reset", "⟲", "back to all events", () => { view = {...home}; render(); }));
  target.replaceChildren(h("div", {className: "map-frame"}, map, controls));
  window.addEventListener("resize", render);
  render();
  return {zoom, render, view: () => ({...view})};
}
