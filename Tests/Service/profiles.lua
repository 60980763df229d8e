-- wrk script: GET /v1/recommendations over a mix of five profiles, in turn.
local paths = {
  "/v1/recommendations?age=7&interest=dinosaurs&interest=drawing&purpose=educational&budget=30",
  "/v1/recommendations?age=35&interest=coffee&interest=hiking&budget=60",
  "/v1/recommendations?age=12&interest=space&interest=lego&purpose=fun&budget=50&limit=10",
  "/v1/recommendations?age=3&interest=trains&budget=25",
  "/v1/recommendations?age=70&interest=gardening&interest=reading&purpose=crafty&budget=40&exclude=seeds",
}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.2f p99_ms=%.2f rps=%.1f\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
