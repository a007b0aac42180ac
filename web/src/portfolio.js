// portfolio.js: the charts of the portfolio review (/analysis/portfolio):
// one bar chart per breakdown (country, income group, region, domain,
// partnership kind, action type), the budget in euros with the number of
// actions in the tooltip, drawn by Chart.js. The figures and the words come
// from the page (data attributes, in the page's language); without
// JavaScript the same figures are in the tables beside the charts.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

window.ealaPortfolioCharts = [];
for (const canvas of document.querySelectorAll("canvas.portfolio-chart")) {
  const data = JSON.parse(canvas.dataset.chart);
  window.ealaPortfolioCharts.push(new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: data.budget_label, data: data.budget, backgroundColor: "#1f77b4" }],
    },
    options: {
      animation: false,
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { beginAtZero: true } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (c) => c.dataset.label + ": " + Math.round(c.parsed.x).toLocaleString() +
              " · " + data.actions_label + ": " + data.actions[c.dataIndex],
          },
        },
      },
    },
  }));
}
