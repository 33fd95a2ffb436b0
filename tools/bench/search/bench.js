// Search benchmark: ecotown's own search against Pagefind (extended, which segments Thai) on the
// same built site, in headless Chromium. Run by tools/bench/search/run.sh; prints a Markdown table
// per query class (top-5 recall, mean reciprocal rank over the first ten) and the bytes a first
// query downloads with each.
//
// usage: node bench.js SITE_DIR QUERIES_TSV   (env PUPPETEER: puppeteer's folder, CHROMIUM: path)
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const puppeteer = require(process.env.PUPPETEER);

const [site, queriesFile] = process.argv.slice(2);
const queries = fs.readFileSync(queriesFile, 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('class\t'))
  .map((l) => { const [cls, lang, q, expected] = l.split('\t'); return { cls, lang, q, expected: expected.split('|') }; });

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

// A plain static server: Pagefind fetches its index, so it cannot run from file://.
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(site, path.normalize(p));
  if (!file.startsWith(site)) { res.writeHead(403); return res.end(); }
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
});

function rankOf(urls, expected) {
  const i = urls.findIndex((u) => expected.some((e) => u.includes(e)));
  return i < 0 ? 0 : i + 1;
}

(async () => {
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = 'http://127.0.0.1:' + server.address().port;
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu'] });
  const results = [];
  const bytes = { ecotown: {}, pagefind: {} };
  try {
    for (const q of queries) {
      // ecotown: the search page, the query in the URL, as a reader's link would open it.
      const page = await browser.newPage();
      await page.setCacheEnabled(false);
      const sizes = [];
      page.on('response', (r) => { if (/search(-index)?\.js/.test(r.url())) sizes.push(r.buffer().then((b) => b.length, () => 0)); });
      await page.goto(base + '/' + q.lang + '/search/index.html?q=' + encodeURIComponent(q.q), { waitUntil: 'load' });
      await page.waitForFunction(() => document.getElementById('search-status').textContent.length > 0, { timeout: 10000 });
      const ours = await page.$$eval('#search-results li > a', (as) => as.map((a) => new URL(a.href).pathname));
      const got = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      bytes.ecotown[q.lang] = bytes.ecotown[q.lang] || got;
      await page.close();
      // Pagefind: its JavaScript API on a page of the same language (it picks that language's index).
      const pf = await browser.newPage();
      await pf.setCacheEnabled(false);
      const pfSizes = [];
      pf.on('response', (r) => { if (r.url().includes('/pagefind/')) pfSizes.push(r.buffer().then((b) => b.length, () => 0)); });
      await pf.goto(base + '/' + q.lang + '/search/index.html', { waitUntil: 'load' });
      const theirs = await pf.evaluate(async (query) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const found = await pagefind.search(query);
        const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
        return data.map((d) => d.url);
      }, q.q);
      const pfGot = (await Promise.all(pfSizes)).reduce((a, b) => a + b, 0);
      bytes.pagefind[q.lang] = bytes.pagefind[q.lang] || pfGot;
      await pf.close();
      results.push({ q, ours: rankOf(ours.slice(0, 10), q.expected), theirs: rankOf(theirs, q.expected) });
    }
  } finally {
    await browser.close();
    server.close();
  }
  const classes = [...new Set(queries.map((q) => q.cls))];
  const row = (name, rs) => {
    const n = rs.length;
    const recall = (k) => rs.filter((r) => r[k] > 0 && r[k] <= 5).length / n;
    const mrr = (k) => rs.reduce((s, r) => s + (r[k] ? 1 / r[k] : 0), 0) / n;
    return `| ${name} | ${n} | ${recall('ours').toFixed(2)} | ${mrr('ours').toFixed(2)} | ${recall('theirs').toFixed(2)} | ${mrr('theirs').toFixed(2)} |`;
  };
  console.log('| class | queries | ecotown top-5 recall | ecotown MRR | Pagefind top-5 recall | Pagefind MRR |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const c of classes) console.log(row(c, results.filter((r) => r.q.cls === c)));
  const everyday = ['place', 'topic', 'english', 'typo'];
  console.log(row('**everyday**', results.filter((r) => everyday.includes(r.q.cls))));
  console.log(row('**weak classes**', results.filter((r) => !everyday.includes(r.q.cls))));
  console.log(row('**all**', results));
  console.log('');
  console.log('Bytes a first query downloads, uncompressed, besides the page itself (th / en): ecotown ' + bytes.ecotown.th + ' / ' + bytes.ecotown.en +
    ', Pagefind ' + bytes.pagefind.th + ' / ' + bytes.pagefind.en);
  console.log('');
  console.log('Per query (rank in the first ten, 0 = not found): ecotown / Pagefind');
  for (const r of results) console.log(`- ${r.q.cls} ${r.q.lang} "${r.q.q}": ${r.ours} / ${r.theirs}`);
})().catch((e) => { console.error(e); process.exit(1); });
