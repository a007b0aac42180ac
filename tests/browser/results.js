// results.js: the results forms in headless Chromium, as the two sides of a
// partnership use them: Quetigny's officer sets what is expected (an
// indicator, a baseline, targets per period), makes a mistake and reads it next
// to the field; Koulikoro's partner contributor reports the actual values of
// its side and an outcome with a PDF as evidence; the gap page follows.
// Prints TAP; screenshots go to $SHOTS.
const { ok, run } = require("./tap");

const url = process.argv[2];
const shots = process.env.SHOTS || ".";

async function login(page, who, password) {
  await page.goto(url + "/login");
  await page.fill("#login", who);
  await page.fill("#password", password);
  await page.click("button:has-text('Log in')");
  await page.waitForURL(url + "/");
}

run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // the home officer: an expected impact on the partner's side, with an indicator
  await login(page, "officer", "officer-password");
  await page.goto(url + "/partnerships/10");
  ok((await page.locator("a[href='/partnerships/10/edit']").count()) === 1, "the officer may edit the partnership");
  await page.click("a:has-text('Add an expected impact')");
  await page.waitForURL(/\/expected_impacts\/new\?partnership=10/);
  ok(true, "the partnership's page leads to the expected impact form");
  await page.selectOption("#f-category", "sociocultural.openness");
  await page.selectOption("#f-side", "partner");
  await page.fill("#f-description", "Pupils of Koulikoro discover Quetigny");
  await page.fill("[id='f-indicators[0].title']", "Pupils taking part in exchanges");
  await page.fill("[id='f-indicators[0].unit']", "pupils");
  await page.fill("[id='f-indicators[0].baseline']", "0");
  await page.fill("[id='f-indicators[0].periods[0].start']", "2024-01-01");
  await page.fill("[id='f-indicators[0].periods[0].end']", "2024-12-31");
  await page.fill("[id='f-indicators[0].periods[0].target']", "40");
  await page.fill("[id='f-indicators[0].periods[1].start']", "2025-01-01");
  await page.fill("[id='f-indicators[0].periods[1].end']", "2024-06-30");
  await page.fill("[id='f-indicators[0].periods[1].target']", "sixty");
  await page.click("button:has-text('Save')");
  await page.waitForSelector("div.error[role=alert]");
  const summary = await page.textContent("div.error[role=alert]");
  ok(summary.includes("Indicator 1, period 2: target"), "a target that is not a number is named in the summary: " + summary.trim());
  ok((await page.textContent("[id='indicators[0].periods[1].target-error']")).length > 0,
     "and next to its input");
  ok((await page.inputValue("[id='f-indicators[0].periods[1].target']")) === "sixty",
     "what was typed is kept to be corrected");
  await page.fill("[id='f-indicators[0].periods[1].target']", "60");
  await page.click("button:has-text('Save')");
  await page.waitForSelector("div.error[role=alert]");
  ok(/is before the start date/.test(await page.textContent("div.error[role=alert]")),
     "then the period that ends before it starts is refused: " + (await page.textContent("[id='indicators[0].periods[1].end-error']")));
  await page.screenshot({ path: shots + "/expected-form-errors.png", fullPage: true });
  await page.fill("[id='f-indicators[0].periods[1].end']", "2025-12-31");
  await page.click("button:has-text('Save')");
  await page.waitForURL(/\/partnerships\/10#results/);
  const table = await page.textContent("table.indicator");
  ok(table.includes("Pupils taking part in exchanges") && table.includes("40") && table.includes("60"),
     "saved: the partnership's page shows the indicator and its targets");

  // edit: a second indicator in the blank block, a target changed
  await page.click("a:has-text('Edit the expected impact')");
  await page.waitForURL(/\/expected_impacts\/\d+\/edit/);
  ok((await page.inputValue("[id='f-indicators[0].periods[1].target']")) === "60", "the form shows the saved targets");
  await page.fill("[id='f-indicators[0].periods[1].target']", "50");
  await page.fill("[id='f-indicators[1].title']", "Letters exchanged");
  await page.fill("[id='f-indicators[1].periods[0].start']", "2024-01-01");
  await page.fill("[id='f-indicators[1].periods[0].end']", "2024-12-31");
  await page.fill("[id='f-indicators[1].periods[0].target']", "100");
  await page.click("button:has-text('Save')");
  await page.waitForURL(/\/partnerships\/10#results/);
  ok((await page.locator("table.indicator").count()) === 2, "a second indicator is added");
  ok((await page.locator("table.indicator").first().textContent()).includes("50"), "and the changed target is saved");
  ok((await page.locator("a:has-text('Report actual values')").count()) === 1,
     "the home officer may also report the values");
  await page.click("button:has-text('Log out')");

  // the partner contributor: actual values of its side, an outcome with a PDF
  await login(page, "partner", "partner-password");
  await page.goto(url + "/partnerships/10");
  ok((await page.locator("a:has-text('Edit the expected impact')").count()) === 0,
     "the partner does not change what was expected");
  ok((await page.locator("a[href='/partnerships/10/edit']").count()) === 0,
     "nor is it offered to edit the partnership itself");
  await page.click("a:has-text('Report actual values')");
  await page.waitForURL(/\/actuals$/);
  await page.fill("[id='f-values[0].actual']", "45");
  await page.fill("[id='f-values[1].actual']", "30");
  await page.fill("[id='f-values[2].actual']", "120");
  await page.screenshot({ path: shots + "/actuals-form.png", fullPage: true });
  await page.click("button:has-text('Save')");
  await page.waitForURL(/\/partnerships\/10#results/);
  const verdicts = await page.locator("table.indicator td:last-child").allTextContents();
  ok(JSON.stringify(verdicts) === JSON.stringify(["met", "not met", "met"]),
     "the partner's values are compared with the targets: " + verdicts.join(", "));

  await page.click("a:has-text('Report an outcome')");
  await page.waitForURL(/\/observed_outcomes\/new/);
  ok((await page.inputValue("#f-side")) === "partner", "the outcome form starts on the partner's own side");
  await page.selectOption("#f-category", "sociocultural.openness");
  await page.selectOption("#f-expected_id", { index: 1 });
  await page.fill("#f-description", "Pupils wrote to Quetigny and drew their town");
  await page.fill("#f-date", "2024-11-15");
  await page.setInputFiles("#f-evidence_file", { name: "letters.pdf", mimeType: "application/pdf",
                                                 buffer: Buffer.from("%PDF-1.4\n% the letters\n") });
  await page.click("button:has-text('Save')");
  await page.waitForURL(/\/partnerships\/10#results/);
  const outcome = await page.textContent("#results ul");
  ok(outcome.includes("reported by the partner") && outcome.includes("Pupils wrote to Quetigny"),
     "the outcome is shown as the partner's report");
  const href = await page.getAttribute("a:has-text('evidence document')", "href");
  const doc = await page.request.get(url + href);
  ok(doc.status() === 200 && (await doc.text()).startsWith("%PDF-1.4"), "its PDF is there to read");
  await page.screenshot({ path: shots + "/partnership-results.png", fullPage: true });

  await page.click("#results ul a:has-text('Edit')");
  await page.setInputFiles("#f-evidence_file", { name: "page.html", mimeType: "text/html",
                                                 buffer: Buffer.from("<script>alert(1)</script>") });
  await page.click("button:has-text('Save')");
  await page.waitForSelector("[id='evidence_file-error']");
  ok(/not a kind of file/.test(await page.textContent("[id='evidence_file-error']")),
     "a web page is refused as evidence, next to the file input");
  ok((await page.locator("a:has-text('The document on file')").count()) === 1,
     "and the document already on file is still offered");
  await page.screenshot({ path: shots + "/outcome-form-error.png", fullPage: true });

  // the gap page: 2 of 3 targets met; one outcome reported by the partner
  await page.goto(url + "/analysis/gap?authority=1");
  const text = await page.textContent("main");
  ok(/2 of (the )?3 targets/.test(text), "the gap page counts the targets met: 2 of 3");
  ok(errors.length === 0, "no script error: " + errors.join("; "));
});
