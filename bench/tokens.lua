-- POST .../token, rotating over "<sessionId> <patient JWT>" pairs (one per line), no body.
function init(args)
  pairs_ = {}
  for line in io.lines(args[1]) do
    local space = line:find(" ", 1, true)
    pairs_[#pairs_ + 1] = { line:sub(1, space - 1), line:sub(space + 1) }
  end
  index = math.random(1, #pairs_)
end

function request()
  index = index % #pairs_ + 1
  local pair = pairs_[index]
  return wrk.format("POST", "/api/videocall/sessions/" .. pair[1] .. "/token", { ["Authorization"] = "Bearer " .. pair[2] })
end
