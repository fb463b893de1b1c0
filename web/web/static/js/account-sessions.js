// Signing out every other device: each one's session ends (DELETE /api/session/devices/<id>), this one stays.
"use strict";
(() => {
  const box = document.querySelector("[data-sign-out-others]");
  if (!box) return;
  const { callApi, showProblem, clearErrors, toast } = window.marketplace;
  const button = box.querySelector("button");
  button.addEventListener("click", async () => {
    clearErrors(box);
    button.disabled = true;
    try {
      for (const id of JSON.parse(box.dataset.signOutOthers)) {
        const answer = await callApi("DELETE", `/api/session/devices/${encodeURIComponent(id)}`);
        // One already gone (signed out meanwhile) is what was wanted.
        if (!answer.ok && answer.status !== 404) { showProblem(box, answer.data, answer.status); return; }
      }
      toast(box.dataset.done);
      window.location.reload();
    } finally {
      button.disabled = false;
    }
  });
})();
