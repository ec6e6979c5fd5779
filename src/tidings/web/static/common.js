// Shared helpers. Everything from the API is untrusted: it is only ever put into the page as text
// (textContent / createTextNode) or as attributes set with setAttribute; never with innerHTML.
"use strict";

const TYPE_COLOURS = {
  AGREE: "#4e79a7", SUPPORT: "#76b7b2", CONCEDE: "#59a14f", CONSULT: "#8cd17d", COOPERATE: "#b6992d",
  AID: "#f1ce63", RETREAT: "#499894", REQUEST: "#86bcb6", REJECT: "#9d7660", ACCUSE: "#d37295",
  THREATEN: "#fabfd2", PROTEST: "#f28e2b", SANCTION: "#b07aa1", MOBILIZE: "#79706e",
  COERCE: "#ff9d9a", ASSAULT: "#e15759",
};

function typeColour(type) {
  return TYPE_COLOURS[type] || "#999999";
}

// h("a", {href: "/x", className: "c"}, "text", child) -> element; strings become text nodes.
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined) continue;
    if (key === "className") node.className = value;
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Only same-site paths and http(s) links: a javascript: URL in an article's metadata stays inert.
// A "relative" link is resolved the way the browser will resolve it and kept only when it stays on
// this site: "/\\evil.example/x", "/\t/evil.example" and "//evil.example" all leave it (issue 15).
function safeHref(value) {
  const text = String(value);
  if (text.startsWith("/")) {
    try {
      const here = new URL(location.href);
      const url = new URL(text, here);
      if (url.origin === here.origin) return url.pathname + url.search + url.hash;
    } catch (err) { /* not a URL */ }
    return "#";
  }
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch (err) { /* not a URL */ }
  return "#";
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && String(value).trim() !== "") query.set(key, value);
  }
  const qs = query.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path, {headers: {Accept: "application/json"}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

function showError(target, err) {
  target.replaceChildren(h("p", {className: "error"}, String(err.message || err)));
}

// The text with the given spans ({start, end, className, title}) wrapped in <mark>; overlapping spans
// after the first are skipped. Offsets from the server count code points (Python), so the text is
// sliced as an array of code points, not UTF-16 units: an emoji before a span must not shift it.
function highlight(rawText, spans) {
  const text = Array.from(rawText);
  const fragment = document.createDocumentFragment();
  const sorted = spans.filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    if (span.start > at) fragment.appendChild(document.createTextNode(text.slice(at, span.start).join("")));
    fragment.appendChild(h("mark", {className: span.className, title: span.title},
      text.slice(span.start, span.end).join("")));
    at = span.end;
  }
  if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at).join("")));
  return fragment;
}

function actorNames(refs) {
  return (refs || []).map((a) => a.name || a.text).join(", ");
}

function lastPathSegment() {
  const parts = window.location.pathname.split("/").filter(Boolean);
  return decodeURIComponent(parts[parts.length - 1] || "");
}

function typeBadge(type, mode) {
  const badge = h("span", {className: "type"}, h("span", {className: "swatch"}), type, mode ? ` · ${mode}` : "");
  badge.firstChild.style.background = typeColour(type);
  return badge;
}

// Modalities of acts the articles do not report as having happened (the API's SET_APART).
const SET_APART = ["negated", "hypothetical", "denied"];

function modalityBadge(modality) {
  const apart = SET_APART.includes(modality);
  return h("span", {className: apart ? "modality apart" : "modality", title: apart ? "not reported as having happened" : null}, modality || "asserted");
}

// What the highlight colours of a text mean: [[className, label], ...] -> a legend of sample marks.
function highlightLegend(entries) {
  return h("div", {className: "legend highlight-legend", "aria-label": "what the highlight colours mean"},
    h("span", {className: "muted"}, "Highlights:"),
    ...entries.map(([className, label]) => h("span", {}, h("mark", {className}, label))));
}
