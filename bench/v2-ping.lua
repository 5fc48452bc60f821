-- wrk script for bench/write-throughput.sh: v2 pings by name, POST /api/v2/ping/{name}?server=bench, or .../fail,
-- with an API key. Each request picks a random existing script (bench-v2-1.sh .. bench-v2-N.sh) and succeeds or
-- fails at random (half each); every ping appends a run and moves the script's last run, so each changes its row.
-- Environment: BENCH_V2_SCRIPTS (N), BENCH_KEY.

local count, headers
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  count = tonumber(assert(os.getenv("BENCH_V2_SCRIPTS")))
  headers = { ["Authorization"] = "Bearer " .. assert(os.getenv("BENCH_KEY")) }
  math.randomseed(os.time() * 16 + wrk.thread:get("tid"))
end

function request()
  local path = "/api/v2/ping/bench-v2-" .. math.random(count) .. ".sh"
  if math.random(2) == 1 then path = path .. "/fail" end
  return wrk.format("POST", path .. "?server=bench", headers)
end

function done(summary, latency, requests)
  dofile(os.getenv("BENCH_DIR") .. "/wrk-summary.lua")(summary, latency)
end
