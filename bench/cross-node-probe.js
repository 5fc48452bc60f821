// The cross-node live latency, end to end, as a person sees it (bench/write-throughput.sh, mode "cross"): a dashboard
// open on node B in headless Chromium; probe reports sent to node A, each flipping one script's status; from A's
// acknowledgement until B's page shows the new status (a MutationObserver stamps the moment the chip changes).
// Meanwhile a steady background load of other reports, spread over both nodes, at RATE reports/s.
//
// Run by Playwright's bundled node with its package (see bench/write-throughput.sh). Environment:
//   BASE_A, BASE_B    the two nodes' URLs          KEY          the API key (scopes report,read)
//   PROBE_ID          the watched script's id (its chip reads OK or Failed when the probes start)
//   LOAD_IDS_FILE     "<id> ..." per line: the scripts of the background load, all starting OK
//   RATE              background reports/s, over both nodes (default 500)
//   PROBES            probes timed (default 200), or as many as MAX_SECONDS allows (default 180)
//   WARMUP_S          seconds of load before the first (default 3)
//   PROBE_TIMEOUT_S   a probe not shown on B by then is missed (default 30; more than 3 missed stops the run)
//   PLAYWRIGHT        the .playwright folder (its package/ is required)    CHROMIUM  (default /usr/bin/chromium)
//   PIDS_FILE         Chromium's pids are written there, for the shell's exit trap
// Prints "cross.<key> <value>" lines.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { chromium } = require(path.join(process.env.PLAYWRIGHT, 'package'));

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const [baseA, baseB, key] = [env('BASE_A'), env('BASE_B'), env('KEY')];
const probeId = Number(env('PROBE_ID'));
const loadIds = fs.readFileSync(env('LOAD_IDS_FILE'), 'utf8').split('\n').filter(Boolean).map(l => Number(l.split(' ')[0]));
const rate = Number(env('RATE', '500'));
const probes = Number(env('PROBES', '200'));
const warmupMs = Number(env('WARMUP_S', '3')) * 1000;
const probeTimeoutMs = Number(env('PROBE_TIMEOUT_S', '30')) * 1000;
const maxSeconds = Number(env('MAX_SECONDS', '180'));

