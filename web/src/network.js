// network.js: the charts of the network pages, drawn by Chart.js from the
// figures the page puts in data attributes (words in the page's language);
// without JavaScript the same figures are in the tables beside them.
//   #network-chart   (/analysis/network): how many authorities have each
//                    number of partners, both axes on a log scale
//   #practice-chart  (/practices/ID): adoptions per year and their running total
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, ScatterController,
  CategoryScale, LinearScale, LogarithmicScale, Legend, Tooltip,
} from "chart.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, ScatterController,
  CategoryScale, LinearScale, LogarithmicScale, Legend, Tooltip);

const degrees = document.getElementById("network-chart");
if (degrees) {
  const data = JSON.parse(degrees.dataset.chart);
  window.ealaNetworkChart = new Chart(degrees, {
    type: "scatter",
    data: {
      datasets: [{
        label: data.label,
        data: data.points.map(([x, y]) => ({ x, y })),
        backgroundColor: "#1f77b4",
      }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: "logarithmic", title: { display: true, text: data.x_label } },
        y: { type: "logarithmic", title: { display: true, text: data.y_label } },
      },
    },
  });
}

const practice = document.getElementById("practice-chart");
if (practice) {
  const data = JSON.parse(practice.dataset.chart);
  window.ealaPracticeChart = new Chart(practice, {
    data: {
      labels: data.years,
      datasets: [
        { type: "bar", label: data.adoptions_label, data: data.adoptions, backgroundColor: "#c0392b" },
        { type: "line", label: data.cumulative_label, data: data.cumulative, borderColor: "#1f77b4",
          backgroundColor: "#1f77b4", stepped: true },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}
