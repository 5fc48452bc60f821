-- wrk script for bench/write-throughput.sh: PUT /api/v1/script/{id} with {"status": 0|1}.
--
-- Every request must change its row (SQLite and EF Core skip writes that change nothing, which would inflate
-- the figures), so:
--   * each wrk thread owns a disjoint share of the ids (no two threads ever send the same id);
--   * each thread remembers the last status it sent per id and sends the other one;
--   * the starting status of each id is read from BENCH_IDS_FILE ("<id> <0|1|null>" per line), written by the
--     shell script from a GET just before this run.
-- Environment: BENCH_IDS_FILE, BENCH_THREADS (must equal wrk -t), BENCH_EXPECTED_FILE (optional: done() writes
-- "<id> <last status sent>" there, for the shell script to compare with what was stored).

local tid, nthreads = 0, 1
local owned, reqs, n, i = {}, {}, 0, 0
local verify_pending = false
local headers = { ["Content-Type"] = "application/json" }

-- Global so done() can read it from the main Lua state with thread:get("current").
current = {}

local function body(status)
  return '{"status": ' .. status .. '}'
end

-- Runs in the main Lua state, once per thread, before that thread's init().
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  tid = wrk.thread:get("tid")
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local path = assert(os.getenv("BENCH_IDS_FILE"), "BENCH_IDS_FILE is not set")
  local index = 0
  for line in io.lines(path) do
    local id, status = line:match("^(%d+)%s+(%S+)")
    if id then
      if index % nthreads == tid then
        id = tonumber(id)
        n = n + 1
        owned[n] = id
        -- null (never reported) is sent a 1 first; 0 and 1 are flipped.
        current[id] = (status == "1") and 1 or 0
        local path = "/api/v1/script/" .. id
        reqs[n] = { [0] = wrk.format("PUT", path, headers, body(0)), [1] = wrk.format("PUT", path, headers, body(1)) }
      end
      index = index + 1
    end
  end
  assert(n > 0, "thread " .. tid .. " owns no ids (fewer scripts than threads?)")
  -- wrk 4.x calls request() once on thread 0 before any connection opens, only to check that the request
  -- parses; that request is never sent, so it must not advance the state.
  verify_pending = (tid == 0)
end

function request()
  if verify_pending then
    verify_pending = false
    return reqs[1][1 - current[owned[1]]]
  end
  i = i % n + 1
  local id = owned[i]
  local status = 1 - current[id]
  current[id] = status
  return reqs[i][status]
end

function done(summary, latency, requests)
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local ok = summary.requests - e.status
  io.write(string.format("bench.requests %d\n", summary.requests))
  io.write(string.format("bench.duration_s %.2f\n", seconds))
  io.write(string.format("bench.ok %d\n", ok))
  io.write(string.format("bench.ok_per_s %.0f\n", ok / seconds))
  io.write(string.format("bench.p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("bench.p90_ms %.2f\n", latency:percentile(90) / 1000))
  io.write(string.format("bench.p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("bench.max_ms %.2f\n", latency.max / 1000))
  io.write(string.format("bench.errors_socket %d (connect %d, read %d, write %d, timeout %d)\n",
    socket_errors, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("bench.errors_status %d\n", e.status))
  io.write(string.format("bench.errors %d\n", socket_errors + e.status))

  local out = os.getenv("BENCH_EXPECTED_FILE")
  if out and out ~= "" then
    local f = assert(io.open(out, "w"))
    for _, thread in ipairs(threads) do
      for id, status in pairs(thread:get("current")) do
        f:write(string.format("%d %d\n", id, status))
      end
    end
    f:close()
  end
end
