-- string library: find/match/gsub/gmatch, byte/char, pack/unpack, utf8.
local s = "The quick brown fox jumps over the lazy dog 1234 5.5e3"
print(s:len(), s:upper(), s:lower(), s:reverse())
print(s:find("quick"), s:find("o", 15), s:find("%d+"), s:find(".", 1, true), s:find("xyz"))
print(s:match("(%a+) (%a+)"), s:match("%d+%.?%d*e?%d*", 45), s:match("()fox()"))
print(s:gsub("o", "0"), s:gsub("%w+", string.upper, 3), s:gsub("(%w+) (%w+)", "%2 %1"))
print(("hello world"):gsub("%w+", {hello = "HI", world = false}))
for w, n in ("a=1, bb=22, ccc=333"):gmatch("(%a+)=(%d+)") do io.write(w, ":", n, ";") end
print()
print(("  trim me  "):match("^%s*(.-)%s*$") .. "|", ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print(("%bxy"):len(), ("f(a(b)c)d"):match("%b()"), ("THE (quick) fox"):find("%f[%a]%a+", 5))
print(string.byte("ABC", 1, -1), string.char(72, 101, 108, 108, 111), ("x"):byte(10))
print(("abc"):sub(2), ("abc"):sub(-2, -1), ("abc"):sub(0), ("abc"):sub(3, 2), ("abc"):sub(-100, 100))
print(tostring(12):rep(3), ("a,b,,c"):gsub(",", ";"), ("abc"):gsub("", "-"))
local packed = string.pack("<i4 >i8 d z s1 B h", -2, 1 << 40, 3.25, "zs", "len", 255, -300)
print(#packed, string.unpack("<i4 >i8 d z s1 B h", packed))
print(string.packsize("i4 i8 d"), string.pack(">I2", 0x1234):byte(1, -1))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"), utf8.codepoint("h€", 1, -1))
for p, c in utf8.codes("aé€") do io.write(p, "=", c, " ") end
print(utf8.offset("aé€x", 3), utf8.charpattern)
local parts = {}
for i = 1, 200 do parts[#parts + 1] = string.format("%03d", i * 7 % 1000) end
local big = table.concat(parts, "/")
print(#big, big:sub(1, 40), select(2, big:gsub("/", "")), big:find("700", 1, true))
print(("%d items at %.2f = %s"):format(3, 9.99, "total"), ("x"):format())
print(string.format("%-5s|%5s|%s", "ab", "cd", nil), tostring(nil), tostring(true))
print(("CamelCaseString"):gsub("(%u)", function(c) return "_" .. c:lower() end))
print(load("return " .. "1 + 2 * 3 ^ 2")(), load("syntax error here"))
