// Story page: its events in time order, each mention's sentence with trigger and arguments highlighted.
"use strict";

function findSpan(sentence, text, className, title) {
  if (!text) return null;
  const at = sentence.indexOf(text);
  return at >= 0 ? {start: at, end: at + text.length, className, title} : null;
}

// The mention's sentence with the trigger (from offsets when they agree with the text) and the
// event's arguments (where their words occur in this sentence) marked.
function mentionSentence(mention, event) {
  const sentence = mention.sentence || "";
  const spans = [];
  const relative = mention.start - (mention.sentence_start || 0);
  if (sentence.slice(relative, relative + mention.trigger.length) === mention.trigger && mention.trigger) {
    spans.push({start: relative, end: relative + mention.trigger.length, className: "trigger", title: `trigger: ${event.type}`});
  } else {
    const found = findSpan(sentence, mention.trigger, "trigger", `trigger: ${event.type}`);
    if (found) spans.push(found);
  }
  for (const a of event.source || []) spans.push(findSpan(sentence, a.text, "source", `source: ${a.name || a.text}`));
  for (const a of event.target || []) spans.push(findSpan(sentence, a.text, "target", `target: ${a.name || a.text}`));
  if (event.location) spans.push(findSpan(sentence, event.location.text, "location", `location: ${event.location.name || event.location.text}`));
  if (event.date_text) spans.push(findSpan(sentence, event.date_text, "time", `date: ${event.date}`));
  return highlight(sentence, spans.filter(Boolean));
}

function renderEvent(event) {
  const size = event.size || {};
  const sizeText = ["dead", "injured", "arrested"].filter((k) => size[k] !== null && size[k] !== undefined)
    .map((k) => `${size[k]} ${k}`).join(", ");
  const facts = [
    event.source && event.source.length ? `source: ${actorNames(event.source)}` : null,
    event.target && event.target.length ? `target: ${actorNames(event.target)}` : null,
    event.location ? `where: ${event.location.name || event.location.text}` : null,
    sizeText || null,
    `modality: ${event.modality}`,
    `${event.num_sources} source(s), ${event.num_mentions} mention(s)`,
    event.disputed && event.disputed.length ? `disputed: ${event.disputed.join(", ")}` : null,
  ].filter(Boolean).join(" · ");
  const box = h("article", {className: "event", "data-event": event.id},
    h("h3", {}, `${event.date || "undated"} `, typeBadge(event.type, event.mode)),
    h("div", {className: "muted"}, facts));
  for (const m of event.mentions || []) {
    box.appendChild(h("div", {className: "mention"},
      h("div", {className: "sentence"}, mentionSentence(m, event)),
      h("div", {className: "meta"}, m.outlet || "unknown outlet", m.published ? ` · ${m.published}` : "", " · ",
        h("a", {href: `/docs/${encodeURIComponent(m.doc_id)}`}, "document"),
        m.url ? [" · ", h("a", {href: m.url, rel: "noopener noreferrer", target: "_blank"}, "original")] : "")));
  }
  return box;
}

async function main() {
  const content = document.getElementById("content");
  const status = document.getElementById("status");
  try {
    const data = await api(`/api/stories/${encodeURIComponent(lastPathSegment())}`);
    const story = data.story;
    document.title = `Tidings — ${story.title}`;
    status.textContent = `${data.events.length} event(s), ${data.documents.length} document(s)`;
    const events = [...data.events].sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999"));
    const docs = h("ul", {}, ...data.documents.map((d) => h("li", {},
      h("a", {href: `/docs/${encodeURIComponent(d.id)}`}, d.title || d.id), ` — ${d.outlet || "unknown outlet"}, ${d.published || "undated"}`)));
    const reported = events.filter((e) => !SET_APART.includes(e.modality));
    const apart = events.filter((e) => SET_APART.includes(e.modality));
    const apartBody = h("div", {id: "story-set-apart"});
    if (apart.length) {
      const show = h("button", {type: "button", id: "show-story-set-apart"}, `Show ${apart.length} negated, hypothetical or denied event(s)`);
      show.addEventListener("click", () => apartBody.replaceChildren(...apart.map(renderEvent)));
      apartBody.appendChild(show);
    }
    content.replaceChildren(
      h("h1", {}, story.title),
      h("p", {className: "muted"}, `${story.first_date || "?"} – ${story.last_date || "?"}`,
        story.top_places && story.top_places.length ? ` · places: ${story.top_places.join(", ")}` : "",
        story.top_actors && story.top_actors.length ? ` · actors: ${story.top_actors.join(", ")}` : "", " · ",
        h("a", {href: `/?story=${encodeURIComponent(story.id)}`}, "on the map")),
      h("h2", {}, "Events"),
      highlightLegend([["trigger", "event trigger"], ["source", "source"], ["target", "target"], ["location", "place"], ["time", "date"]]),
      ...(reported.length ? reported.map(renderEvent) : [h("p", {className: "muted"}, "No events.")]),
      apart.length ? h("h2", {}, "Negated, hypothetical and denied") : null, apartBody,
      h("h2", {}, "Documents"), docs);
  } catch (err) {
    status.textContent = "error";
    showError(content, err);
  }
}

document.addEventListener("DOMContentLoaded", main);
