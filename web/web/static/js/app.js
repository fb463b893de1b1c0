// The pages' one script: forms and buttons that call the public API, the API's errors shown beside each field,
// progress for uploads, and the live notification count. Pages are rendered by the server; this only acts.
"use strict";

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || "";
const pageLanguage = () => document.documentElement.lang || "ko";

// A call to the public API as this page's person: the session cookie, the CSRF token, the page's language.
async function callApi(method, url, body, { onProgress, headers: extra = {} } = {}) {
  const headers = { "X-CSRF-Token": csrfToken(), "Accept-Language": pageLanguage(), Accept: "application/json", ...extra };
  if (body instanceof FormData && onProgress) {
    return uploadWithProgress(method, url, body, headers, onProgress);
  }
  const init = { method, headers, credentials: "same-origin" };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { ok: response.ok, status: response.status, data, headers: response.headers };
}

// fetch() cannot report upload progress; XMLHttpRequest can.
function uploadWithProgress(method, url, body, headers, onProgress) {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener("load", () => {
      let data = null;
      try { data = request.responseText ? JSON.parse(request.responseText) : null; } catch { data = request.responseText; }
      resolve({ ok: request.status < 400, status: request.status, data, headers: { get: (n) => request.getResponseHeader(n) } });
    });
    request.addEventListener("error", () => resolve({ ok: false, status: 0, data: null }));
    request.send(body);
  });
}

// A form's fields as the API's JSON: names with dots nest (shipping.fee), data-type says numbers, booleans, lists.
function formJson(form) {
  const body = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled || element.type === "submit" || element.type === "file") continue;
    if (element.dataset.omitEmpty !== undefined && element.value === "") continue;
    if ((element.type === "checkbox" || element.type === "radio") && !element.checked && element.dataset.type !== "boolean") continue;
    let value = element.value;
    const type = element.dataset.type;
    if (type === "boolean") value = element.checked;
    else if (type === "integer") value = value === "" ? null : Number.parseInt(value, 10);
    else if (type === "number") value = value === "" ? null : Number(value);
    // A datetime-local input's wall time, read as Korea time (the API wants an instant with its offset).
    else if (type === "korea-datetime") value = value === "" ? null : `${value.length === 16 ? `${value}:00` : value}+09:00`;
    else if (type === "lines") value = value.split("\n").map((line) => line.trim()).filter(Boolean);
    else if (type === "json") { try { value = JSON.parse(value || "null"); } catch { /* the API says what is wrong */ } }
    else if (element.multiple) value = [...element.selectedOptions].map((option) => option.value);
    if (value === null && element.dataset.omitEmpty !== undefined) continue;
    const path = element.name.split(".");
    let target = body;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    const key = path.at(-1);
    if (element.dataset.type === "list" || (element.type === "checkbox" && element.dataset.type !== "boolean" && form.querySelectorAll(`[name="${CSS.escape(element.name)}"]`).length > 1)) {
      (target[key] ??= []).push(value);
    } else {
      target[key] = value;
    }
  }
  return body;
}

