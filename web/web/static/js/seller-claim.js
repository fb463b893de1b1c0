// A claim's decision: paying money back needs a second factor proved minutes ago (a step-up). When the API asks
// for it, the page asks for the authenticator's code, then sends the decision again.
"use strict";

let waiting = null;
document.addEventListener("api:problem", (event) => {
  const answer = event.detail;
  if (String(answer.data?.type || "").endsWith(":step-up-required")) {
    waiting = event.target;
    const box = document.querySelector("[data-step-up]");
    box.hidden = false;
    box.querySelector("input[name=code]").focus();
  }
});
document.getElementById("step-up")?.addEventListener("api:done", () => {
  document.querySelector("[data-step-up]").hidden = true;
  if (waiting) waiting.requestSubmit();
  else window.location.reload();
});
