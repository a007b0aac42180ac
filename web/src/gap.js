// gap.js: the chart of the gap page (/analysis/gap): the share of each
// category among expected and among observed impacts, side by side, drawn by
// Chart.js. The figures and the words come from the page (data attributes,
// in the page's language); without JavaScript the same figures are in the
// table above the chart.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const canvas = document.getElementById("gap-chart");
if (canvas) {
  const data = JSON.parse(canvas.dataset.chart);
  window.ealaGapChart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.expected_label, data: data.expected, backgroundColor: "#c0392b" },
        { label: data.observed_label, data: data.observed, backgroundColor: "#1f77b4" },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => v + " %" } } },
      plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + c.parsed.y.toFixed(0) + " %" } } },
    },
  });
}
