// Signing up: the API mailed (or texted) a code; its step comes next, for the contact just given.
"use strict";
for (const id of ["signup", "seller-signup"]) {
  document.getElementById(id)?.addEventListener("api:done", (event) => {
    const form = event.currentTarget;
    const login = (form.elements.email?.value || form.elements.phone?.value || "").trim();
    const query = new URLSearchParams({ login });
    if (id === "seller-signup") query.set("seller", "1");
    const next = form.querySelector('[name="next"]')?.value;
    if (next) query.set("next", next);
    window.location.assign(`/signup/verify?${query}`);
  });
}
