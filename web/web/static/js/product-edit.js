// A product's options and variants: rows a seller adds and removes, one input per option in each, sent as the
// API's JSON (options, variants) when the form is submitted; the API's errors land beside each row's input.
"use strict";

const variantsForm = document.getElementById("variants");

function optionNames() {
  return variantsForm.querySelector('[name="options"]').value.split("\n").map((line) => line.trim()).filter(Boolean);
}

// Each row gets as many option value inputs as there are options, named for screen readers after the option.
function fitOptionInputs(row) {
  const cell = row.querySelector("[data-option-values]");
  const names = optionNames();
  const inputs = [...cell.querySelectorAll("[data-option-value]")];
  const error = cell.querySelector(".field-error");
  names.forEach((name, index) => {
    let input = inputs[index];
    if (!input) {
      input = document.createElement("input");
      input.dataset.optionValue = "";
      input.maxLength = 50;
      cell.insertBefore(input, error);
    }
    input.setAttribute("aria-label", name);
  });
  inputs.slice(names.length).forEach((input) => input.remove());
}

function rows() {
  return [...variantsForm.querySelectorAll("[data-variant-rows] [data-variant]")];
}

// Error slots follow the rows' order, as the API counts them (variants.0.stock, ...).
function numberRows() {
  rows().forEach((row, index) => {
    const slots = row.querySelectorAll(".field-error");
    const names = ["option_values", "price_difference", row.dataset.variantId ? "stock_adjustment" : "stock", "sku"];
    slots.forEach((slot, column) => { slot.dataset.errorFor = `variants.${index}.${names[column]}`; });
  });
}

function variantsJson() {
  return rows().map((row) => {
    const variant = {
      option_values: [...row.querySelectorAll("[data-option-value]")].map((input) => input.value.trim()),
      price_difference: Number.parseInt(row.querySelector("[data-price-difference]").value || "0", 10),
      sku: row.querySelector("[data-sku]").value.trim() || null,
      active: row.querySelector("[data-active]").checked,
    };
    if (row.dataset.variantId) {
      variant.id = row.dataset.variantId;
      variant.stock_adjustment = Number.parseInt(row.querySelector("[data-stock-adjustment]").value || "0", 10);
    } else {
      variant.stock = Number.parseInt(row.querySelector("[data-stock]").value || "0", 10);
    }
    return variant;
  });
}

if (variantsForm) {
  variantsForm.querySelector('[name="options"]').addEventListener("input", () => rows().forEach(fitOptionInputs));
  variantsForm.querySelector("[data-add-variant]").addEventListener("click", () => {
    const template = variantsForm.querySelector("[data-variant-template]");
    const row = template.content.firstElementChild.cloneNode(true);
    variantsForm.querySelector("[data-variant-rows]").append(row);
    fitOptionInputs(row);
    numberRows();
    (row.querySelector("[data-option-value]") || row.querySelector("input"))?.focus();
  });
  variantsForm.addEventListener("click", (event) => {
    const remove = event.target.closest("[data-remove-variant]");
    if (!remove) return;
    remove.closest("[data-variant]").remove();
    numberRows();
  });
  // Before app.js sends the form (its listener is on the document), the rows become the variants' JSON.
  variantsForm.addEventListener("submit", () => {
    numberRows();
    variantsForm.querySelector("[data-variants-json]").value = JSON.stringify(variantsJson());
  });
  numberRows();
}
