-- wrk report for scripts/loadtest: the latency percentiles (including p95,
-- which wrk's --latency leaves out), requests/s, errors and bytes per
-- response (a drop there would mean the session was lost: redirects).
function done(summary, latency, requests)
  local ms = function(us) return string.format("%.1f ms", us / 1000) end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write("--- summary\n")
  io.write(string.format("requests      %d in %.1f s = %.0f req/s\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("latency       p50 %s  p90 %s  p95 %s  p99 %s  max %s\n",
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(95)),
    ms(latency:percentile(99)), ms(latency.max)))
  io.write(string.format("errors        connect %d, read %d, write %d, timeout %d, HTTP >= 400: %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("bytes/resp    %.0f\n", summary.bytes / math.max(summary.requests, 1)))
  io.write(string.format("P95_US=%d\n", latency:percentile(95)))
end
