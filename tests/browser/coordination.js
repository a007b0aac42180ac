// coordination.js: the pooling page (/analysis/coordination) in headless
// Chromium on the fixture of tests/cli/cli_coordination.sh: Chart.js draws the
// authorities by financing from the page's figures, in the page's language,
// with no script error; the form's selects change the country and the domain.
// Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");

const url = process.argv[2];
const shots = process.env.SHOTS || ".";

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url + "/analysis/coordination?country=ML&year=2021");
  await page.waitForFunction(() => window.ealaCoordinationChart);
  const chart = await page.evaluate(() => ({
    labels: window.ealaCoordinationChart.data.labels,
    data: window.ealaCoordinationChart.data.datasets[0].data,
  }));
  ok(JSON.stringify(chart.labels) === '["Grand Dijon","Quetigny","Lyon <b>"]',
     "a bar per authority, most money first: " + chart.labels.join(", "));
  ok(JSON.stringify(chart.data) === "[40000,15000,8000]", "their financing, as the table: " + JSON.stringify(chart.data));
  const painted = await page.evaluate(() => {
    const c = document.getElementById("coordination-chart");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let blue = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 60 && d[i + 1] > 100 && d[i + 2] > 160) blue++;
    return blue;
  });
  ok(painted > 500, "the bars are drawn (" + painted + " blue pixels)");
  await page.screenshot({ path: shots + "/coordination.png", fullPage: true });
  // the form: health only
  await page.selectOption("select[name=domain]", "health");
  await Promise.all([page.waitForNavigation(), page.click("form.filters button")]);
  await page.waitForFunction(() => window.ealaCoordinationChart);
  const health = await page.evaluate(() => window.ealaCoordinationChart.data.labels);
  ok(JSON.stringify(health) === '["Lyon <b>"]', "the domain select narrows to health: " + health.join(", "));
  await page.goto(url + "/analysis/coordination?country=ML&year=2021&lang=fr");
  await page.waitForFunction(() => window.ealaCoordinationChart);
  const legend = await page.evaluate(() => window.ealaCoordinationChart.data.datasets[0].label);
  ok(legend === "Financements dans le pays (EUR)", "in French, the chart speaks French: " + legend);
  await page.screenshot({ path: shots + "/coordination-fr.png", fullPage: true });
  ok(errors.length === 0, "no script error " + JSON.stringify(errors));
});
