-- math library and number formatting: the printf/strtod paths of libc and
-- the float code of the compiler both show here.
print(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger)
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.ceil(-3.5), math.fmod(7, 3),
      math.fmod(-7, 3), math.fmod(7.5, 2), math.modf(3.7), math.modf(-3.7))
print(math.sqrt(2), math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5),
      math.atan(1, 2), math.exp(1), math.log(10), math.log(8, 2), math.log(100, 10))
print(math.abs(-3), math.abs(-3.5), math.max(1, 5, 3), math.min(2.5, -1), math.ult(1, -1),
      math.tointeger(3.0), math.tointeger(3.5), 3 == 3.0, math.type(2^31))
print(7 // 2, 7.0 // 2, -7 // 2, 7 % -2, 7.5 // -2, 1e308 * 10, -(0 / 0) ~= -(0 / 0))
math.randomseed(42)
local r = {}
for i = 1, 8 do r[i] = math.random(1, 1000) end
print(table.concat(r, " "), math.random(5) <= 5)
local acc = 0.0
for i = 1, 100000 do acc = acc + 1 / (i * i) end
print(acc, string.format("%.15f", acc), math.sqrt(acc * 6))
local x = 1.0
for i = 1, 60 do x = x * 1.5 - i / 7 end
print(x, string.format("%.10e", x))
local ints = 1
for i = 1, 70 do ints = ints * 3 + i end
print(ints, ints // 7, ints % 1000, ints >> 3, ints ~ 0xff)
for _, v in ipairs({1, 7, 0.1, 1/3, 2/3, 1e15 + 0.3, 123456.789e3, 2^-1074, 2^1023}) do
  print(v, string.format("%.3f|%10.4e|%g|%.17g", v, v, v, v), v * 3, v / 7, math.floor(v * 100))
end
print(string.format("%5.1f%%", 99.44), 255 // 16, 0xff, 0xA.8p0, 1e2, .5, 3., 0x10p-1)
print(8 // 0.0, -8 // 0.0, 0/0 ~= 0/0, math.huge // 1, pcall(function() return 1 // 0 end))
print(string.format("%d", 3.0), pcall(string.format, "%d", 3.5))
print(tostring(2^63) == "9.2233720368548e+18", math.floor(2^62), 2^53 + 1)
local sum = 0
for i = 10, 1, -0.5 do sum = sum + i end
print(sum)
for i = math.maxinteger - 2, math.maxinteger do io.write(i, " ") end
print()
