// atlas.js: the world map of partnerships, drawn on a canvas with d3-geo from
// Natural Earth's countries (world-atlas), all served by eala itself.
// Every partnership is a line between its two authorities; a click on a place
// lists its partners. The filters are the page's form, sent to /api/v1/atlas.
// On an authority's page (a canvas with data-authority, no form) the same map
// shows that authority's partnerships only, zoomed to its partners, named.
import { geoNaturalEarth1, geoPath, geoGraticule10, geoCentroid } from "d3-geo";
import { feature, mesh } from "topojson-client";

const canvas = document.getElementById("atlas-map") || document.getElementById("partners-map");
const authority = canvas.dataset.authority;
const form = document.getElementById("atlas-filters");
const panel = document.getElementById("atlas-panel");
const count = document.getElementById("atlas-count");
const ctx = canvas.getContext("2d");
// the page's language: the count's sentence and the kinds' names come from the page
const lang = document.documentElement.lang || "en";
const kindLabels = JSON.parse(canvas.dataset.kinds || "{}");
for (const option of form ? form.querySelectorAll("select[name=kind] option") : [])
  if (option.value) kindLabels[option.value] = option.textContent;
const kindLabel = (kind) => kindLabels[kind] || kind.replace(/_/g, " ");
let world = null;
let data = { places: [], links: [], kinds: [] };
let projected = [];   // [x, y] of each place
let selected = -1;
const colours = ["#c0392b", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

function size() {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = Math.round(width * 0.52);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.height = height + "px";
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return [width, height];
}

// The whole world; on an authority's page, the partners with a margin, at most
// 6 times closer than the whole world (one place, or places side by side).
function fit(width, height) {
  const whole = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  if (!authority || !data.places.length) return whole;
  const places = { type: "MultiPoint", coordinates: data.places.map((p) => [p[2], p[1]]) };
  const margin = Math.min(width, height) * 0.15, closest = whole.scale() * 6;
  if (data.places.length > 1) {
    const near = geoNaturalEarth1().fitExtent([[margin, margin], [width - margin, height - margin]], places);
    if (near.scale() <= whole.scale()) return whole;
    if (near.scale() <= closest) return near;
  }
  const near = geoNaturalEarth1().scale(closest).translate([0, 0]);
  const [x, y] = near(geoCentroid(places));
  return near.translate([width / 2 - x, height / 2 - y]);
}

function draw() {
  const [width, height] = size();
  const projection = fit(width, height);
  const path = geoPath(projection, ctx);
  ctx.clearRect(0, 0, width, height);
  ctx.beginPath(); path({ type: "Sphere" }); ctx.fillStyle = "#eef4f8"; ctx.fill();
  ctx.beginPath(); path(geoGraticule10()); ctx.strokeStyle = "#dde6ee"; ctx.lineWidth = 0.5; ctx.stroke();
  if (world) {
    ctx.beginPath(); path(feature(world, world.objects.countries)); ctx.fillStyle = "#d9d4c7"; ctx.fill();
    ctx.beginPath(); path(mesh(world, world.objects.countries, (a, b) => a !== b));
    ctx.strokeStyle = "#fff"; ctx.lineWidth = 0.5; ctx.stroke();
  }
  projected = data.places.map((p) => projection([p[2], p[1]]));
  // one path per kind: 25,000 lines stay smooth
  ctx.lineWidth = authority ? 1.5 : 0.6;
  ctx.globalAlpha = data.links.length > 2000 ? 0.18 : authority ? 0.8 : 0.5;
  for (let k = 0; k < data.kinds.length; k++) {
    ctx.beginPath();
    for (const [a, b, kind] of data.links) {
      if (kind !== k || !projected[a] || !projected[b]) continue;
      ctx.moveTo(projected[a][0], projected[a][1]);
      ctx.lineTo(projected[b][0], projected[b][1]);
    }
    ctx.strokeStyle = colours[k % colours.length];
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  if (authority) names();
  ctx.fillStyle = "#123c5a";
  ctx.beginPath();
  const dot = authority ? 3 : 1;
  for (const xy of projected) if (xy) ctx.rect(xy[0] - dot, xy[1] - dot, 2 * dot, 2 * dot);
  ctx.fill();
  const home = authority ? data.places.findIndex((p) => String(p[0]) === authority) : -1;
  if (home >= 0 && projected[home]) {   // the page's own authority, ringed
    ctx.beginPath(); ctx.arc(projected[home][0], projected[home][1], 6, 0, 2 * Math.PI);
    ctx.lineWidth = 2; ctx.strokeStyle = "#c0392b"; ctx.stroke();
  }
  if (selected >= 0 && projected[selected]) {
    ctx.lineWidth = 1.5; ctx.strokeStyle = "#000"; ctx.globalAlpha = 0.9;
    ctx.beginPath();
    for (const [a, b] of data.links) {
      if (a !== selected && b !== selected) continue;
      const o = projected[a === selected ? b : a];
      if (!o) continue;
      ctx.moveTo(projected[selected][0], projected[selected][1]);
      ctx.lineTo(o[0], o[1]);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
}

// The places' names beside them, under the dots (an authority's page: few places).
function names() {
  ctx.font = "12px system-ui, sans-serif";
  ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.85)"; ctx.fillStyle = "#1b1b1b";
  data.places.forEach((p, i) => {
    const xy = projected[i];
    if (!xy) return;
    ctx.strokeText(p[3], xy[0] + 7, xy[1] + 4);
    ctx.fillText(p[3], xy[0] + 7, xy[1] + 4);
  });
}

function show(index) {
  selected = index;
  panel.replaceChildren();
  if (index < 0) { draw(); return; }
  const place = data.places[index];
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = "/authorities/" + place[0];
  link.textContent = place[3] + " (" + place[4] + ")";
  title.append(link);
  const list = document.createElement("ul");
  for (const [a, b, kind, id] of data.links) {
    if (a !== index && b !== index) continue;
    const other = data.places[a === index ? b : a];
    const item = document.createElement("li");
    const partner = document.createElement("a");
    partner.href = "/partnerships/" + id;
    partner.textContent = other[3] + " (" + other[4] + ")";
    item.append(partner, " " + kindLabel(data.kinds[kind]));
    list.append(item);
  }
  panel.append(title, list);
  draw();
}

canvas.addEventListener("click", (event) => {
  const box = canvas.getBoundingClientRect();
  const x = event.clientX - box.left, y = event.clientY - box.top;
  let best = -1, bestDistance = 64;   // within 8 px
  projected.forEach((xy, i) => {
    if (!xy) return;
    const d = (xy[0] - x) ** 2 + (xy[1] - y) ** 2;
    if (d < bestDistance) { best = i; bestDistance = d; }
  });
  show(best);
});

async function load() {
  const query = form ? new URLSearchParams(new FormData(form)) : new URLSearchParams({ authority });
  for (const [key, value] of [...query]) if (!value) query.delete(key);
  const response = await fetch("/api/v1/atlas?" + query.toString());
  data = await response.json();
  if (!response.ok) { count.textContent = data.errors.map((e) => (e.field || "") + " " + e.message).join("; "); return; }
  // an authority without a partner on the map: no empty map
  if (authority && !data.links.length) { canvas.closest("figure").hidden = true; return; }
  count.textContent = (count.dataset.sentence || "{links} partnerships between {places} places: ")
    .replace("{links}", data.links.length.toLocaleString(lang))
    .replace("{places}", data.places.length.toLocaleString(lang));
  data.kinds.forEach((kind, k) => {
    const key = document.createElement("span");
    key.className = "key";
    key.style.borderColor = colours[k % colours.length];
    key.textContent = kindLabel(kind);
    count.append(key);
  });
  show(-1);
}

if (form) form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
// where each place is drawn, in CSS pixels of the canvas (the browser tests click there)
window.ealaAtlasPoints = () => projected.map((xy, i) => xy && [xy[0], xy[1], data.places[i][0]]);
window.addEventListener("resize", draw);
fetch("/static/countries-110m.json").then((r) => r.json()).then((w) => { world = w; draw(); });
load();
