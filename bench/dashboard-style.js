// What the dashboard's rows cost Chromium to restyle and lay out, stylesheet against stylesheet, in one browser
// (bench/dashboard-style.sh runs it). The page is the prerendered dashboard (blazor.web.js not loaded, so nothing else
// changes it); each round does in the page what a live refresh does to it, then forces style and layout, and reads
// Chromium's own RecalcStyleDuration and LayoutDuration (CDP Performance.getMetrics) before and after:
//   rows   every row's HTML replaced (a refresh whose times ticked: Blazor removes each row's nodes, inserts new ones)
//   one    one row replaced (a single report)
//   tint   the changed-row class added to five rows
// Variants (CSS on top of the page's own, or MudBlazor's sheet switched off) alternate round by round, so a busy
// machine's slowness falls on each alike. Prints per variant and operation the median and p90 of style and layout ms.
// Env: BASE (the app), PLAYWRIGHT (the .playwright folder), CHROMIUM (default /usr/bin/chromium), ROUNDS (default 40),
//      VARIANTS (comma-separated names from the table below; default all).
const path = require('path');
const { chromium } = require(path.join(process.env.PLAYWRIGHT, 'package'));

const variants = {
  'as-is': { css: '' },
  'no-mudblazor-sheet': { css: '', noMud: true },
  'no-has': { css: '', noHas: true },
  'tint-on-row': {
    css: '.scripto-changed td{animation:none}.scripto-changed{animation:scripto-flash 0s linear 1.5s backwards}',
  },
  'contain': {
    css: '.scripto-table-scroll{contain:strict}.scripto-table td{contain:content}',
  },
  // The rows as they were before the eighth pass (18 elements a row: the chip's inner span, each time a flex box
  // of two spans), rebuilt from the page's own rows in the page, against the page's rows as served (13 a row).
  'rows-before-eighth': { css: '', oldRows: true },
  'contain+fixed': {
    css: '.scripto-table-scroll{contain:strict}.scripto-table td{contain:content}.scripto-table{table-layout:fixed}',
  },
};
const chosen = (process.env.VARIANTS || Object.keys(variants).join(',')).split(',');
const rounds = +(process.env.ROUNDS || 40);

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

// MODE=live: the page live under LIVE_RATE reports/s (default 500) over the SCRIPTS scripts, each flipping between OK
// and failed, for LIVE_SLICES slices of LIVE_SECONDS (default 8 x 10 s) per variant, variants alternating slice by
// slice; per slice, the page's main thread from Chromium's own counters (ms per second of wall time).
async function liveRun(page, cdp, setVariant) {
  const http = require('http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const scripts = +(process.env.SCRIPTS || 120), rate = +(process.env.LIVE_RATE || 500);
  let n = 0, inFlight = 0, sent = 0;
  const timer = setInterval(() => {
    for (let k = 0; k < rate / 100 && inFlight < 64; k++) {
      const i = (n % scripts) + 1, fail = Math.floor(n / scripts) % 2 === 0 ? '/fail' : '';
      n++; inFlight++; sent++;
      const req = http.request(new URL(`/api/v2/ping/backup-job-${i}${fail}?server=host-${i % 9}`, process.env.BASE),
        { method: 'POST', agent }, res => { res.resume(); res.on('end', () => inFlight--); });
      req.on('error', () => inFlight--);
      req.end();
    }
  }, 10);
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(x => [x.name, x.value]));
  const slices = +(process.env.LIVE_SLICES || 8), seconds = +(process.env.LIVE_SECONDS || 10);
  const out = {};
  await new Promise(r => setTimeout(r, 5000)); // warm-up
  if (process.env.TRACE) { // diagnostic: Chromium's timeline, with what invalidated style, for 5 s of the page as it is
    await page.context().browser().startTracing(page, { path: process.env.TRACE, categories: ['devtools.timeline',
      'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking', 'blink'] });
    await new Promise(r => setTimeout(r, 5000));
    await page.context().browser().stopTracing();
  }
  for (let s = 0; s < slices; s++) {
    for (const v of chosen) {
      await setVariant(v);
      await new Promise(r => setTimeout(r, 1000));
      const a = await read(), t0 = Date.now(), sent0 = sent;
      await new Promise(r => setTimeout(r, seconds * 1000));
      const b = await read(), wall = (Date.now() - t0) / 1000;
      const per = k => (b[k] - a[k]) / wall;
      const row = { tasks: per('TaskDuration') * 1000, script: per('ScriptDuration') * 1000,
        style: per('RecalcStyleDuration') * 1000, layout: per('LayoutDuration') * 1000,
        recalcs: per('RecalcStyleCount'), layouts: per('LayoutCount'), reports: (sent - sent0) / wall };
      (out[v] ||= []).push(row);
      console.log(`slice ${s} ${v}: ` + Object.entries(row).map(([k, x]) => `${k} ${x.toFixed(1)}`).join(', '));
    }
  }
  clearInterval(timer);
  console.log('live, median per variant (ms per second unless said):');
  for (const [v, rows] of Object.entries(out)) {
    const med = k => pct(rows.map(r => r[k]), 0.5).toFixed(1);
    console.log(`${v}: tasks ${med('tasks')}, script ${med('script')}, style ${med('style')} (${med('recalcs')} recalcs/s), layout ${med('layout')} (${med('layouts')}/s), reports/s ${med('reports')}`);
  }
}

