-- CPU-bound workloads (n-body, spectral norm, binary trees, sieve, string
-- building, sorting with a comparator): many VM instructions, float and
-- integer arithmetic, GC pressure. Results printed with full precision.
local sqrt = math.sqrt
local function nbody(n)
  local pi, days = math.pi, 365.24
  local sm = 4 * pi * pi
  local B = {
    {0, 0, 0, 0, 0, 0, sm},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * days, 7.69901118419740425e-03 * days,
     -6.90460016972063023e-05 * days, 9.54791938424326609e-04 * sm},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * days, 4.99852801234917238e-03 * days,
     2.30417297573763929e-05 * days, 2.85885980666130812e-04 * sm},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * days, 2.37847173959480950e-03 * days,
     -2.96589568540237556e-05 * days, 4.36624404335156298e-05 * sm},
  }
  local function energy()
    local e = 0
    for i = 1, #B do
      local b = B[i]
      e = e + 0.5 * b[7] * (b[4] * b[4] + b[5] * b[5] + b[6] * b[6])
      for j = i + 1, #B do
        local c = B[j]
        local dx, dy, dz = b[1] - c[1], b[2] - c[2], b[3] - c[3]
        e = e - b[7] * c[7] / sqrt(dx * dx + dy * dy + dz * dz)
      end
    end
    return e
  end
  local e0 = energy()
  for _ = 1, n do
    for i = 1, #B do
      local b = B[i]
      for j = i + 1, #B do
        local c = B[j]
        local dx, dy, dz = b[1] - c[1], b[2] - c[2], b[3] - c[3]
        local d2 = dx * dx + dy * dy + dz * dz
        local mag = 0.01 / (d2 * sqrt(d2))
        b[4], b[5], b[6] = b[4] - dx * c[7] * mag, b[5] - dy * c[7] * mag, b[6] - dz * c[7] * mag
        c[4], c[5], c[6] = c[4] + dx * b[7] * mag, c[5] + dy * b[7] * mag, c[6] + dz * b[7] * mag
      end
    end
    for i = 1, #B do
      local b = B[i]
      b[1], b[2], b[3] = b[1] + 0.01 * b[4], b[2] + 0.01 * b[5], b[3] + 0.01 * b[6]
    end
  end
  return e0, energy()
end
print(string.format("nbody %.17g %.17g", nbody(20000)))

local function spectral(n)
  local function A(i, j) local ij = i + j - 1; return 1.0 / (ij * (ij - 1) * 0.5 + i) end
  local function Av(x, y, N)
    for i = 1, N do local a = 0; for j = 1, N do a = a + x[j] * A(i, j) end; y[i] = a end
  end
  local function Atv(x, y, N)
    for i = 1, N do local a = 0; for j = 1, N do a = a + x[j] * A(j, i) end; y[i] = a end
  end
  local u, v, t = {}, {}, {}
  for i = 1, n do u[i] = 1 end
  for _ = 1, 10 do Av(u, t, n); Atv(t, v, n); Av(v, t, n); Atv(t, u, n) end
  local vBv, vv = 0, 0
  for i = 1, n do vBv = vBv + u[i] * v[i]; vv = vv + v[i] * v[i] end
  return sqrt(vBv / vv)
end
print(string.format("spectral %.17g", spectral(120)))

local function bottomup(d)
  if d == 0 then return {} end
  d = d - 1
  return {bottomup(d), bottomup(d)}
end
local function check(t) if t[1] then return 1 + check(t[1]) + check(t[2]) end return 1 end
local total = 0
for d = 4, 14, 2 do
  local iters = 1 << (14 - d + 4)
  local c = 0
  for _ = 1, iters do c = c + check(bottomup(d)) end
  total = total + c
  print("trees", d, iters, c)
end
print("trees total", total)

local N = 200000
local sieve, count = {}, 0
for i = 2, N do
  if not sieve[i] then
    count = count + 1
    for j = i * i, N, i do sieve[j] = true end
  end
end
print("primes", count)

local parts = {}
for i = 1, 20000 do parts[#parts + 1] = string.format("%x:%.3f", i * 2654435761 % 4294967296, i / 7) end
local s = table.concat(parts, ";")
print("string", #s, s:sub(-30), select(2, s:gsub("%.5", "")))
local words = {}
for w in s:gmatch("[0-9a-f]+:") do words[#words + 1] = w end
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print("sorted", #words, words[1], words[#words], words[10000])
local h = 0
for i = 1, #s, 7 do h = (h * 31 + s:byte(i)) & 0xffffffff end
print("hash", h)
