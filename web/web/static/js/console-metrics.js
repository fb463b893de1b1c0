// CS metrics' charts (Chart.js): inquiries opened and resolved by day, time to a first answer, the backlog by age,
// from the report the page carries as JSON; the same numbers are in the page's tables.
"use strict";

function drawCsMetrics() {
  const data = document.getElementById("cs-metrics");
  if (!data || !window.Chart) return;
  const report = JSON.parse(data.textContent);
  const language = document.documentElement.lang || "ko";
  const numbers = new Intl.NumberFormat(language);
  // A histogram's bucket: "≤ 30m", "≤ 4h", or beyond the last bound.
  const bucket = (minutes) => (minutes === null ? report.labels.beyond
    : minutes < 60 ? `≤ ${numbers.format(minutes)}m` : `≤ ${numbers.format(minutes / 60)}h`);
  const common = { responsive: true, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } };
  const charts = {
    by_day: () => ({
      type: "line",
      data: {
        labels: report.by_day.map((day) => day.day),
        datasets: [
          { label: report.labels.opened, data: report.by_day.map((day) => day.opened), borderColor: "#0b5cad", backgroundColor: "#0b5cad" },
          { label: report.labels.resolved, data: report.by_day.map((day) => day.resolved), borderColor: "#1a7f37", backgroundColor: "#1a7f37" },
        ],
      },
      options: common,
    }),
    first_response: () => ({
      type: "bar",
      data: { labels: report.first_response.map((b) => bucket(b.up_to_minutes)),
              datasets: [{ label: report.labels.first_response, data: report.first_response.map((b) => b.inquiries), backgroundColor: "rgba(11, 92, 173, 0.6)" }] },
      options: { ...common, plugins: { legend: { display: false } } },
    }),
    backlog: () => ({
      type: "bar",
      data: { labels: report.backlog.map((b) => bucket(b.up_to_minutes)),
              datasets: [{ label: report.labels.backlog, data: report.backlog.map((b) => b.inquiries), backgroundColor: "rgba(138, 83, 0, 0.6)" }] },
      options: { ...common, plugins: { legend: { display: false } } },
    }),
  };
  for (const canvas of document.querySelectorAll("canvas[data-cs-chart]")) {
    new window.Chart(canvas, charts[canvas.dataset.csChart]());
  }
}

document.addEventListener("DOMContentLoaded", drawCsMetrics);
