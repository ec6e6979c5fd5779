// Document page: the clean text with mentions and event triggers marked, and what cleaning removed.
"use strict";

async function main() {
  const content = document.getElementById("content");
  const status = document.getElementById("status");
  try {
    const doc = await api(`/api/docs/${encodeURIComponent(lastPathSegment())}`);
    document.title = `Tidings — ${doc.title || doc.id}`;
    status.textContent = `${(doc.sentences || []).length} sentence(s), ${(doc.event_mentions || []).length} event mention(s)`;
    const text = doc.clean_text || "";
    const spans = (doc.mentions || []).map((m) => ({start: m.start, end: m.end, className: m.kind,
      title: `${m.kind}${m.name ? ": " + m.name : ""}${m.value ? ": " + m.value : ""}`}));
    for (const em of doc.event_mentions || []) {
      spans.push({start: em.evidence.start, end: em.evidence.end, className: "trigger", title: `${em.type}${em.mode ? " " + em.mode : ""}`});
    }
    const triggersFirst = spans.sort((a, b) => (a.className === "trigger" ? -1 : 0) - (b.className === "trigger" ? -1 : 0));
    const meta = h("p", {className: "muted"}, doc.outlet || "unknown outlet", ` · ${doc.published || "undated"}`,
      doc.url ? [" · ", h("a", {href: doc.url, rel: "noopener noreferrer", target: "_blank"}, "original")] : "",
      doc.story_id ? [" · ", h("a", {href: `/stories/${encodeURIComponent(doc.story_id)}`}, "story")] : "",
      doc.near_duplicate_of ? [" · near-duplicate of ", h("a", {href: `/docs/${encodeURIComponent(doc.near_duplicate_of)}`}, doc.near_duplicate_of)] : "");
    const events = h("ul", {}, ...(doc.event_mentions || []).map((em) => h("li", {}, typeBadge(em.type, em.mode), " — ",
      em.evidence.sentence, em.event_id ? " " : "", em.modality !== "asserted" ? ` (${em.modality})` : "")));
    const removed = (doc.removed || []).length
      ? h("ul", {className: "removed"}, ...doc.removed.map((r) => h("li", {}, h("span", {className: "muted"}, `line ${r.line + 1}, ${r.reason}: `), h("code", {}, r.text))))
      : h("p", {className: "muted"}, "Cleaning removed nothing.");
    content.replaceChildren(
      h("h1", {}, doc.title || doc.id), meta,
      h("h2", {}, "Clean text"), h("div", {className: "doctext", id: "doctext"}, highlight(text, triggersFirst)),
      h("h2", {}, "Event mentions"), (doc.event_mentions || []).length ? events : h("p", {className: "muted"}, "None."),
      h("h2", {}, "Removed by cleaning"), removed);
  } catch (err) {
    status.textContent = "error";
    showError(content, err);
  }
}

document.addEventListener("DOMContentLoaded", main);
