// Signing in: the password passed, so either the second step is due or the browser is signed in.
"use strict";
document.getElementById("sign-in")?.addEventListener("api:done", (event) => {
  const answer = event.detail.data;
  const next = event.currentTarget.querySelector('[name="next"]').value;
  if (answer.second_factor_required) {
    const query = new URLSearchParams({ next, methods: answer.second_factors.join(",") });
    window.location.assign(`/login/second-factor?${query}`);
  } else {
    window.location.assign(`/signed-in?${new URLSearchParams({ next })}`);
  }
});
