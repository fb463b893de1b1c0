// The seller's statistics: one Chart.js chart a measure, from the report the page carries as JSON, its values
// written as the table below writes them (원, %, stars).
"use strict";

function statisticsFormat(unit, language) {
  const numbers = new Intl.NumberFormat(language);
  if (unit === "won") return (value) => (language === "ko" ? `${numbers.format(value)}원` : `₩${numbers.format(value)}`);
  if (unit === "ratio") return (value) => `${(value * 100).toFixed(1)}%`;
  if (unit === "stars") return (value) => `★ ${value.toFixed(2)}`;
  return (value) => numbers.format(value);
}

function drawStatistics() {
  const data = document.getElementById("statistics-report");
  if (!data || !window.Chart) return;
  const report = JSON.parse(data.textContent);
  const language = document.documentElement.lang || "ko";
  for (const canvas of document.querySelectorAll("canvas[data-statistics-chart]")) {
    const series = report.series[canvas.dataset.statisticsChart];
    const format = statisticsFormat(series.unit, language);
    new window.Chart(canvas, {
      type: series.unit === "count" || series.unit === "won" ? "bar" : "line",
      data: {
        labels: report.period_starts,
        datasets: [{ label: canvas.dataset.label, data: series.values, borderColor: "#0b5cad",
                     backgroundColor: "rgba(11, 92, 173, 0.35)", spanGaps: true }],
      },
      options: {
        responsive: true,
        animation: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => format(item.parsed.y) } } },
        scales: { y: { beginAtZero: series.unit !== "stars", ticks: { callback: (value) => format(value) } } },
      },
    });
  }
}

document.addEventListener("DOMContentLoaded", drawStatistics);
