-- Run by tools/realprog.py with the gcc-built and the lcc-built lua; the
-- outputs must be identical. No pairs() over hashed keys without sorting
-- (Lua seeds its string hash at random) and no addresses.
print("hello", 1, 2.5, nil, true, false, -0.0, 1e100, 2^53, 2^63, math.mininteger)
print(10 // 3, 10.0 // 3, -10 // 3, 10 % -3, -10 % 3, 7.5 % 2, 2^-1, 1 / 0, -1 / 0)
print(3 & 5, 3 | 5, 3 ~ 5, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1, 5 // 0.0)
print(math.maxinteger + 1 == math.mininteger, math.maxinteger * 2, 0x7fffffff * 0x7fffffff)
print(tostring(1e15), tostring(1e16), 123456789012, 0.1, 1/3, -1/3, 100 / 2, 3 | 0)
print(tonumber("0x10"), tonumber("  12  "), tonumber("1e2"), tonumber("z", 36), tonumber("10", 2),
      tonumber("0x1p4"), tonumber("abc"), tonumber("8", 8), math.type(1), math.type(1.0))
print(string.format("%5.2f|%-8d|%x|%X|%o|%e|%g|%g|%a", 3.14159, 42, 255, 255, 8, 12345.678,
                    0.0001, 1e20, 1.0))
print(string.format("%q", "line\nbreak\0zero\"quote\\"), string.format("%q", 1/3),
      string.format("%q", math.mininteger))
print(string.format("%10s|%-10s|%.3s|%c%c%c", "r", "l", "truncate", 76, 117, 97))
print(string.format("%.20f %.17g %.0f %#x %+d % d %05.1f", 0.1, 0.1, 0.5, 255, 3, 3, -2.25))
for _, v in ipairs({0, 1, -1, 0.5, 1e-300, 1e300, 123.456, -0.0, 2^24 + 1, 1e21, 5e-324}) do
  io.write(string.format("%g %.3f %.14g %e %a|", v, v, v, v, v))
end
print()
local t = {}
for i = 1, 20 do t[i] = (i * 37) % 23 end
table.sort(t)
print(table.concat(t, ","))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "), #t, select("#", table.unpack(t)))
table.insert(t, 1, 100); table.insert(t, 200); print(table.remove(t), table.remove(t, 1), #t)
print(table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), "-"))
print(select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
print(pcall(error, {code = 1}), pcall(error, "msg", 0), select(2, pcall(error)))
print(select(2, pcall(function() local x = nil; return x.y end)))
print(select(2, pcall(function() return 1 + {} end)))
print(string.rep("ab", 3, ","), ("x"):rep(0), #string.rep("a", 1000))
goto skip
print("not printed")
::skip::
print(rawequal(t, t), rawlen({1, 2}), rawget({5}, 1), type(print), type(nil))
