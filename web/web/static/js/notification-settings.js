// Notification settings: one row per kind, sent as PUT /api/notifications/preferences {preferences: [...]}.
"use strict";
document.getElementById("notification-settings")?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const { callApi, clearErrors, showProblem, toast } = window.marketplace;
  clearErrors(form);
  const preferences = [...form.querySelectorAll("[data-kind]")].map((row) => ({
    kind: row.dataset.kind,
    email: row.querySelector('[data-channel="email"]').checked,
    sms: row.querySelector('[data-channel="sms"]').checked,
  }));
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const answer = await callApi("PUT", "/api/notifications/preferences", { preferences });
    if (!answer.ok) { showProblem(form, answer.data, answer.status); return; }
    toast(form.dataset.saved);
  } finally {
    button.disabled = false;
  }
});
