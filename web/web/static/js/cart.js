// The cart: kept in this browser (localStorage), since the API has none. A line names a product, its variant and
// a quantity; prices, names and sellers are always read again from the API when the cart is shown or paid.
"use strict";

(() => {
  const KEY = "marketplace.cart.v1";
  const MAX_QUANTITY = 99;

  const read = () => {
    try {
      const lines = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(lines) ? lines.filter((line) => line && line.product_id && line.quantity > 0) : [];
    } catch { return []; }
  };
  const write = (lines) => {
    localStorage.setItem(KEY, JSON.stringify(lines));
    document.dispatchEvent(new CustomEvent("cart:changed", { detail: lines }));
  };
  const same = (line, productId, variantId) => line.product_id === productId && (line.variant_id || null) === (variantId || null);
  const clamp = (quantity) => Math.max(1, Math.min(MAX_QUANTITY, Number.parseInt(quantity, 10) || 1));

  window.cart = {
    lines: read,
    add(productId, variantId, quantity) {
      const lines = read();
      const found = lines.find((line) => same(line, productId, variantId));
      if (found) found.quantity = clamp(found.quantity + clamp(quantity));
      else lines.push({ product_id: productId, variant_id: variantId || null, quantity: clamp(quantity) });
      write(lines);
    },
    setQuantity(productId, variantId, quantity) {
      write(read().map((line) => (same(line, productId, variantId) ? { ...line, quantity: clamp(quantity) } : line)));
    },
    remove(productId, variantId) { write(read().filter((line) => !same(line, productId, variantId))); },
    clear() { write([]); },
    // Each line with what the API says of its product now: name, seller, price (of its variant), stock.
    async priced() {
      const byProduct = new Map();
      for (const line of read()) {
        if (!byProduct.has(line.product_id)) {
          byProduct.set(line.product_id, window.marketplace.callApi("GET", `/api/products/${encodeURIComponent(line.product_id)}`));
        }
      }
      const priced = [];
      for (const line of read()) {
        const answer = await byProduct.get(line.product_id);
        if (!answer.ok) { priced.push({ ...line, missing: true }); continue; }
        const product = answer.data;
        const variant = line.variant_id ? (product.variants || []).find((v) => v.id === line.variant_id) : null;
        const stock = variant ? variant.stock : product.stock;
        priced.push({
          ...line, product, variant,
          name: product.name, seller_id: product.seller_id, seller_name: product.seller?.display_name || "",
          option: variant ? variant.option_values.join(" / ") : "",
          unit_price: variant ? variant.price : product.current_price,
          unavailable: product.status !== "on_sale" || (line.variant_id && (!variant || variant.active === false)) || stock < line.quantity,
        });
      }
      return priced;
    },
  };
})();
