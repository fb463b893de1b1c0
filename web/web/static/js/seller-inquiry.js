// A seller's inquiry: picking an answer template fills the answer box with it, filled in for this inquiry by the
// API (POST /api/answer-templates/<id>/rendering), and names the placeholders nothing filled, to complete by hand.
"use strict";

function followTemplatePicker() {
  const picker = document.querySelector("[data-template-picker]");
  if (!picker) return;
  const choice = picker.querySelector("select");
  const answer = document.querySelector(picker.dataset.answer);
  const missing = picker.querySelector("[data-template-missing]");
  choice.addEventListener("change", async () => {
    missing.textContent = "";
    if (!choice.value) return;
    const rendered = await window.marketplace.callApi(
      "POST", `/api/answer-templates/${encodeURIComponent(choice.value)}/rendering`, { inquiry_id: picker.dataset.inquiry },
    );
    if (!rendered.ok) {
      missing.textContent = rendered.data?.detail || String(rendered.status);
      return;
    }
    answer.value = rendered.data.body;
    answer.dispatchEvent(new Event("input", { bubbles: true }));
    if (rendered.data.missing.length) {
      missing.textContent = `${picker.dataset.missingLabel} ${rendered.data.missing.map((name) => `{${name}}`).join(", ")}`;
    }
    answer.focus();
  });
}

document.addEventListener("DOMContentLoaded", followTemplatePicker);
