// diagnostic.js: the territorial diagnostic's map (/analysis/diagnostic),
// drawn on a canvas with d3-geo from Natural Earth's countries (world-atlas),
// served by eala itself. Countries are shaded by the number of local actors
// with links there; the countries of the authority's partnerships are circled.
// The figures come from the canvas's data-map attribute (no inline script).
import { geoNaturalEarth1, geoPath, geoGraticule10, geoCentroid } from "d3-geo";
import { feature, mesh } from "topojson-client";

const canvas = document.getElementById("diagnostic-map");
const ctx = canvas.getContext("2d");
const data = JSON.parse(canvas.dataset.map || "{}");
const actors = new Map((data.countries || []).map((c) => [c.numeric, c]));
const partners = new Set((data.partners || []).map((c) => c.numeric));
const most = Math.max(1, ...(data.countries || []).map((c) => c.actors));
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

// from a pale to a deep teal as the number of actors grows
function shade(n) {
  const t = Math.sqrt(n / most);
  const mix = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${mix(198, 8)}, ${mix(226, 88)}, ${mix(222, 96)})`;
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
    const c = actors.get(f.id);
    ctx.beginPath(); path(f); ctx.fillStyle = c ? shade(c.actors) : "#d9d4c7"; ctx.fill();
  }
  ctx.beginPath(); path(mesh(world, world.objects.countries, (a, b) => a !== b));
  ctx.strokeStyle = "#fff"; ctx.lineWidth = 0.5; ctx.stroke();
  // the partnerships' countries: a ring at the centroid, then the labels
  ctx.font = "12px system-ui, sans-serif";
  for (const f of countries) {
    const c = actors.get(f.id);
    if (!partners.has(f.id) && !c) continue;
    const [x, y] = projection(geoCentroid(f));
    if (partners.has(f.id)) {
      ctx.beginPath(); ctx.arc(x, y, 7, 0, 2 * Math.PI);
      ctx.strokeStyle = "#b03a2e"; ctx.lineWidth = 2.5; ctx.stroke();
    }
    if (c) {
      const label = `${c.label} (${c.actors})`;
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.85)"; ctx.strokeText(label, x + 9, y + 4);
      ctx.fillStyle = "#1b2631"; ctx.fillText(label, x + 9, y + 4);
    }
  }
  // for the browser test: which countries the map shaded and circled
  window.ealaDiagnosticMap = {
    shaded: countries.filter((f) => actors.has(f.id)).map((f) => actors.get(f.id).code).sort(),
    circled: countries.filter((f) => partners.has(f.id)).length,
  };
}

draw();
fetch("/static/countries-110m.json").then((r) => r.json()).then((w) => { world = w; draw(); });
window.addEventListener("resize", draw);
