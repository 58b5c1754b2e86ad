-- Cycles through pre-signed callbacks (one "<Authorization>\t<body>" per line); two threads take
-- alternate lines, and start over when they run out, which makes the later sends redeliveries.
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  for line in io.lines(args[1]) do
    lines[#lines + 1] = line
  end
  step = tonumber(args[2] or "2")
  index = id + 1
end

function request()
  local line = lines[index]
  index = index + step
  if index > #lines then
    index = id + 1
  end
  local tab = line:find("\t", 1, true)
  return wrk.format("POST", "/api/videocall/webhooks/opentok",
    { ["Authorization"] = line:sub(1, tab - 1), ["Content-Type"] = "application/json" }, line:sub(tab + 1))
end
