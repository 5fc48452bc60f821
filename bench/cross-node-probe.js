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
// Prints "cross.<key> <value>" lines, and the browser's share split per probe (see splitLine below): A's acknowledgement
// until the WebSocket frame carrying B's render reached Chromium (CDP's Network timestamps: the server's share, relay and
// page and send), that frame until the page's script began handling it (Chromium's main thread busy elsewhere), that
// until the chip changed (Blazor applying the batch), and that until the next animation frame (when it is painted).
// CDP stamps a frame on the page's main thread, when it takes the frame in, so a busy main thread looks like a late
// server there; with tcpdump (run as root, kept root to write into its folder; CAPTURE=0 to skip) the frame's TCP segment leaving B on the loopback is
// stamped too, and the server's share is split from Chromium's wait.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { monitorEventLoopDelay } = require('perf_hooks');
const { spawn } = require('child_process');
const crypto = require('crypto');
const zlib = require('zlib');
const digest = data => crypto.createHash('sha1').update(data).digest('hex');
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

// Every WebSocket message the page's script receives, stamped when its handler begins (before Blazor's, registered
// later): its index matches the frame's in CDP's Network events, both in order.
const stampMessages = () => {
  const messages = window.__wsIn = { count: 0, at: [], size: [] };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        messages.at.push(performance.timeOrigin + performance.now());
        messages.size.push(typeof e.data === 'string' ? e.data.length : e.data.byteLength ?? e.data.size);
        messages.count++;
      });
    }
  };
};

