// tap.js: what every browser test shares: TAP output, Debian's Chromium
// launched headless with the flags the machines need, and the run around the
// test (a thrown error is a failed check; the browser is always closed).
const { chromium } = require("playwright-core");

let n = 0, failed = 0;

function ok(cond, what) {
  n++;
  if (!cond) failed++;
  console.log((cond ? "ok " : "not ok ") + n + " - " + what);
}

// run(async (browser) => { ... }): the test, then the plan and the exit status
async function run(test) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
  try {
    await test(browser);
  } catch (e) {
    ok(false, "the browser test ran: " + e.message.split("\n")[0]);
  } finally {
    await browser.close();
  }
  console.log("1.." + n);
  process.exit(failed ? 1 : 0);
}

module.exports = { ok, run };
