// An order still being confirmed (stock and payment) refreshes until it is paid or cancelled.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const pending = document.getElementById("order-pending");
  if (!pending) return;
  const seconds = Number(pending.dataset.refreshSeconds) || 3;
  setTimeout(() => window.location.reload(), seconds * 1000);
});
