// Checkout: the browser's cart priced by the API, grouped by seller; the quote as coupons and points change;
// the order placed once (an Idempotency-Key per page, so a retry never orders twice); then the order's page.
"use strict";

(() => {
  const won = (amount) => (document.documentElement.lang === "ko"
    ? `${Number(amount).toLocaleString("ko-KR")}원` : `₩${Number(amount).toLocaleString("en-US")}`);
  const idempotencyKey = (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
  let lines = [];

  function body(form) {
    const sent = window.marketplace.formJson(form);
    sent.coupon_ids = [...form.querySelectorAll("[data-coupon]:checked")].map((box) => box.value);
    sent.points = Number.isInteger(sent.points) ? sent.points : 0;
    sent.items = lines.map((line) => ({
      product_id: line.product_id, variant_id: line.variant_id || null, seller_id: line.seller_id,
      quantity: line.quantity, unit_price: line.unit_price,
    }));
    return sent;
  }

  function showLines(form) {
    const box = form.querySelector("[data-lines]");
    const template = document.getElementById("checkout-shop");
    const bySeller = new Map();
    for (const line of lines) {
      if (!bySeller.has(line.seller_id)) bySeller.set(line.seller_id, []);
      bySeller.get(line.seller_id).push(line);
    }
    box.replaceChildren();
    for (const [sellerId, sellerLines] of bySeller) {
      const group = template.content.firstElementChild.cloneNode(true);
      group.dataset.sellerId = sellerId;
      group.querySelector("[data-shop-name]").textContent = form.dataset.shop.replace("{seller}", sellerLines[0].seller_name || "");
      for (const line of sellerLines) {
        const item = document.createElement("li");
        item.textContent = `${line.name}${line.option ? ` (${line.option})` : ""} × ${line.quantity} · ${won(line.unit_price * line.quantity)}`;
        group.querySelector("[data-shop-lines]").append(item);
      }
      box.append(group);
    }
    form.querySelector("[data-lines-loading]").hidden = true;
  }

  function showQuote(form, quote) {
    const words = document.getElementById("checkout-words").dataset;
    form.querySelector("[data-quote-items]").textContent = won(quote.items_amount);
    form.querySelector("[data-quote-shipping]").textContent = won(quote.shipping_fee);
    form.querySelector("[data-quote-discount]").textContent = `−${won(quote.discount)}`;
    form.querySelector("[data-quote-points]").textContent = `−${won(quote.points_used)}`;
    form.querySelector("[data-quote-total]").textContent = won(quote.total_amount);
    for (const shipment of quote.shipments || []) {
      const group = form.querySelector(`[data-seller-id="${CSS.escape(shipment.seller_id)}"] [data-shop-quote]`);
      if (group) {
        group.textContent = [words.shipping.replace("{shipping}", won(shipment.shipping_fee)),
          shipment.discount ? words.discount.replace("{discount}", won(shipment.discount)) : ""].filter(Boolean).join(" · ");
      }
    }
    form.querySelector("[data-quote]").hidden = false;
    form.querySelector("[data-quote-note]").hidden = true;
  }

  async function quote(form, { explicit }) {
    if (explicit) window.marketplace.clearErrors(form);
    const answer = await window.marketplace.callApi("POST", "/api/orders/quotes", body(form));
    if (answer.ok) { showQuote(form, answer.data); return; }
    form.querySelector("[data-quote]").hidden = true;
    form.querySelector("[data-quote-note]").hidden = false;
    if (explicit) window.marketplace.showProblem(form, answer.data, answer.status);
  }

  async function place(form) {
    window.marketplace.clearErrors(form);
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => { button.disabled = true; });
    form.setAttribute("aria-busy", "true");
    try {
      const answer = await window.marketplace.callApi("POST", "/api/orders", body(form), { headers: { "Idempotency-Key": idempotencyKey } });
      if (!answer.ok) { window.marketplace.showProblem(form, answer.data, answer.status); return; }
      window.cart.clear();
      window.location.assign(`/orders/${encodeURIComponent(answer.data.id)}?placed=1`);
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
      form.removeAttribute("aria-busy");
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const form = document.getElementById("checkout");
    if (!form) return;
    lines = (await window.cart.priced()).filter((line) => !line.missing);
    if (!lines.length) {
      form.hidden = true;
      document.getElementById("checkout-empty").hidden = false;
      return;
    }
    showLines(form);
    form.addEventListener("submit", (event) => { event.preventDefault(); place(form); });
    form.querySelector("[data-quote-button]").addEventListener("click", () => quote(form, { explicit: true }));
    form.addEventListener("change", () => quote(form, { explicit: false }));
    quote(form, { explicit: false });
  });
})();
