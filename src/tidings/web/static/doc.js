// Document page: the clean text with mentions and event triggers marked (with a legend), each event
// mention with its arguments (source, target, place, date, modality), the mentions the article reports
// as negated, hypothetical or denied set apart (hidden until asked for), and what cleaning removed.
"use strict";

function actorCell(refs) {
  return (refs || []).map((a) => [a.name || a.text, a.country || a.sector ? ` (${[a.country, a.sector].filter(Boolean).join(" ")})` : ""].join("")).join("; ");
}

function placeCell(location) {
  if (!location) return "";
  const name = location.name || location.text || "";
  return location.country ? `${name} (${location.country})` : name;
}

function argumentsTable(mentions, id) {
  const table = h("table", {id, className: "arguments"}, h("tr", {},
    ...["type", "trigger", "source", "target", "place", "date", "modality", "confidence"].map((c) => h("th", {}, c))));
  for (const em of mentions) {
    const date = em.date ? `${em.date}${em.date_precision && em.date_precision !== "day" ? ` (${em.date_precision})` : ""}` : "—";
    table.appendChild(h("tr", {className: "argument-row", "data-modality": em.modality},
      h("td", {}, typeBadge(em.type, em.mode)), h("td", {}, h("mark", {className: "trigger"}, em.evidence.trigger || "")),
      h("td", {className: "arg-source"}, actorCell(em.source)), h("td", {className: "arg-target"}, actorCell(em.target)),
      h("td", {className: "arg-place"}, placeCell(em.location)), h("td", {className: "arg-date", title: em.date_text || ""}, date),
      h("td", {className: "arg-modality"}, modalityBadge(em.modality), em.attribution ? ` · says ${em.attribution.name || em.attribution.text}` : ""),
      h("td", {className: "num"}, em.confidence !== null && em.confidence !== undefined ? em.confidence.toFixed(2) : "")));
  }
  return table;
}

function setApartSection(mentions) {
  const body = h("div", {id: "doc-set-apart"});
  if (!mentions.length) return body;
  const show = h("button", {type: "button", id: "show-doc-set-apart"}, `Show ${mentions.length} negated, hypothetical or denied mention(s)`);
  show.addEventListener("click", () => body.replaceChildren(
    h("p", {className: "muted"}, "Acts the article says did not happen, only might, or that their alleged authors deny:"),
    argumentsTable(mentions, "set-apart-arguments")));
  body.appendChild(show);
  return body;
}

async function main() {
  const content = document.getElementById("content");
  const status = document.getElementById("status");
  try {
    const doc = await api(`/api/docs/${encodeURIComponent(lastPathSegment())}`);
    document.title = `Tidings — ${doc.title || doc.id}`;
    const all = doc.event_mentions || [];
    const apart = all.filter((em) => SET_APART.includes(em.modality));
    const reported = all.filter((em) => !SET_APART.includes(em.modality));
    status.textContent = `${(doc.sentences || []).length} sentence(s), ${reported.length} event mention(s)${apart.length ? `, ${apart.length} set apart` : ""}`;
    const text = doc.clean_text || "";
    const spans = (doc.mentions || []).map((m) => ({start: m.start, end: m.end, className: m.kind,
      title: `${m.kind}${m.name ? ": " + m.name : ""}${m.value ? ": " + m.value : ""}`}));
    for (const em of all) {
      const isApart = SET_APART.includes(em.modality);
      spans.push({start: em.evidence.start, end: em.evidence.end, className: isApart ? "trigger apart" : "trigger",
        title: `${em.type}${em.mode ? " " + em.mode : ""}${isApart ? ` (${em.modality})` : ""}`});
    }
    const triggersFirst = spans.sort((a, b) => (a.className.startsWith("trigger") ? -1 : 0) - (b.className.startsWith("trigger") ? -1 : 0));
    const meta = h("p", {className: "muted"}, doc.outlet || "unknown outlet", ` · ${doc.published || "undated"}`,
      doc.url ? [" · ", h("a", {href: doc.url, rel: "noopener noreferrer", target: "_blank"}, "original")] : "",
      doc.story_id ? [" · ", h("a", {href: `/stories/${encodeURIComponent(doc.story_id)}`}, "story")] : "",
      doc.near_duplicate_of ? [" · near-duplicate of ", h("a", {href: `/docs/${encodeURIComponent(doc.near_duplicate_of)}`}, doc.near_duplicate_of)] : "");
    const removed = (doc.removed || []).length
      ? h("ul", {className: "removed"}, ...doc.removed.map((r) => h("li", {}, h("span", {className: "muted"}, `line ${r.line + 1}, ${r.reason}: `), h("code", {}, r.text))))
      : h("p", {className: "muted"}, "Cleaning removed nothing.");
    content.replaceChildren(
      h("h1", {}, doc.title || doc.id), meta,
      h("h2", {}, "Clean text"),
      highlightLegend([["trigger", "event trigger"], ["trigger apart", "negated / hypothetical / denied"], ["actor", "actor"],
        ["place", "place"], ["time", "time"]]),
      h("div", {className: "doctext", id: "doctext"}, highlight(text, triggersFirst)),
      h("h2", {}, "Event mentions"), reported.length ? argumentsTable(reported, "event-arguments") : h("p", {className: "muted"}, "None."),
      apart.length ? h("h2", {}, "Negated, hypothetical and denied") : null, setApartSection(apart),
      h("h2", {}, "Removed by cleaning"), removed);
  } catch (err) {
    status.textContent = "error";
    showError(content, err);
  }
}

document.addEventListener("DOMContentLoaded", main);
