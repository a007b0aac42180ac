// coordination.js: the chart of the pooling page (/analysis/coordination):
// the home authorities active in a country by their financing there, drawn
// by Chart.js. The figures and the words come from the page (a data
// attribute, in the page's language); without JavaScript the same figures
// are in the table below the chart.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const canvas = document.getElementById("coordination-chart");
if (canvas) {
  const data = JSON.parse(canvas.dataset.chart);
  window.ealaCoordinationChart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: data.budget_label, data: data.budget, backgroundColor: "#1f77b4" }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: "y",
      scales: { x: { beginAtZero: true } },
      plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + c.parsed.x.toFixed(0) } } },
    },
  });
}
