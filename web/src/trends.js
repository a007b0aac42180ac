// trends.js: the charts of the trends page (/analysis/trends), drawn by
// Chart.js from the figures the page puts in a data attribute (words in the
// page's language): partnerships begun by kind and ended, the shares of new
// partnerships by the partners' income group and with Europe, agreements
// against one-off actions, actions by domain, money by funding source and
// organisations appearing by kind. Without JavaScript the same figures are
// in the table below the charts.
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale,
  Legend, Tooltip,
} from "chart.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale,
  Legend, Tooltip);

const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
  "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
  "#31a354", "#756bb1", "#636363"];

const base = { animation: false, responsive: true, maintainAspectRatio: false };
const stacked = { ...base, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } };

function sets(series, type) {
  return series.map((s, i) => ({ type, label: s.label, data: s.data, backgroundColor: palette[i % palette.length],
    borderColor: palette[i % palette.length] }));
}

function draw(id, config) {
  const canvas = document.getElementById(id);
  if (canvas) window.ealaTrendsCharts.push(new Chart(canvas, config));
}

const root = document.getElementById("trends-charts");
if (root) {
  const d = JSON.parse(root.dataset.chart);
  const w = d.words;
  window.ealaTrendsCharts = [];
  const ended = d.years.map((_, i) => d.ended.reduce((n, s) => n + s.data[i], 0));
  draw("trends-partnerships", { type: "bar", data: { labels: d.years, datasets: [
    ...sets(d.started, "bar").map((s) => ({ ...s, stack: "started" })),
    { type: "line", label: w.ended, data: ended, borderColor: "#000", backgroundColor: "#000" },
  ] }, options: stacked });
  draw("trends-income", { type: "line", data: { labels: d.years, datasets: sets(d.income, "line") },
    options: { ...base, spanGaps: true, scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => v + " %" } } } } });
  draw("trends-agreements", { type: "line", data: { labels: d.years, datasets: [
    { label: w.agreements, data: d.agreements, borderColor: palette[0], backgroundColor: palette[0] },
    { label: w.oneoff, data: d.oneoff, borderColor: palette[1], backgroundColor: palette[1] },
  ] }, options: { ...base, scales: { y: { beginAtZero: true } } } });
  draw("trends-domains", { type: "bar", data: { labels: d.years, datasets: sets(d.domains, "bar") }, options: stacked });
  draw("trends-sources", { type: "bar", data: { labels: d.years, datasets: sets(d.sources, "bar") }, options: stacked });
  draw("trends-organisations", { type: "bar", data: { labels: d.years, datasets: sets(d.organisations, "bar") },
    options: stacked });
}
