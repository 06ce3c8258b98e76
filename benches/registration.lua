-- wrk script for benches/registration.rs: every request POSTs one
-- registration to the URL given to wrk (/api/v1/webinars/{id}/registrations)
-- with an e-mail no other request of the run uses:
-- <tag>-<wrk thread>-<counter>@example.com. The tag (wrk's first argument
-- after `--`) tells runs on the same webinar apart (warm-up, measurement).
--
--   wrk -t 2 -c 64 -d 10s --latency -s benches/registration.lua \
--       http://127.0.0.1:PORT/api/v1/webinars/ID/registrations -- TAG
--
-- No response() callback: defining one makes wrk hand every response to Lua,
-- which costs client CPU on a machine the server shares. wrk's own summary
-- counts non-2xx answers.

local threads = 0

-- Runs once per wrk thread in the main state; `thread_id` becomes a global
-- of that thread's own state.
function setup(thread)
   threads = threads + 1
   thread:set("thread_id", threads)
end

function init(args)
   tag = args[1] or "run"
   counter = 0
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local body = string.format(
      '{"email":"%s-%d-%d@example.com","name":"Bench Person"}',
      tag, thread_id, counter)
   return wrk.format(nil, nil, nil, body)
end
