// Second factors: the authenticator app's QR code and its first code, a security key registered in the browser
// (WebAuthn), new recovery codes. Codes the API shows once are shown once here, then the way back (?next=).
"use strict";

(() => {
  const { callApi, showProblem, clearErrors, formJson } = window.marketplace;
  const codesBox = document.querySelector("[data-recovery-codes]");

  // The API's refusal beside the action; a step-up first when the API asks for one, then the action again.
  const refused = (box, answer, again) => {
    if (window.stepUp?.isStepUp(answer)) window.stepUp.ask(again);
    else showProblem(box, answer.data, answer.status);
  };

  // After an enrolment: the recovery codes (the first factor's), else onwards (to ?next=) or the page again.
  const enrolled = (codes) => {
    if (codes && codes.length) {
      showCodes(codes);
    } else {
      window.location.assign(codesBox.dataset.next || window.location.pathname);
    }
  };
  const showCodes = (codes) => {
    const list = codesBox.querySelector("[data-code-list]");
    list.replaceChildren(...codes.map((code) => Object.assign(document.createElement("li"), { textContent: code })));
    codesBox.hidden = false;
    codesBox.focus();
  };

  const totpStart = document.querySelector("[data-totp-start]");
  const startTotp = async () => {
    clearErrors(totpStart);
    const answer = await callApi("POST", "/api/second-factors/totp");
    if (!answer.ok) { refused(totpStart, answer, startTotp); return; }
    const enrolment = document.querySelector("[data-totp-enrolment]");
    enrolment.querySelector("[data-totp-qr]").src = answer.data.qr_svg;
    enrolment.querySelector("[data-totp-secret]").textContent = answer.data.secret;
    enrolment.hidden = false;
    totpStart.hidden = true;
    enrolment.querySelector("input[name=code]").focus();
  };
  totpStart?.querySelector("button").addEventListener("click", startTotp);
  document.getElementById("totp-confirm")?.addEventListener("api:done", (event) => enrolled(event.detail.data?.recovery_codes));

  const addKey = document.querySelector("[data-add-key]");
  const registerKey = async () => {
    clearErrors(addKey);
    const { name } = formJson(addKey);
    const options = await callApi("POST", "/api/second-factors/webauthn/registration-options");
    if (!options.ok) { refused(addKey, options, registerKey); return; }
    let credential;
    try {
      credential = await SimpleWebAuthnBrowser.startRegistration({ optionsJSON: options.data });
    } catch {
      showProblem(addKey, { detail: addKey.dataset.noAnswer }, 400);
      return;
    }
    const registered = await callApi("POST", "/api/second-factors/webauthn/registrations", { name, credential });
    if (!registered.ok) { showProblem(addKey, registered.data, registered.status); return; }
    enrolled(registered.data?.recovery_codes);
  };
  addKey?.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = addKey.querySelector("button");
    button.disabled = true;
    registerKey().finally(() => { button.disabled = false; });
  });

  const newCodes = document.querySelector("[data-new-codes]");
  const makeCodes = async () => {
    clearErrors(newCodes);
    const answer = await callApi("POST", "/api/second-factors/recovery-codes");
    if (!answer.ok) { refused(newCodes, answer, makeCodes); return; }
    showCodes(answer.data.recovery_codes);
  };
  newCodes?.querySelector("button").addEventListener("click", () => {
    if (window.confirm(newCodes.dataset.confirm)) makeCodes();
  });
})();
