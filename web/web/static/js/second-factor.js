// The second step with a security key: it answers the API's challenge in the browser (WebAuthn), and its
// assertion finishes signing in.
"use strict";
document.querySelector("[data-security-key]")?.addEventListener("click", async () => {
  const box = document.getElementById("security-key");
  const { callApi, showProblem, clearErrors } = window.marketplace;
  clearErrors(box);
  const challenge = await callApi("POST", "/api/session/2fa/challenge", { method: "webauthn" });
  if (!challenge.ok) { showProblem(box, challenge.data, challenge.status); return; }
  let credential;
  try {
    // The challenge's options are PublicKeyCredentialRequestOptionsJSON as they are (no publicKey wrapper).
    credential = await SimpleWebAuthnBrowser.startAuthentication({ optionsJSON: challenge.data.options });
  } catch {
    showProblem(box, { detail: box.dataset.noAnswer }, 400);
    return;
  }
  const proof = await callApi("POST", "/api/session/2fa", { method: "webauthn", credential });
  if (!proof.ok) { showProblem(box, proof.data, proof.status); return; }
  window.location.assign(box.dataset.after);
});
