// Holding a seller's payouts: the seller's id is part of the address (PUT /api/settlements/payout-holds/<id>), so
// the form's address takes the id typed in just before app.js sends it; without an id nothing is sent.
"use strict";

const holdForm = document.getElementById("hold-seller");
holdForm?.addEventListener("submit", (event) => {
  const input = holdForm.querySelector("[data-seller-id]");
  const sellerId = input.value.trim();
  if (sellerId) {
    holdForm.dataset.api = `/api/settlements/payout-holds/${encodeURIComponent(sellerId)}`;
    return;
  }
  // The form's own listener runs before app.js's (on the document): stopping here keeps the empty id from the API.
  event.preventDefault();
  event.stopPropagation();
  const { clearErrors, showProblem } = window.marketplace;
  clearErrors(holdForm);
  showProblem(holdForm, { detail: input.dataset.missing, errors: { seller_id: [input.dataset.missing] } }, 422);
  input.setAttribute("aria-invalid", "true");
});
