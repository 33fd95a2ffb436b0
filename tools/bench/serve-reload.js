// Save -> reloaded page with `ecotown serve`: edits one narrative and times until the open page
// shows the edit (new document loaded), five times; prints the median and every run in ms.
// Usage: node serve-reload.js URL PAGE NARRATIVE_FILE   (PUPPETEER and CHROMIUM in the environment)
const fs = require('fs');
const puppeteer = require(process.env.PUPPETEER);
const [url, pagePath, narrative] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(url + pagePath, { waitUntil: 'load' });
  const original = fs.readFileSync(narrative, 'utf8');
  const times = [];
  for (let i = 0; i < 5; i++) {
    await sleep(1500);
    const marker = `BENCH MARK ${i} ${Date.now()}`;
    const loaded = page.waitForNavigation({ waitUntil: 'load', timeout: 60000 });
    const t0 = Date.now();
    fs.writeFileSync(narrative, original + `\n\n${marker}\n`);
    await loaded;
    const shown = await page.evaluate((m) => document.body.innerText.includes(m), marker);
    if (!shown) throw new Error('reloaded without the edit');
    times.push(Date.now() - t0);
  }
  fs.writeFileSync(narrative, original);
  await browser.close();
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`median ${sorted[2]} ms; runs ${times.join(', ')} ms`);
})().catch((e) => { console.error(e); process.exit(1); });