function clearErrors(form) {
  form.querySelectorAll("[data-error-for]").forEach((node) => { node.hidden = true; node.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  const formError = form.querySelector("[data-form-error]");
  if (formError) { formError.hidden = true; formError.textContent = ""; }
}

// Each field message of a problem's `errors` beside its field (nested names joined by dots), the rest on top.
function showProblem(form, problem, status) {
  const leftOver = [];
  const visit = (errors, prefix) => {
    for (const [name, messages] of Object.entries(errors || {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (messages && !Array.isArray(messages) && typeof messages === "object") { visit(messages, path); continue; }
      const text = [].concat(messages).join(" ");
      const slot = form.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
      if (slot) {
        slot.textContent = text;
        slot.hidden = false;
        form.querySelector(`[name="${CSS.escape(path)}"]`)?.setAttribute("aria-invalid", "true");
      } else {
        leftOver.push(`${path}: ${text}`);
      }
    }
  };
  visit(problem?.errors, "");
  const formError = form.querySelector("[data-form-error]");
  const detail = problem?.detail || problem?.title || (status === 0 ? document.body.dataset.offline : `${status}`);
  if (formError) {
    formError.textContent = [detail, ...leftOver].filter(Boolean).join(" ");
    formError.hidden = false;
  }
  (form.querySelector("[aria-invalid]") || formError)?.focus?.();
}

// `{id}` and `{a.b}` in a next URL come from the API's answer.
const filled = (template, data) => template.replace(/\{([\w.]+)\}/g, (_, path) =>
  encodeURIComponent(path.split(".").reduce((value, key) => value?.[key], data) ?? ""));

function toast(message) {
  const node = document.querySelector("[data-toast]");
  if (!node || !message) return;
  node.textContent = message;
  node.hidden = false;
  clearTimeout(node._timer);
  node._timer = setTimeout(() => { node.hidden = true; }, 5000);
}

async function submitApiForm(form, submitter) {
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  clearErrors(form);
  const method = (submitter?.dataset.method || form.dataset.method || "POST").toUpperCase();
  const url = submitter?.dataset.api || form.dataset.api;
  const progress = form.querySelector("[data-progress]");
  let body;
  if (form.dataset.upload !== undefined) {
    body = new FormData(form);
    // A file input left empty still sends an empty part, which the API would refuse as a file: leave it out.
    for (const [name, value] of [...body.entries()]) {
      if (value instanceof File && !value.name && !value.size) body.delete(name);
    }
    for (const element of form.querySelectorAll("[data-omit-empty]")) {
      if (element.name && element.value === "") body.delete(element.name);
    }
  } else if (method !== "DELETE" || form.elements.length > 1) {
    body = formJson(form);
    if (submitter?.name) body[submitter.name] = submitter.value;
  }
  const buttons = form.querySelectorAll("button, input[type=submit]");
  buttons.forEach((button) => { button.disabled = true; });
  form.setAttribute("aria-busy", "true");
  if (progress) { progress.hidden = false; progress.value = 0; }
  try {
    const answer = await callApi(method, url, body, { onProgress: progress ? (value) => { progress.value = value; } : undefined });
    if (!answer.ok) {
      showProblem(form, answer.data, answer.status);
      form.dispatchEvent(new CustomEvent("api:problem", { detail: answer, bubbles: true }));
      return;
    }
    form.dispatchEvent(new CustomEvent("api:done", { detail: answer, bubbles: true }));
    if (form.dataset.done) toast(form.dataset.done);
    const next = submitter?.dataset.next || form.dataset.next;
    if (next === "none") return;
    if (next) window.location.assign(filled(next, answer.data || {}));
    else window.location.reload();
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
    form.removeAttribute("aria-busy");
    if (progress) progress.hidden = true;
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-api]");
  if (!form) return;
  event.preventDefault();
  submitApiForm(form, event.submitter);
});

// Signing out ends the API session first, then shows the start page.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-sign-out]");
  if (!form) return;
  event.preventDefault();
  await callApi("DELETE", "/api/session");
  window.location.assign("/");
});

// The unread count in the header, kept live by the notification stream (Server-Sent Events through the gateway).
function watchNotifications() {
  const badge = document.querySelector("[data-unread-count]");
  if (!badge || !window.EventSource) return;
  const show = (unread) => {
    badge.textContent = unread > 99 ? "99+" : String(unread);
    badge.hidden = !unread;
  };
  callApi("GET", "/api/notifications/unread-count").then((answer) => { if (answer.ok) show(answer.data.unread); });
  // A page that lists notifications names the newest it shows: the stream first sends any that came since.
  const shown = document.querySelector("[data-last-notification-id]")?.dataset.lastNotificationId;
  const stream = new EventSource(`/api/notifications/stream${shown ? `?last_event_id=${encodeURIComponent(shown)}` : ""}`);
  stream.addEventListener("notification", (event) => {
    const notice = JSON.parse(event.data);
    if (typeof notice.unread === "number") show(notice.unread);
    document.dispatchEvent(new CustomEvent("notification", { detail: notice }));
  });
}

document.addEventListener("DOMContentLoaded", watchNotifications);

// A table wider than the screen scrolls sideways in its .table-wrap: a keyboard must reach that scroll too, so a
// wrap that overflows becomes a named, focusable region (named after its table's caption or the heading before it).
function letWideTablesScroll() {
  for (const wrap of document.querySelectorAll(".table-wrap:not([tabindex])")) {
    if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
      let heading = wrap.querySelector("caption");
      for (let node = wrap.previousElementSibling; !heading && node; node = node.previousElementSibling) {
        if (/^H[1-6]$/.test(node.tagName)) heading = node;
      }
      heading ??= wrap.closest("section")?.querySelector("h1, h2, h3") ?? document.querySelector("h1");
      if (heading) wrap.setAttribute("aria-label", heading.textContent.trim());
    }
  }
}
document.addEventListener("DOMContentLoaded", letWideTablesScroll);

// An answer taken from an FAQ entry: choosing the entry puts its answer in the answer box, to send as it is or edit.
function followFaqPickers() {
  for (const picker of document.querySelectorAll("[data-faq-picker]")) {
    const choice = picker.querySelector("select");
    const answer = document.querySelector(picker.dataset.answer);
    choice.addEventListener("change", () => {
      const text = choice.selectedOptions[0]?.dataset.answer;
      if (!text || answer.value.trim() === text) return;
      if (answer.value.trim() && !window.confirm(picker.dataset.replace)) return;
      answer.value = text;
      answer.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }
}

document.addEventListener("DOMContentLoaded", followFaqPickers);
window.addEventListener("resize", () => { clearTimeout(letWideTablesScroll.timer); letWideTablesScroll.timer = setTimeout(letWideTablesScroll, 200); });

window.marketplace = { callApi, formJson, showProblem, clearErrors, toast, filled };
