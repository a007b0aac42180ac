// trends.js: the trends page (/analysis/trends) in headless Chromium: Chart.js
// draws its six charts from the page's figures, in the page's language, with
// no script error. Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");

const url = process.argv[2];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/analysis/trends?from=2015&to=2021");
  await page.waitForFunction(() => window.ealaTrendsCharts && window.ealaTrendsCharts.length === 6);
  const charts = await page.evaluate(() => window.ealaTrendsCharts.map((c) => ({
    id: c.canvas.id, labels: c.data.labels, sets: c.data.datasets.map((d) => [d.label, d.data]),
  })));
  ok(charts.length === 6, "six charts: " + charts.map((c) => c.id).join(", "));
  const p = charts.find((c) => c.id === "trends-partnerships");
  ok(JSON.stringify(p.labels) === "[2015,2016,2017,2018,2019,2020,2021]", "a bar per year: " + p.labels.join(" "));
  // the demo: Chambéry's two economic agreements began in 2017, and the
  // Hauts-de-France region ended five partnerships that year
  const eco = p.sets.find((s) => s[0] === "Economic partnership (attractiveness, business links)");
  ok(eco && eco[1][2] === 2, "2017: two economic partnerships begun " + JSON.stringify(eco));
  const ended = p.sets.find((s) => s[0] === "ended");
  ok(ended && ended[1][2] === 5, "2017: five partnerships ended " + JSON.stringify(ended));
  const painted = await page.evaluate(() => {
    const c = document.getElementById("trends-partnerships");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && !(d[i] === d[i + 1] && d[i + 1] === d[i + 2])) coloured++;
    return coloured;
  });
  ok(painted > 300, "the bars are drawn (" + painted + " coloured pixels)");
  await page.screenshot({ path: shots + "/trends.png", fullPage: true });
  await page.goto(url + "/analysis/trends?from=2015&to=2021&lang=fr");
  await page.waitForFunction(() => window.ealaTrendsCharts && window.ealaTrendsCharts.length === 6);
  const legend = await page.evaluate(() => window.ealaTrendsCharts[0].data.datasets.map((d) => d.label));
  ok(legend.includes("Jumelage") || legend.includes("Partenariat économique (attractivité, rayonnement)"),
     "in French, the charts speak French: " + legend.join(", "));
  await page.screenshot({ path: shots + "/trends-fr.png", fullPage: true });
  ok(errors.length === 0, "no script error " + JSON.stringify(errors));
});
