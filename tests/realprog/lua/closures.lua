-- closures, upvalues, varargs, recursion, metatables, coroutines, GC.
local function counter()
  local n = 0
  return function(k) n = n + (k or 1); return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(5), c2(), c1(), c2(10))
local fs = {}
for i = 1, 5 do fs[i] = function() return i * i end end
print(fs[1](), fs[3](), fs[5]())
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(25))
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
  return s, ...
end
print(sum(1, 2, 3, nil, 5))
print(table.pack(sum()).n, (sum(4, 5)))
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
print(tail(100000, 0))
-- metatables
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__tostring = function(v) return string.format("(%g, %g)", v.x, v.y) end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__len = function() return 2 end
V.__call = function(v, k) return v.x * k end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__unm = function(a) return setmetatable({x = -a.x, y = -a.y}, V) end
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
local a, b = vec(1, 2), vec(3.5, -4)
print(tostring(a + b), a == vec(1, 2), a < b, b <= a, #a, a(10), a .. b, tostring(-a))
local default = setmetatable({}, {__index = function(_, k) return k .. "!" end})
print(default.foo, default[1])
local log = {}
local proxy = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end})
proxy.a = 1; proxy.b = 2; proxy.a = 3
print(table.concat(log, ","), proxy.a)
-- coroutines
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i, i * i) end
  return "done"
end)
print(gen(4)); print(gen()); print(gen()); print(gen()); print(gen())
local co = coroutine.create(function(x, y)
  local z = coroutine.yield(x + y)
  local w, v = coroutine.yield(z * 2)
  return w + v
end)
print(coroutine.resume(co, 1, 2)); print(coroutine.resume(co, 10)); print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co), coroutine.status(co))
local bad = coroutine.create(function() error("oops") end)
print(coroutine.resume(bad))
print(coroutine.isyieldable(), select(2, coroutine.running()))
local function producer()
  return coroutine.wrap(function()
    for _, w in ipairs({"alpha", "beta", "gamma"}) do coroutine.yield(w) end
  end)
end
for w in producer() do io.write(w, " ") end
print()
-- error handling
local ok, err = pcall(function() error({msg = "table error"}) end)
print(ok, type(err), err.msg)
print(xpcall(function() error("deep") end, function(m) return "handled: " .. m end))
print(select(2, pcall(string.rep)))
-- closing variables and GC
do
  local order = {}
  do
    local x <close> = setmetatable({}, {__close = function() order[#order + 1] = "x" end})
    local y <close> = setmetatable({}, {__close = function() order[#order + 1] = "y" end})
  end
  print(table.concat(order))
end
local weak = setmetatable({}, {__mode = "k"})
weak[{}] = 1
collectgarbage(); collectgarbage()
local n = 0
for _ in pairs(weak) do n = n + 1 end
print("weak entries", n)
local keys = {}
local h = {zeta = 1, alpha = 2, mid = 3, [1] = "one", [2.5] = "x"}
for k in pairs(h) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
