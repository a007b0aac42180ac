// calls.js: the partner calls' map (/partner_calls), drawn on a canvas with
// d3-geo from Natural Earth's countries (world-atlas), served by eala itself.
// The countries sought by the published calls are shaded (darker: more
// calls); the calling authorities are dots at their places. The figures come
// from the canvas's data-map attribute (no inline script).
import { geoNaturalEarth1, geoPath, geoGraticule10, geoCentroid } from "d3-geo";
import { feature, mesh } from "topojson-client";

const canvas = document.getElementById("calls-map");
const ctx = canvas.getContext("2d");
const data = JSON.parse(canvas.dataset.map || "{}");
const sought = new Map((data.countries || []).map((c) => [c.numeric, c]));
const callers = (data.calls || []).filter((c) => typeof c.lat === "number" && typeof c.lng === "number");
const most = Math.max(1, ...(data.countries || []).map((c) => c.calls));
let world = null;

function size() {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = Math.round(width * 0.52);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.height = height + "px";
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return [width, height];
}

// from a pale to a deep amber as the number of calls grows
function shade(n) {
  const t = Math.sqrt(n / most);
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(247, 196)}, ${mix(220, 110)}, ${mix(160, 20)})`;
}

function draw() {
  const [width, height] = size();
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const path = geoPath(projection, ctx);
  ctx.clearRect(0, 0, width, height);
  ctx.beginPath(); path({ type: "Sphere" }); ctx.fillStyle = "#eef4f8"; ctx.fill();
  ctx.beginPath(); path(geoGraticule10()); ctx.strokeStyle = "#dde6ee"; ctx.lineWidth = 0.5; ctx.stroke();
  if (!world) return;
  const countries = feature(world, world.objects.countries).features;
  for (const f of countries) {
    const c = sought.get(f.id);
    ctx.beginPath(); path(f); ctx.fillStyle = c ? shade(c.calls) : "#d9d4c7"; ctx.fill();
  }
  ctx.beginPath(); path(mesh(world, world.objects.countries, (a, b) => a !== b));
  ctx.strokeStyle = "#fff"; ctx.lineWidth = 0.5; ctx.stroke();
  ctx.font = "12px system-ui, sans-serif";
  for (const f of countries) {
    const c = sought.get(f.id);
    if (!c) continue;
    const [x, y] = projection(geoCentroid(f));
    const label = `${c.label} (${c.calls})`;
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.85)"; ctx.strokeText(label, x + 6, y + 4);
    ctx.fillStyle = "#1b2631"; ctx.fillText(label, x + 6, y + 4);
  }
  // the calling authorities: a dark dot each, with the call's title
  for (const c of callers) {
    const [x, y] = projection([c.lng, c.lat]);
    ctx.beginPath(); ctx.arc(x, y, 5, 0, 2 * Math.PI);
    ctx.fillStyle = "#1f4e79"; ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 1.5; ctx.stroke();
  }
  // for the browser test: which countries the map shaded, how many dots
  window.ealaCallsMap = {
    shaded: countries.filter((f) => sought.has(f.id)).map((f) => sought.get(f.id).code).sort(),
    dots: callers.length,
  };
}

draw();
fetch("/static/countries-110m.json").then((r) => r.json()).then((w) => { world = w; draw(); });
window.addEventListener("resize", draw);
