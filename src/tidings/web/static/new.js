// What's new: the alerts a watch raised (rule, what changed, the event and its evidence), newest
// first, fetched again every 30 seconds so that the page can stay open as a monitor.
"use strict";

const REFRESH_MS = 30000;

// A change ({"num_sources": {"before": 1, "after": 3}, ...}) as short "name: before → after" lines.
function changeLines(change) {
  if (!change || typeof change !== "object") return [];
  return Object.entries(change).map(([name, value]) => {
    if (value && typeof value === "object" && ("before" in value || "after" in value)) {
      return `${name}: ${JSON.stringify(value.before ?? null)} → ${JSON.stringify(value.after ?? null)}`;
    }
    return `${name}: ${typeof value === "object" ? JSON.stringify(value) : value}`;
  });
}

function renderAlert(alert) {
  const data = alert.data || {};
  const event = alert.event || data.event || null;
  const place = event ? (event.place || (event.location && (event.location.name || event.location.text)) || "") : "";
  const evidence = Array.isArray(data.evidence) ? data.evidence : [];
  return h("article", {className: "alert", "data-alert": alert.id, "data-rule": alert.rule},
    h("h3", {}, h("span", {className: "rule"}, alert.rule || "alert"), " ",
      event ? typeBadge(event.type, event.mode) : "", event ? ` ${event.date || "undated"}` : "", place ? ` · ${place}` : "",
      event && event.num_sources ? ` · ${event.num_sources} source(s)` : ""),
    h("div", {className: "muted"}, alert.created || "", data.check ? ` · check ${data.check}` : "",
      alert.story_id ? [" · ", h("a", {href: `/stories/${encodeURIComponent(alert.story_id)}`}, "story")] : ""),
    data.message ? h("p", {className: "message"}, data.message) : null,
    changeLines(data.change).length ? h("ul", {className: "change"}, ...changeLines(data.change).map((line) => h("li", {}, line))) : null,
    evidence.length ? h("div", {className: "evidence-list"}, ...evidence.map((e) => h("div", {className: "mention"},
      h("div", {className: "sentence"}, highlight(e.sentence || "", triggerSpan(e))),
      h("div", {className: "meta"}, e.outlet || "unknown outlet", e.published ? ` · ${e.published}` : "",
        e.doc_id ? [" · ", h("a", {href: `/docs/${encodeURIComponent(e.doc_id)}`}, "document")] : "",
        e.url ? [" · ", h("a", {href: e.url, rel: "noopener noreferrer", target: "_blank"}, "original")] : "")))) : null);
}

// The trigger's first occurrence in its sentence, in code points (what `highlight` counts).
function triggerSpan(evidence) {
  const sentence = evidence.sentence || "", trigger = evidence.trigger || "";
  const at = trigger ? sentence.indexOf(trigger) : -1;
  if (at < 0) return [];
  const start = Array.from(sentence.slice(0, at)).length;
  return [{start, end: start + Array.from(trigger).length, className: "trigger", title: "trigger"}];
}

async function refresh() {
  const target = document.getElementById("alerts");
  const status = document.getElementById("status");
  try {
    const found = await api("/api/alerts", {limit: 200});
    status.textContent = `${found.count} alert(s) · updated ${new Date().toLocaleTimeString()}`;
    target.replaceChildren(...(found.alerts.length ? found.alerts.map(renderAlert)
      : [h("p", {className: "muted", id: "no-alerts"}, "No alerts yet. Alerts appear here once `tidings watch` raises them.")]));
  } catch (err) {
    status.textContent = "error";
    showError(target, err);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  refresh();
  setInterval(refresh, REFRESH_MS);
});