// One keep-alive pool per node, as the reporting scripts' own connections would be.
const agents = new Map();
function put(base, id, ok) { // resolves to the HTTP status, or 0 on a socket error
  const url = new URL(`/api/v1/script/${id}`, base);
  if (!agents.has(base)) agents.set(base, new http.Agent({ keepAlive: true, maxSockets: 64 }));
  const body = `{"last_exec":"CURRENT_TIMESTAMP","status":${ok ? 1 : 0}}`;
  return new Promise(resolve => {
    const request = http.request(url, {
      method: 'PUT', agent: agents.get(base), timeout: 10_000,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${key}` },
    }, response => { response.resume(); response.on('end', () => resolve(response.statusCode)); });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(0));
    request.end(body);
  });
}
const acknowledged = status => status >= 200 && status < 300;

// Paced on the clock: the reports due are sent every 2 ms, alternately to A and B, round-robin over the load's
// scripts, each flipping its script. At most 64 in flight: when the nodes fall behind, the reports due are skipped.
function backgroundLoad() {
  const state = { ok: 0, okTotal: 0, errors: 0, skipped: 0, sent: 0, inFlight: 0, stopped: false, since: Date.now() };
  const start = Date.now();
  const pending = new Set();
  const tick = () => {
    if (state.stopped) return;
    const due = Math.floor((Date.now() - start) / 1000 * rate);
    for (; state.sent < due; state.sent++) {
      if (state.inFlight >= 64) { state.skipped++; continue; }
      const n = state.sent;
      const id = loadIds[n % loadIds.length];
      const ok = Math.floor(n / loadIds.length) % 2 === 1; // the scripts start OK: the first round fails them
      state.inFlight++;
      const p = put(n % 2 === 0 ? baseA : baseB, id, ok).then(status => {
        if (acknowledged(status)) { state.ok++; state.okTotal++; } else state.errors++;
        state.inFlight--;
        pending.delete(p);
      });
      pending.add(p);
    }
    setTimeout(tick, 2);
  };
  tick();
  state.reset = () => { state.ok = 0; state.errors = 0; state.skipped = 0; state.since = Date.now(); };
  state.stop = async () => { state.stopped = true; await Promise.all([...pending]); };
  return state;
}

// The watched row's chip; the page records when it first reads what is expected.
const installObserver = id => {
  const chip = () => {
    const name = document.querySelector(`.scripto-name[data-script-id="${id}"]`);
    const cell = name && name.closest('tr') && name.closest('tr').querySelector('.scripto-status');
    return cell ? cell.textContent.trim() : null;
  };
  const bench = { expect: null, seenAt: null, chip, mutations: 0 };
  window.__bench = bench;
  new MutationObserver(() => {
    bench.mutations++;
    if (bench.expect !== null && bench.seenAt === null && chip() === bench.expect) {
      bench.seenAt = performance.timeOrigin + performance.now();
      window.benchSeen(bench.expect, bench.seenAt); // pushed to the probe: no polling from outside the page
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  return chip();
};

function childPids(parent) { // Chromium's processes: children of this one (Playwright starts the browser itself)
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent) pids.push(Number(entry));
    } catch { /* gone */ }
  }
  return pids;
}

const percentile = (sorted, q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : NaN;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  if (process.env.PIDS_FILE) fs.writeFileSync(process.env.PIDS_FILE, childPids(process.pid).join('\n') + '\n');
  let load;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.setDefaultTimeout(60_000);
    // The page calls this the moment it shows what the current probe expects.
    let waiting = null;
    await page.exposeFunction('benchSeen', (expect, at) => { if (waiting && waiting.expect === expect) waiting.resolve(at); });
    const seenWithin = (promise, ms) => Promise.race([promise, new Promise(r => setTimeout(() => r(null), ms))]);
    await page.goto(new URL('/?sort=name', baseB).toString());
    await page.waitForFunction(() => document.querySelector('[data-live]') !== null);
    await page.locator(`.scripto-name[data-script-id="${probeId}"]`).waitFor();
    const initial = await page.evaluate(installObserver, probeId);
    if (initial !== 'OK' && initial !== 'Failed') throw new Error(`the probe's chip on B reads '${initial}', expected OK or Failed`);

    load = backgroundLoad();
    await new Promise(r => setTimeout(r, warmupMs));
    load.reset();

    const latencies = [], acks = [];
    let missed = 0, probeOk = 0, ok = initial === 'OK';
    const until = Date.now() + maxSeconds * 1000;
    for (let i = 0; i < probes && Date.now() < until; i++) {
      ok = !ok;
      const expect = ok ? 'OK' : 'Failed';
      const seen = new Promise(resolve => { waiting = { expect, resolve }; });
      await page.evaluate(e => { window.__bench.expect = e; window.__bench.seenAt = null; }, expect);
      const sent = Date.now();
      const status = await put(baseA, probeId, ok);
      const acked = Date.now();
      if (!acknowledged(status)) throw new Error(`a probe to A was answered ${status}`);
      probeOk++;
      acks.push(acked - sent);
      // A late page is a result, not a miss: each probe waits until B shows it (up to PROBE_TIMEOUT_S), so that the
      // next one starts from what both nodes show.
      const at = await seenWithin(seen, probeTimeoutMs);
      if (at !== null) latencies.push(at - acked);
      else {
        missed++;
        const shown = await page.evaluate(() => window.__bench.chip());
        console.log(`   probe ${i}: B's page did not show '${expect}' within ${probeTimeoutMs / 1000} s (it shows '${shown}'); A answered it in ${acked - sent} ms`);
        if (missed > 3) { report(); throw new Error(`${missed} probes never showed on B`); }
        ok = shown === 'OK';
      }
      // A random pause, so the probes land at every phase of the page's 100 ms coalescing window.
      await new Promise(r => setTimeout(r, 20 + Math.random() * 100));
      if ((i + 1) % 50 === 0) console.log(`   ${i + 1}/${probes} probes; background load ${(load.ok / ((Date.now() - load.since) / 1000)).toFixed(0)} reports/s acknowledged`);
    }
    report();
    await load.stop();
    // Every report answered 2xx since the load started (warm-up included): the shell counts them in the database.
    console.log(`cross.acknowledged ${load.okTotal + probeOk}`);

    function report() {
      const seconds = (Date.now() - load.since) / 1000;
      const sorted = [...latencies].sort((a, b) => a - b);
      const ackSorted = [...acks].sort((a, b) => a - b);
      const line = (k, v) => console.log(`cross.${k} ${v}`);
      line('probes', sorted.length);
      line('missed', missed);
      line('p50_ms', percentile(sorted, 0.5).toFixed(1));
      line('p95_ms', percentile(sorted, 0.95).toFixed(1));
      line('max_ms', sorted.length ? sorted[sorted.length - 1].toFixed(1) : 'NaN');
      line('ack_p50_ms', percentile(ackSorted, 0.5).toFixed(1));
      line('load_per_s', (load.ok / seconds).toFixed(0));
      line('load_errors', load.errors);
      line('load_skipped', load.skipped);
    }
  } finally {
    if (load && !load.stopped) await load.stop();
    await browser.close();
    for (const agent of agents.values()) agent.destroy();
  }
}

main().catch(e => { console.error(`cross-node probe: ${e.stack || e}`); process.exit(1); });
