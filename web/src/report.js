// report.js: the charts and the map of the annual report (src/report/annual.c),
// on its page and in its self-contained file. The figures and the words come
// from the report (data attributes, in its language); the tables beside them
// carry the same figures for readers without JavaScript and for print.
// The map is drawn by d3-geo from Natural Earth's countries (world-atlas):
// inlined in the file (#report-world), fetched from eala on the page.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";
import { geoNaturalEarth1, geoPath, geoGraticule10, geoCentroid } from "d3-geo";
import { feature, mesh } from "topojson-client";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const lang = document.documentElement.lang || "en";
const euros = new Intl.NumberFormat(lang, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
const colours = ["#9fb8cc", "#123c5a"];
// sharp in print: at least two device pixels per CSS pixel
const ratio = Math.max(2, window.devicePixelRatio || 1);

// long labels (funding sources) on lines of about 30 characters, not cut off
function wrap(label) {
  const lines = [];
  let line = "";
  for (const word of label.split(" ")) {
    if (line && (line + " " + word).length > 30) { lines.push(line); line = word; }
    else line = line ? line + " " + word : word;
  }
  lines.push(line);
  return lines;
}

function charts() {
  for (const canvas of document.querySelectorAll("canvas.report-chart")) {
    const data = JSON.parse(canvas.dataset.chart);
    canvas.parentElement.style.height = 70 + 44 * Number(canvas.dataset.bars || 1) + "px";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels.map(wrap),
        datasets: data.datasets.map((set, i) => ({ ...set, backgroundColor: colours[i % colours.length] })),
      },
      options: {
        indexAxis: "y",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        devicePixelRatio: ratio,
        scales: { x: { beginAtZero: true, ticks: { callback: (v) => euros.format(v) } } },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + euros.format(c.parsed.x) } },
        },
      },
    });
  }
}

// The authority and its partners, with a margin, at most 8 times closer than
// the whole world (places side by side).
function fit(places, width, height) {
  const whole = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const points = { type: "MultiPoint", coordinates: places.map((p) => [p[1], p[0]]) };
  const margin = Math.min(width, height) * 0.12;
  const near = geoNaturalEarth1().fitExtent([[margin, margin], [width - margin, height - margin]], points);
  if (near.scale() <= whole.scale()) return whole;
  if (near.scale() <= whole.scale() * 8) return near;
  const close = geoNaturalEarth1().scale(whole.scale() * 8).translate([0, 0]);
  const [x, y] = close(geoCentroid(points));
  return close.translate([width / 2 - x, height / 2 - y]);
}

function map(world) {
  const canvas = document.getElementById("report-map");
  if (!canvas) return;
  const places = JSON.parse(canvas.dataset.places);
  const width = canvas.clientWidth, height = Math.round(width * 0.5);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.height = height + "px";
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const projection = fit(places, width, height);
  const path = geoPath(projection, ctx);
  ctx.beginPath(); path({ type: "Sphere" }); ctx.fillStyle = "#eef4f8"; ctx.fill();
  ctx.beginPath(); path(geoGraticule10()); ctx.strokeStyle = "#dde6ee"; ctx.lineWidth = 0.5; ctx.stroke();
  if (world) {
    ctx.beginPath(); path(feature(world, world.objects.countries)); ctx.fillStyle = "#d9d4c7"; ctx.fill();
    ctx.beginPath(); path(mesh(world, world.objects.countries, (a, b) => a !== b));
    ctx.strokeStyle = "#fff"; ctx.lineWidth = 0.6; ctx.stroke();
  }
  const xy = places.map((p) => projection([p[1], p[0]]));
  const home = places.findIndex((p) => p[3]);
  ctx.strokeStyle = "#c0392b"; ctx.lineWidth = 1.5; ctx.globalAlpha = 0.8;
  ctx.beginPath();
  xy.forEach((p, i) => {
    if (i === home || !p || !xy[home]) return;
    ctx.moveTo(xy[home][0], xy[home][1]);
    ctx.lineTo(p[0], p[1]);
  });
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.font = "12px system-ui, sans-serif";
  xy.forEach((p, i) => {
    if (!p) return;
    ctx.beginPath(); ctx.arc(p[0], p[1], i === home ? 5 : 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = i === home ? "#c0392b" : "#123c5a"; ctx.fill();
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.85)"; ctx.fillStyle = "#1b1b1b";
    ctx.strokeText(places[i][2], p[0] + 7, p[1] + 4);
    ctx.fillText(places[i][2], p[0] + 7, p[1] + 4);
  });
}

charts();
const inline = document.getElementById("report-world");
if (inline) {
  map(JSON.parse(inline.textContent));
  window.ealaReportDrawn = true;
} else if (document.getElementById("report-map")) {
  fetch("/static/countries-110m.json").then((r) => r.json()).then(map, () => map(null))
    .finally(() => { window.ealaReportDrawn = true; });
} else {
  window.ealaReportDrawn = true;
}
