// The seller dashboard: the charts (Chart.js) from the statistics the page carries as JSON, and the live
// notification list, which app.js's `notification` events (the SSE stream) add to without a reload.
"use strict";

function drawCharts() {
  const data = document.getElementById("statistics-data");
  if (!data || !window.Chart) return;
  const statistics = JSON.parse(data.textContent);
  const language = document.documentElement.lang || "ko";
  const numbers = new Intl.NumberFormat(language);
  const shown = {
    revenue: (value) => (language === "ko" ? `${numbers.format(value)}원` : `₩${numbers.format(value)}`),
    conversion: (value) => `${(value * 100).toFixed(1)}%`,
  };
  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const measure = canvas.dataset.chart;
    const series = statistics.series[measure];
    if (!series || !series.available) continue;
    const format = shown[measure] || ((value) => numbers.format(value));
    new window.Chart(canvas, {
      type: measure === "revenue" || measure === "orders" ? "bar" : "line",
      data: {
        labels: statistics.period_starts,
        datasets: [{ label: canvas.dataset.label, data: series.values, borderColor: "#0b5cad", backgroundColor: "rgba(11, 92, 173, 0.35)", spanGaps: true }],
      },
      options: {
        responsive: true,
        animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => format(item.parsed.y) } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (value) => format(value) } } },
      },
    });
  }
}

function koreaTime(instant, language) {
  return new Intl.DateTimeFormat(language, {
    timeZone: "Asia/Seoul", month: language === "ko" ? "numeric" : "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", hour12: false,
  }).format(new Date(instant));
}

// A notification as the server renders it in the list: title (a link when it has one), body, time.
function notificationItem(notice, list) {
  const item = document.createElement("li");
  item.className = "notification unread live";
  item.dataset.notificationId = String(notice.id);
  const title = document.createElement("strong");
  if (notice.link) {
    const link = document.createElement("a");
    link.href = notice.link;
    link.textContent = notice.title;
    title.append(link);
  } else {
    title.textContent = notice.title;
  }
  const badge = document.createElement("span");
  badge.className = "status";
  badge.textContent = list.dataset.newLabel;
  const body = document.createElement("span");
  body.textContent = notice.body;
  const time = document.createElement("time");
  time.className = "muted";
  time.dateTime = notice.created_at;
  time.textContent = koreaTime(notice.created_at, list.dataset.language || "ko");
  item.append(title, " ", badge, body, time);
  return item;
}

function followNotifications() {
  const list = document.querySelector("[data-live-notifications]");
  if (!list) return;
  document.addEventListener("notification", (event) => {
    const notice = event.detail;
    if (!notice || !notice.title || list.querySelector(`[data-notification-id="${CSS.escape(String(notice.id))}"]`)) return;
    list.prepend(notificationItem(notice, list));
    document.querySelector("[data-no-notifications]")?.remove();
    if (notice.kind === "new_order") {
      const waiting = document.querySelector('[data-figure="new-orders"]');
      if (waiting) waiting.textContent = new Intl.NumberFormat(list.dataset.language || "ko").format(Number.parseInt(waiting.textContent.replace(/\D/g, ""), 10) + 1);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  drawCharts();
  followNotifications();
});
