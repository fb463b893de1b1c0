// The seller's reviews: the unhappy reviews' causes over time as a stacked bar chart (Chart.js), one colour a cause.
"use strict";

const CAUSE_COLOURS = ["#b42318", "#8a5300", "#0b5cad", "#1a7f37", "#57606a"];

function drawCauses() {
  const data = document.getElementById("negative-causes-data");
  const canvas = document.querySelector("canvas[data-causes-chart]");
  if (!data || !canvas || !window.Chart) return;
  const { trend, causes } = JSON.parse(data.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: trend.map((point) => point.start),
      datasets: causes.map((cause, index) => ({
        label: canvas.dataset[`label${cause.split("_").map((part) => part[0].toUpperCase() + part.slice(1)).join("")}`] || cause,
        data: trend.map((point) => point.by_cause[cause] || 0),
        backgroundColor: CAUSE_COLOURS[index % CAUSE_COLOURS.length],
      })),
    },
    options: {
      responsive: true,
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

document.addEventListener("DOMContentLoaded", drawCauses);
