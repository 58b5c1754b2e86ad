-- GET <prefix>/bench-<random 1..sessions><suffix> with a bearer token: a read of a random seeded session.
function init(args)
  prefix, suffix, token, sessions = args[1], args[2], args[3], tonumber(args[4])
  math.randomseed(os.time() + (id or 0))
end

function request()
  local path = prefix .. "bench-" .. math.random(1, sessions) .. suffix
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
