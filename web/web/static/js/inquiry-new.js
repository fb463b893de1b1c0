// A new inquiry: while the customer types, up to three FAQ entries that may answer it (GET /api/faq/suggestions).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("faq-suggestions");
  const form = document.getElementById("new-inquiry");
  if (!box || !form) return;
  const list = box.querySelector("[data-suggestions]");
  const template = document.getElementById("faq-suggestion");
  let timer = null;
  let asked = "";

  async function suggest() {
    const text = [form.elements.subject.value, form.elements.body.value].join(" ").trim().slice(0, 300);
    if (text === asked) return;
    asked = text;
    if (text.length < 2) { list.replaceChildren(); return; }
    const query = new URLSearchParams({ text });
    if (box.dataset.sellerId) query.set("seller_id", box.dataset.sellerId);
    const answer = await window.marketplace.callApi("GET", `/api/faq/suggestions?${query}`);
    if (!answer.ok || text !== asked) return;
    list.replaceChildren(...answer.data.map(({ entry }) => {
      const node = template.content.firstElementChild.cloneNode(true);
      node.querySelector("[data-question]").textContent = entry.question;
      node.querySelector("[data-answer]").textContent = entry.answer;
      return node;
    }));
    box.querySelector("[data-suggestions-hint]").hidden = answer.data.length > 0;
  }

  form.addEventListener("input", (event) => {
    if (!event.target.matches("[data-suggest]")) return;
    clearTimeout(timer);
    timer = setTimeout(suggest, 350);
  });
});
