-- wrk script for bench/write-throughput.sh: v1 reports, PUT /api/v1/script/{id} with the original README's body,
-- {"last_exec":"CURRENT_TIMESTAMP","name":...,"server":...,"status":0|1}, sent with an API key.
--
-- Every request must change its row (SQLite and EF Core skip writes that change nothing), so each request sends
-- the other status than the last one sent to that id:
--   * with several ids (the spread), each wrk thread owns a disjoint share of them and flips each in turn, and
--     done() writes "<id> <last status sent>" to BENCH_EXPECTED_FILE for the shell to compare with what is stored;
--   * with one id (the hot script) both threads send to it, each alternating, starting from opposite statuses.
-- Environment: BENCH_IDS_FILE ("<id> <name> <server> <0|1|null>" per line), BENCH_THREADS (= wrk -t),
-- BENCH_KEY (the API key), BENCH_EXPECTED_FILE (optional).

local tid, nthreads = 0, 1
local owned, reqs, n, i = {}, {}, 0, 0
local verify_pending = false
local shared = false

-- Global so done() can read it from the main Lua state with thread:get("current").
current = {}

local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local function body(name, server, status)
  return '{"last_exec":"CURRENT_TIMESTAMP","name":"' .. name .. '","server":"' .. server .. '","status":' .. status .. '}'
end

function init(args)
  tid = wrk.thread:get("tid")
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. assert(os.getenv("BENCH_KEY")) }
  local lines = {}
  local path = assert(os.getenv("BENCH_IDS_FILE"), "BENCH_IDS_FILE is not set")
  for line in io.lines(path) do
    local id, name, server, status = line:match("^(%d+)%s+(%S+)%s+(%S+)%s+(%S+)")
    if id then table.insert(lines, { tonumber(id), name, server, status }) end
  end
  shared = #lines == 1
  for index, l in ipairs(lines) do
    if shared or (index - 1) % nthreads == tid then
      local id = l[1]
      n = n + 1
      owned[n] = id
      -- null (never reported) is sent a 1 first; 0 and 1 are flipped. Shared: the threads start opposite.
      current[id] = (l[4] == "1") and 1 or 0
      if shared and tid % 2 == 1 then current[id] = 1 - current[id] end
      local path = "/api/v1/script/" .. id
      reqs[n] = { [0] = wrk.format("PUT", path, headers, body(l[2], l[3], 0)),
                  [1] = wrk.format("PUT", path, headers, body(l[2], l[3], 1)) }
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
  dofile(os.getenv("BENCH_DIR") .. "/wrk-summary.lua")(summary, latency)
  local out = os.getenv("BENCH_EXPECTED_FILE")
  if out and out ~= "" and not shared then
    local f = assert(io.open(out, "w"))
    for _, thread in ipairs(threads) do
      for id, status in pairs(thread:get("current")) do
        f:write(string.format("%d %d\n", id, status))
      end
    end
    f:close()
  end
end
