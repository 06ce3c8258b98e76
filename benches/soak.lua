-- wrk script for benches/soak: a mixed load at a moderate, roughly fixed
-- rate. Each connection waits a random (exponential) think time before each
-- request, so that `connections / mean delay` is the request rate whatever
-- the answers take (latency is measured from the write, without the wait).
--
--   wrk -t 1 -c 8 -d 10s --latency -s benches/soak.lua http://127.0.0.1:PORT \
--       -- TAG DELAY_MS CSM_TOKEN ADMIN_TOKEN WEBINAR_IDS FROM TO CARRY
--
-- TAG keeps e-mails unique across windows and instances; WEBINAR_IDS is a
-- comma-separated list; FROM/TO (RFC 3339) bound the attendee export to one
-- day, and the export asks for the confirmed attendees only: the load keeps
-- their number level, where all of the day's rows (cancelled ones too) grow
-- all run long and would make the export alone the slowest 1 %.
-- Registrations and queue requests answered 201 are remembered (id and
-- manage token, read from the body) and later cancelled with that token,
-- oldest first. Cancellations are weighted a little above new bookings, and
-- the bookings still open when a window ends are written to the file CARRY
-- and read back by the next window, so the number of active bookings (and
-- the queue's waiting list) stays level while rows accumulate.
--
-- done() prints one line `soak: 2xx=N 3xx=N 4xx=N 5xx=N` that the bench
-- reads along with wrk's own summary.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_id", #threads)
end

local function split(s)
   local out = {}
   for id in string.gmatch(s, "[^,]+") do
      table.insert(out, id)
   end
   return out
end

function init(args)
   tag = args[1] or "run"
   mean_delay = tonumber(args[2] or "50")
   csm_token = args[3] or ""
   admin_token = args[4] or ""
   webinars = split(args[5] or "")
   export_from = args[6] or ""
   export_to = args[7] or ""
   carry = args[8]
   counter = 0
   s2, s3, s4, s5 = 0, 0, 0, 0
   regs, queued = {}, {}
   open_bookings = ""
   local f = carry and io.open(carry, "r")
   if f then
      for line in f:lines() do
         local kind, id, token = string.match(line, "^(%a) (%S+) (%S+)$")
         if kind == "r" then
            table.insert(regs, { id = id, token = token })
         elseif kind == "q" then
            table.insert(queued, { id = id, token = token })
         end
      end
      f:close()
   end
   math.randomseed(os.time() + thread_id * 7919)
end

function delay()
   -- Exponential think time with the given mean, capped at 10 means.
   local u = math.random()
   return math.min(-math.log(1 - u) * mean_delay, 10 * mean_delay)
end

local function webinar()
   return webinars[math.random(#webinars)]
end

local function email()
   counter = counter + 1
   return string.format("%s-%d-%d@soak%d.example.com", tag, thread_id, counter,
                        counter % 50)
end

-- The open bookings as text (wrk hands only plain values from a thread to
-- done()), rebuilt whenever they change; they are few.
local function remember()
   local lines = {}
   for _, b in ipairs(regs) do
      table.insert(lines, "r " .. b.id .. " " .. b.token .. "\n")
   end
   for _, b in ipairs(queued) do
      table.insert(lines, "q " .. b.id .. " " .. b.token .. "\n")
   end
   open_bookings = table.concat(lines)
end

local json = { ["Content-Type"] = "application/json" }

local function register()
   local consent = (counter % 2 == 0) and "true" or "false"
   local body = string.format(
      '{"email":"%s","name":"Soak Person","company":"Soak Co",' ..
      '"questions":["How do I export?"],"marketing_consent":%s}',
      email(), consent)
   return wrk.format("POST", "/api/v1/webinars/" .. webinar() .. "/registrations",
                     json, body)
end

local function join_queue()
   local body = string.format(
      '{"email":"%s","name":"Soak Person","topic":"Onboarding",' ..
      '"situation":"We are setting up our first workspace.","timezone":"Europe/Berlin"}',
      email())
   return wrk.format("POST", "/api/v1/queue", json, body)
end

local function bearer(token)
   return { ["Authorization"] = "Bearer " .. token }
end

-- Weights out of 100.
function request()
   local r = math.random(100)
   if r <= 20 then
      return wrk.format("GET", "/")
   elseif r <= 40 then
      return wrk.format("GET", "/webinars/" .. webinar())
   elseif r <= 48 then
      return wrk.format("GET", "/api/v1/webinars")
   elseif r <= 53 then
      return wrk.format("GET", "/api/v1/webinars/" .. webinar())
   elseif r <= 58 then
      return wrk.format("GET", "/office-hours")
   elseif r <= 71 then
      return register()
   elseif r <= 85 then
      local b = table.remove(regs, 1)
      if b == nil then return register() end
      remember()
      return wrk.format("POST", "/api/v1/registrations/" .. b.id .. "/cancel",
                        bearer(b.token))
   elseif r <= 88 then
      return join_queue()
   elseif r <= 92 then
      local b = table.remove(queued, 1)
      if b == nil then return join_queue() end
      remember()
      return wrk.format("POST", "/api/v1/queue/" .. b.id .. "/cancel", bearer(b.token))
   elseif r <= 95 then
      return wrk.format("GET", "/api/v1/webinars/" .. webinar() .. "/registrations",
                        bearer(csm_token))
   elseif r <= 97 then
      return wrk.format("GET", "/api/v1/queue", bearer(csm_token))
   elseif r <= 99 then
      return wrk.format("GET", "/api/v1/attendees?limit=50", bearer(admin_token))
   else
      return wrk.format("GET", "/api/v1/attendees.csv?status=confirmed&from=" ..
                        export_from .. "&to=" .. export_to, bearer(admin_token))
   end
end

function response(status, headers, body)
   if status >= 500 then
      s5 = s5 + 1
   elseif status >= 400 then
      s4 = s4 + 1
   elseif status >= 300 then
      s3 = s3 + 1
   else
      s2 = s2 + 1
   end
   if status == 201 and body ~= nil then
      local id = string.match(body, '"id":"([%w%-]+)"')
      local token = string.match(body, '"manage_token":"([^"]+)"')
      if id and token then
         if string.find(body, '"webinar_id"', 1, true) then
            table.insert(regs, { id = id, token = token })
         else
            table.insert(queued, { id = id, token = token })
         end
         remember()
      end
   end
end

function done(summary, latency, requests)
   local t2, t3, t4, t5 = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      t2 = t2 + t:get("s2")
      t3 = t3 + t:get("s3")
      t4 = t4 + t:get("s4")
      t5 = t5 + t:get("s5")
   end
   io.write(string.format("soak: 2xx=%d 3xx=%d 4xx=%d 5xx=%d\n", t2, t3, t4, t5))
   -- done() runs in the main script, which saw no init(): the file's name
   -- comes from a thread.
   local carry = threads[1] and threads[1]:get("carry")
   if carry then
      local f = assert(io.open(carry, "w"))
      for _, t in ipairs(threads) do
         f:write(t:get("open_bookings"))
      end
      f:close()
   end
end
