-- The figures every wrk script of bench/write-throughput.sh prints at the end, as "bench.<key> <value>" lines.
-- errors = socket errors (connect, read, write, timeout) + non-2xx answers; ok = 2xx answers (acknowledged).
return function(summary, latency)
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
end
