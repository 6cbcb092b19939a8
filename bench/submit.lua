-- wrk script for bench/submit.sh: POSTs the concern form that bench_submit_server prints
-- (passed in SUBMIT_BODY) as JSON. wrk builds the request once; no per-response Lua, so wrk
-- costs the same on both servers.
wrk.method = "POST"
wrk.body = assert(os.getenv("SUBMIT_BODY"), "SUBMIT_BODY is not set")
wrk.headers["Content-Type"] = "application/json"
