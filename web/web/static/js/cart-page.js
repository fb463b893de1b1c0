// The cart page: the browser's cart lines, priced from the API's products, with quantities to change.
"use strict";

const wonText = (amount) => (document.documentElement.lang === "ko"
  ? `${amount.toLocaleString("ko-KR")}원` : `₩${amount.toLocaleString("en-US")}`);

async function showCart() {
  const box = document.getElementById("cart");
  if (!box) return;
  const lines = await window.cart.priced();
  const body = box.querySelector("[data-cart-lines]");
  const template = document.getElementById("cart-line");
  body.replaceChildren();
  let total = 0;
  for (const line of lines) {
    const row = template.content.firstElementChild.cloneNode(true);
    const name = row.querySelector("[data-name]");
    name.href = `/products/${line.product_id}`;
    name.textContent = line.name || line.product_id;
    row.querySelector("[data-option]").textContent = line.option || "";
    row.querySelector("[data-seller]").textContent = line.seller_name ? box.dataset.shop.replace("{seller}", line.seller_name) : "";
    const problem = row.querySelector("[data-problem]");
    if (line.missing || line.unavailable) {
      problem.textContent = line.missing ? box.dataset.missing : box.dataset.unavailable;
      problem.hidden = false;
    }
    const quantity = row.querySelector("[data-quantity]");
    quantity.value = line.quantity;
    quantity.setAttribute("aria-label", box.dataset.quantityLabel.replace("{name}", line.name || ""));
    quantity.addEventListener("change", () => { window.cart.setQuantity(line.product_id, line.variant_id, quantity.value); showCart(); });
    const remove = row.querySelector("[data-remove]");
    remove.textContent = box.dataset.remove;
    remove.setAttribute("aria-label", `${box.dataset.remove}: ${line.name || ""}`);
    remove.addEventListener("click", () => { window.cart.remove(line.product_id, line.variant_id); showCart(); });
    if (!line.missing) {
      row.querySelector("[data-price]").textContent = wonText(line.unit_price);
      row.querySelector("[data-amount]").textContent = wonText(line.unit_price * line.quantity);
      total += line.unit_price * line.quantity;
    }
    body.append(row);
  }
  box.querySelector("[data-cart-loading]").hidden = true;
  box.querySelector("[data-cart-total]").textContent = wonText(total);
  box.querySelector("[data-cart-table]").hidden = !lines.length;
  box.querySelector("[data-cart-actions]").hidden = !lines.length;
  box.querySelector("[data-cart-empty]").hidden = Boolean(lines.length);
}

document.addEventListener("DOMContentLoaded", showCart);
