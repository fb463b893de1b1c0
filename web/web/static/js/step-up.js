// A sensitive change needs a second factor proved minutes ago (a step-up). When the API asks for it
// (403 step-up-required), the page shows [data-step-up]: the authenticator's code, a security key or a recovery
// code; once proved, the change is sent again. Page scripts that call the API themselves use window.stepUp(retry).
"use strict";

(() => {
  const box = document.querySelector("[data-step-up]");
  if (!box) return;
  const { callApi, showProblem, clearErrors } = window.marketplace;
  let retry = null;

  const isStepUp = (answer) => answer.status === 403 && String(answer.data?.type || "").endsWith(":step-up-required");
  const ask = (again) => {
    retry = again;
    box.hidden = false;
    (box.querySelector("input[name=code]") || box.querySelector("button"))?.focus();
  };
  const proved = () => {
    box.hidden = true;
    box.querySelectorAll("input[name=code]").forEach((input) => { input.value = ""; });
    const again = retry;
    retry = null;
    if (again) again(); else window.location.reload();
  };

  document.addEventListener("api:problem", (event) => {
    if (!isStepUp(event.detail) || box.contains(event.target)) return;
    const form = event.target;
    // The box asks in the person's words; the API's detail is for programs ("POST /api/session/2fa, then retry").
    clearErrors(form);
    const submitter = form._lastSubmitter;
    ask(() => form.requestSubmit(submitter && form.contains(submitter) ? submitter : undefined));
  });
  // Which button sent the form, so the same one is pressed again after the step-up.
  document.addEventListener("submit", (event) => { event.target._lastSubmitter = event.submitter; }, true);
  box.addEventListener("api:done", proved);

  box.querySelector("[data-step-up-key]")?.addEventListener("click", async () => {
    const keyBox = box.querySelector("#step-up-key");
    clearErrors(keyBox);
    const challenge = await callApi("POST", "/api/session/2fa/challenge", { method: "webauthn" });
    if (!challenge.ok) { showProblem(keyBox, challenge.data, challenge.status); return; }
    let credential;
    try {
      credential = await SimpleWebAuthnBrowser.startAuthentication({ optionsJSON: challenge.data.options });
    } catch {
      showProblem(keyBox, { detail: box.dataset.noAnswer }, 400);
      return;
    }
    const proof = await callApi("POST", "/api/session/2fa", { method: "webauthn", credential });
    if (!proof.ok) { showProblem(keyBox, proof.data, proof.status); return; }
    proved();
  });

  window.stepUp = { isStepUp, ask };
})();
