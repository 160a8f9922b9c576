-- wrk script for `scripts/loadtest --results`: requests the results pages
-- of several afwegingen in turn (their paths in RESULT_PATHS, separated by
-- spaces) and counts the answers per HTTP status over all threads: 200 and
-- 503 (the analysis line is full: "probeer het opnieuw") are expected,
-- a 500 never.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for p in string.gmatch(os.getenv("RESULT_PATHS") or "", "%S+") do
    table.insert(paths, p)
  end
  counts = {}
  n = math.random(0, #paths - 1)
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local ms = function(us) return string.format("%.1f ms", us / 1000) end
  io.write("--- results pages\n")
  io.write(string.format("requests      %d in %.1f s\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("latency       p50 %s  p95 %s  max %s\n",
    ms(latency:percentile(50)), ms(latency:percentile(95)), ms(latency.max)))
  for status, count in pairs(total) do
    io.write(string.format("STATUS_%s=%d\n", status, count))
  end
end