// MODE=load: the page opened afresh ROUNDS times per variant (same browser, warm HTTP cache, as bench/dashboard.sh's
// first renders), with MudBlazor's stylesheet or without it (its request aborted: what a trimmed sheet could save at
// most); prints Chromium's style and layout ms up to the load event.
async function loadRun(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const out = {};
  for (let r = 0; r < rounds + 2; r++) {
    for (const noMud of [false, true]) {
      const page = await context.newPage();
      if (noMud) await page.route(/MudBlazor[^/]*\.css/, route => route.abort());
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(new URL('/?sort=name', process.env.BASE).toString(), { waitUntil: 'load' });
      const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(x => [x.name, x.value]));
      await page.close();
      if (r < 2) continue;
      const key = noMud ? 'without MudBlazor.min.css' : 'as is';
      (out[key] ||= { style: [], layout: [] });
      out[key].style.push(m.RecalcStyleDuration * 1000);
      out[key].layout.push(m.LayoutDuration * 1000);
    }
  }
  for (const [key, x] of Object.entries(out))
    console.log(`load, ${key}: style ${pct(x.style, 0.5).toFixed(1)} ms, layout ${pct(x.layout, 0.5).toFixed(1)} ms (medians of ${x.style.length})`);
}

(async () => {
  if (process.env.MODE === 'load') {
    const b = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
    await loadRun(b);
    await b.close();
    return;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const live = process.env.MODE === 'live';
  if (!live) await page.route('**/_framework/blazor.web*.js', r => r.abort());
  await page.goto(new URL('/?sort=name', process.env.BASE).toString());
  await page.waitForSelector('tbody tr td');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(x => [x.name, x.value]));
    return { style: m.RecalcStyleDuration * 1000, layout: m.LayoutDuration * 1000, count: m.RecalcStyleCount };
  };
  const rows = await page.evaluate(() => document.querySelectorAll('tbody tr').length);
  const elements = await page.evaluate(() => document.querySelectorAll('*').length);
  console.log(`dashboard: ${rows} rows, ${elements} elements`);

  const setVariant = v => page.evaluate(({ css, noMud, noHas, oldRows }) => {
    const body = document.querySelector('tbody');
    window.benchRows ||= body.innerHTML;
    if (oldRows || window.benchOldRows) body.innerHTML = window.benchRows;
    window.benchOldRows = !!oldRows;
    if (oldRows) {
      for (const chip of body.querySelectorAll('.scripto-status:not(:has(.mud-chip-content))'))
        chip.innerHTML = `<span class="mud-chip-content">${chip.innerHTML}</span>`;
      for (const td of body.querySelectorAll('td.scripto-when')) {
        const calendar = td.querySelector('.scripto-calendar');
        td.innerHTML = `<div class="scripto-time" title="${td.title}"><span class="scripto-relative">${td.firstChild.textContent}</span>${calendar.outerHTML}</div>`;
        td.removeAttribute('title');
        td.removeAttribute('class');
      }
      for (const td of body.querySelectorAll('td.mud-text-secondary')) {
        td.innerHTML = `<span class="mud-text-secondary">${td.innerHTML}</span>`;
        td.removeAttribute('class');
      }
    }
    let style = document.getElementById('bench-variant');
    if (!style) { style = document.createElement('style'); style.id = 'bench-variant'; document.head.appendChild(style); }
    style.textContent = css;
    for (const link of document.querySelectorAll('link[rel=stylesheet]'))
      if (/MudBlazor/i.test(link.href)) {
        link.disabled = !!noMud;
        // The rules with :has(), taken out (kept aside, and put back for the other variants).
        const sheet = link.sheet;
        window.benchHas ||= [];
        if (noHas && !window.benchHas.length) {
          for (let i = sheet.cssRules.length - 1; i >= 0; i--)
            if ((sheet.cssRules[i].selectorText || '').includes(':has(')) {
              window.benchHas.push([i, sheet.cssRules[i].cssText]);
              sheet.deleteRule(i);
            }
        } else if (!noHas && window.benchHas.length) {
          for (const [i, text] of window.benchHas.reverse()) sheet.insertRule(text, i);
          window.benchHas = [];
        }
      }
    document.body.offsetHeight;
  }, variants[v]);

  if (live) { await liveRun(page, cdp, setVariant); await browser.close(); return; }

  const ops = {
    rows: () => page.evaluate(() => {
      const body = document.querySelector('tbody');
      body.innerHTML = body.innerHTML;
      document.body.offsetHeight;
    }),
    one: () => page.evaluate(() => {
      const body = document.querySelector('tbody');
      const row = body.rows[Math.floor(body.rows.length / 2)];
      const again = document.createElement('tbody');
      again.innerHTML = row.outerHTML;
      row.replaceWith(again.firstElementChild);
      document.body.offsetHeight;
    }),
    tint: () => page.evaluate(() => {
      const body = document.querySelector('tbody');
      for (let i = 0; i < 5; i++) body.rows[(i * 7) % body.rows.length].classList.toggle('scripto-changed');
      document.body.offsetHeight;
    }),
  };

  const results = {};
  for (let r = 0; r < rounds + 3; r++) {
    for (const v of chosen) {
      await setVariant(v);
      for (const [name, op] of Object.entries(ops)) {
        const before = await metrics();
        await op();
        const after = await metrics();
        if (r < 3) continue; // warm-up
        const key = `${v} ${name}`;
        (results[key] ||= { style: [], layout: [] });
        results[key].style.push(after.style - before.style);
        results[key].layout.push(after.layout - before.layout);
      }
    }
  }
  console.log('variant op: style ms median / p90, layout ms median / p90');
  for (const [key, { style, layout }] of Object.entries(results))
    console.log(`${key}: style ${pct(style, 0.5).toFixed(2)} / ${pct(style, 0.9).toFixed(2)}, layout ${pct(layout, 0.5).toFixed(2)} / ${pct(layout, 0.9).toFixed(2)}`);
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
