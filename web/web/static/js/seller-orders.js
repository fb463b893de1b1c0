// The orders desk: choosing every new order at once, and the per-row results of a bulk confirmation and of a
// dispatch sheet (the API answers each row on its own; the page shows which failed and why).
"use strict";

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

document.querySelector("[data-check-all]")?.addEventListener("change", (event) => {
  document.querySelectorAll('input[name="shipment_ids"]').forEach((box) => { box.checked = event.target.checked; });
});

document.getElementById("confirm-many")?.addEventListener("api:done", (event) => {
  const answer = event.detail.data;
  if (!answer.failed) { window.location.reload(); return; }
  const form = event.currentTarget;
  const summary = form.querySelector("[data-confirm-summary]");
  summary.textContent = fill(summary.dataset.template, answer);
  const failures = form.querySelector("[data-confirm-failures]");
  failures.replaceChildren(...answer.results.filter((result) => !result.ok).map((result) => {
    const item = document.createElement("li");
    const row = document.querySelector(`[data-shipment="${CSS.escape(result.shipment_id)}"] a`);
    item.textContent = `${row ? row.textContent : result.shipment_id}: ${result.problem?.detail || ""}`;
    return item;
  }));
  form.querySelector("[data-confirm-results]").hidden = false;
  summary.focus?.();
});

document.getElementById("dispatch-sheet")?.addEventListener("api:done", (event) => {
  const answer = event.detail.data;
  const box = document.querySelector("[data-sheet-results]");
  const summary = box.querySelector("[data-sheet-summary]");
  summary.textContent = fill(summary.dataset.template, answer);
  const body = box.querySelector("[data-sheet-rows]");
  body.replaceChildren(...answer.results.map((result) => {
    const row = document.createElement("tr");
    if (!result.ok) row.className = "failed";
    for (const text of [result.row, result.order_number || "", result.ok ? body.dataset.ok : result.problem?.detail || ""]) {
      const cell = document.createElement("td");
      cell.textContent = String(text);
      row.append(cell);
    }
    return row;
  }));
  box.hidden = false;
  event.currentTarget.reset();
});
