// A product's page: counts the view for the seller's statistics, and puts the chosen option in the cart.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const page = document.getElementById("product");
  if (!page) return;
  window.marketplace.callApi("POST", `/api/products/${page.dataset.productId}/views`);
  const form = document.getElementById("add-to-cart");
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    window.marketplace.clearErrors(form);
    const choices = form.querySelectorAll('[name="variant_id"]');
    const chosen = form.querySelector('[name="variant_id"]:checked');
    if (choices.length && !chosen) {
      window.marketplace.showProblem(form, { detail: page.dataset.choose }, 400);
      return;
    }
    window.cart.add(page.dataset.productId, chosen ? chosen.value : null, form.elements.quantity.value);
    window.marketplace.toast(page.dataset.added);
  });
});