// The watched row's chip; the page records when it first reads what is expected.
const installObserver = id => {
  const chip = () => {
    const name = document.querySelector(`.scripto-name[data-script-id="${id}"]`);
    const cell = name && name.closest('tr') && name.closest('tr').querySelector('.scripto-status');
    return cell ? cell.textContent.trim() : null;
  };
  const bench = { expect: null, seenAt: null, chip, mutations: 0, records: 0 };
  window.__bench = bench;
  new MutationObserver(records => {
    bench.mutations++;
    bench.records += records.length;
    if (bench.expect !== null && bench.seenAt === null && chip() === bench.expect) {
      const seenAt = bench.seenAt = performance.timeOrigin + performance.now();
      const message = window.__wsIn.count - 1; // the message whose handling changed the chip (Blazor applies a batch in it)
      const expect = bench.expect;
      // The next animation frame: what is painted is painted then.
      requestAnimationFrame(() => window.benchSeen(expect, seenAt, message, performance.timeOrigin + performance.now()));
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  return chip();
};

// B's WebSocket frames as they left B: tcpdump on the loopback (every TCP segment from B's port), read back after the
// run. The page's socket is the connection whose answer begins "HTTP/1.1 101"; its stream is cut into frames, each
// stamped with the segment that completed it, inflated (compressed per message: no context kept between them) and
// matched to CDP's frame by a digest of its content (a render batch carries its own id). Null when tcpdump cannot run.
function startCapture(port) {
  if (process.env.CAPTURE === '0' || process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/tcpdump')) return null;
  const file = path.join(fs.mkdtempSync('/tmp/cross-capture-'), 'b.pcap');
  const tcpdump = spawn('/usr/bin/tcpdump', ['-i', 'lo', '-Z', 'root', '-U', '-n', '-s', '0', '-w', file, `tcp src port ${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  // Ready when it says it listens (on a loaded machine that took more than a second, and the page's socket opened unseen).
  const ready = new Promise(resolve => {
    let said = '';
    tcpdump.stderr.on('data', chunk => { said += chunk; if (said.includes('listening on')) resolve(); });
    tcpdump.once('exit', resolve);
    setTimeout(resolve, 15_000);
  });
  return { file, tcpdump, ready };
}
async function stopCapture(capture) {
  if (!capture) return [];
  const ended = new Promise(r => capture.tcpdump.once('exit', r));
  capture.tcpdump.kill('SIGTERM');
  await ended;
  const data = fs.readFileSync(capture.file);
  fs.rmSync(path.dirname(capture.file), { recursive: true, force: true });
  // pcap (microseconds, little-endian), Ethernet framing on Linux's loopback.
  const sent = new Map(); // digest of each data frame of the page's socket -> wall ms it was complete on the wire
  if (data.length < 24 || data.readUInt32LE(0) !== 0xa1b2c3d4 || data.readUInt32LE(20) !== 1) return sent;
  let socket = null, stream = Buffer.alloc(0);
  for (let at = 24; at + 16 <= data.length;) {
    const ms = data.readUInt32LE(at) * 1000 + data.readUInt32LE(at + 4) / 1000;
    const length = data.readUInt32LE(at + 8);
    const packet = data.subarray(at + 16, at + 16 + length);
    at += 16 + length;
    if (packet.length < 14 + 20 || packet.readUInt16BE(12) !== 0x0800) continue;
    const ip = packet.subarray(14, 14 + ip16(packet, 16));
    const tcp = ip.subarray((ip[0] & 0x0f) * 4);
    if (tcp.length < 20) continue;
    const peer = tcp.readUInt16BE(2);
    let payload = tcp.subarray((tcp[12] >> 4) * 4);
    if (payload.length === 0) continue;
    if (socket === null) {
      if (!payload.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 101')) continue;
      socket = peer;
      const headersEnd = payload.indexOf('\r\n\r\n');
      payload = headersEnd < 0 ? Buffer.alloc(0) : payload.subarray(headersEnd + 4);
    } else if (peer !== socket) continue;
    stream = Buffer.concat([stream, payload]);
    for (;;) {
      if (stream.length < 2) break;
      let size = stream[1] & 0x7f, header = 2;
      if (size === 126) { if (stream.length < 4) break; size = stream.readUInt16BE(2); header = 4; }
      else if (size === 127) { if (stream.length < 10) break; size = Number(stream.readBigUInt64BE(2)); header = 10; }
      if (stream.length < header + size) break;
      const opcode = stream[0] & 0x0f;
      if (opcode === 1 || opcode === 2) {
        let payload = stream.subarray(header, header + size);
        if (stream[0] & 0x40) {
          try { payload = zlib.inflateRawSync(Buffer.concat([payload, Buffer.from([0, 0, 0xff, 0xff])])); } catch { payload = null; }
        }
        if (payload) { const key = digest(payload); if (!sent.has(key)) sent.set(key, ms); }
      }
      stream = stream.subarray(header + size);
    }
  }
  return sent;
}
const ip16 = (packet, offset) => packet.readUInt16BE(offset); // IPv4 total length (after Ethernet's 14 bytes: offset 16)

// CPU seconds of this process's descendants but tcpdump (Chromium's browser, renderer, GPU and utility processes).
function chromiumCpuSeconds() {
  const parents = new Map(), cpu = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(tcpdump)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch { /* gone */ }
  }
  const descends = pid => { for (let p = parents.get(pid); p; p = parents.get(p)) if (p === process.pid) return true; return false; };
  let total = 0;
  for (const [pid, seconds] of cpu) if (descends(pid)) total += seconds;
  return total;
}

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
      '--disable-component-update', '--disable-sync',
      // Chromium's own omnibox popup (a WebUI page, ~0.9 s of CPU) is loaded with each new window.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup'],
  });
  if (process.env.PIDS_FILE) fs.writeFileSync(process.env.PIDS_FILE, childPids(process.pid).join('\n') + '\n');
  let load, capture = null;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.setDefaultTimeout(60_000);
    await page.addInitScript(stampMessages);
    // The frames as Chromium's network side received them (CDP's monotonic seconds, turned into wall-clock ms by the
    // handshake's pair of both), for the split of each probe.
    const frames = { at: [], size: [], render: [], hash: [], offsetMs: null };
    const cdp = await page.context().newCDPSession(page);
    cdp.on('Network.webSocketWillSendHandshakeRequest', e => { frames.offsetMs ??= e.wallTime * 1000 - e.timestamp * 1000; });
    cdp.on('Network.webSocketFrameReceived', e => {
      const data = e.response.opcode === 2 ? Buffer.from(e.response.payloadData, 'base64') : Buffer.from(e.response.payloadData);
      frames.at.push(e.timestamp * 1000);
      frames.size.push(data.length);
      frames.render.push(data.includes('JS.RenderBatch'));
      frames.hash.push(digest(data));
    });
    await cdp.send('Network.enable');
    // The page calls this the moment it shows what the current probe expects.
    let waiting = null;
    await page.exposeFunction('benchSeen', (expect, at, message, paintedAt) => {
      if (waiting && waiting.expect === expect) waiting.resolve({ at, message, paintedAt });
    });
    const seenWithin = (promise, ms) => Promise.race([promise, new Promise(r => setTimeout(() => r(null), ms))]);
    capture = startCapture(new URL(baseB).port); // before the page opens its socket
    if (capture) await capture.ready;
    await page.goto(new URL('/?sort=name', baseB).toString());
    await page.waitForFunction(() => document.querySelector('[data-live]') !== null);
    await page.locator(`.scripto-name[data-script-id="${probeId}"]`).waitFor();
    const initial = await page.evaluate(installObserver, probeId);
    if (initial !== 'OK' && initial !== 'Failed') throw new Error(`the probe's chip on B reads '${initial}', expected OK or Failed`);

    load = backgroundLoad();
    await new Promise(r => setTimeout(r, warmupMs));
    load.reset();
    // This process also sends the background load: how late its own event loop runs (a late loop stamps A's answer late,
    // which would understate the latency; the page's stamps are the page's own).
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const framesBefore = frames.at.length;
    await cdp.send('Performance.enable');
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(m => [m.name, m.value]));
    const mainBefore = await metrics(), cpuBefore = chromiumCpuSeconds();
    const pageBefore = await page.evaluate(() => ({ mutations: window.__bench.mutations, records: window.__bench.records }));

    const latencies = [], acks = [], split = { server: [], queue: [], apply: [], paint: [] }, framesSeen = [], probed = [];
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
      const shownAt = await seenWithin(seen, probeTimeoutMs);
      if (shownAt !== null) {
        const { at, message, paintedAt } = shownAt;
        latencies.push(at - acked);
        framesSeen.push(message);
        probed.push({ acked, at, message, arrived: frames.at[message] + frames.offsetMs });
        const dispatched = await page.evaluate(m => window.__wsIn.at[m], message);
        if (frames.offsetMs !== null && message < frames.at.length) {
          const arrived = frames.at[message] + frames.offsetMs;
          split.server.push(arrived - acked);
          split.queue.push(dispatched - arrived);
        }
        split.apply.push(at - dispatched);
        split.paint.push(paintedAt - at);
      } else {
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
    loopDelay.disable();
    const seconds = (Date.now() - load.since) / 1000;
    const pageAfter = await page.evaluate(() => ({ mutations: window.__bench.mutations, records: window.__bench.records, sizes: window.__wsIn.size }));
    const mainAfter = await metrics(), cpuAfter = chromiumCpuSeconds();
    const perSecond = name => ((mainAfter[name] - mainBefore[name]) / seconds * 1000).toFixed(0);
    console.log(`cross.chromium cpu ${((cpuAfter - cpuBefore) / seconds * 100).toFixed(0)}% of a core (all its processes); page's main ` +
      `thread ms/s: tasks ${perSecond('TaskDuration')}, script ${perSecond('ScriptDuration')}, style ${perSecond('RecalcStyleDuration')}, ` +
      `layout ${perSecond('LayoutDuration')}; style recalcs ${((mainAfter.RecalcStyleCount - mainBefore.RecalcStyleCount) / seconds).toFixed(1)}/s, ` +
      `layouts ${((mainAfter.LayoutCount - mainBefore.LayoutCount) / seconds).toFixed(1)}/s`);
    const received = frames.at.length - framesBefore;
    const renders = frames.render.slice(framesBefore).filter(Boolean).length;
    const renderBytes = frames.size.slice(framesBefore).filter((_, i) => frames.render[framesBefore + i]).sort((a, b) => a - b);
    // The in-page messages and the CDP frames are matched by index: say if they ever disagree in size.
    const mismatched = framesSeen.filter(m => pageAfter.sizes[m] !== frames.size[m]).length;
    const ms = xs => { const s = [...xs].sort((a, b) => a - b); return `${percentile(s, 0.5).toFixed(0)}/${percentile(s, 0.95).toFixed(0)}`; };
    console.log(`cross.split_ms_p50/p95 server ${ms(split.server)} queue ${ms(split.queue)} apply ${ms(split.apply)} paint ${ms(split.paint)}` +
      ` (${split.server.length} probes; ${mismatched} frame(s) matched by index but of another size)`);
    console.log(`cross.frames_from_B ${(received / seconds).toFixed(1)}/s, render batches ${(renders / seconds).toFixed(1)}/s of ` +
      `${percentile(renderBytes, 0.5)}/${percentile(renderBytes, 0.95)} bytes (p50/p95); page mutation callbacks ` +
      `${((pageAfter.mutations - pageBefore.mutations) / seconds).toFixed(1)}/s, records ${((pageAfter.records - pageBefore.records) / seconds).toFixed(0)}/s`);
    // When the probe's frame left B (the captured frame of the same content).
    const sentAt = await stopCapture(capture);
    capture = null;
    if (sentAt.size) {
      const sent = [], chromium = [];
      for (const p of probed) {
        const at = sentAt.get(frames.hash[p.message]);
        if (at === undefined) continue;
        sent.push(at - p.acked);
        chromium.push(p.arrived - at);
      }
      console.log(`cross.split_wire_ms_p50/p95 B_sent ${ms(sent)} then_Chromium_took_it_in ${ms(chromium)} (${sent.length} of ` +
        `${probed.length} probes found on the wire; ${sentAt.size} distinct data frames captured, ${frames.at.length} in CDP)`);
    }
    console.log(`cross.probe_loop_delay_ms p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)}, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)}, max ${(loopDelay.max / 1e6).toFixed(1)}`);
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
    if (capture) capture.tcpdump.kill('SIGTERM');
    if (load && !load.stopped) await load.stop();
    await browser.close();
    for (const agent of agents.values()) agent.destroy();
  }
}

main().catch(e => { console.error(`cross-node probe: ${e.stack || e}`); process.exit(1); });
