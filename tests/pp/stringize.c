/* # spelling: escapes in strings and characters, white space. */
#define s(x) #x
#define xs(x) s(x)
s("a\n" 'b' "\\" '\'');
s(  leading   and    trailing   );
s(a
b);
s(L"wide" u8"utf8" 'c' U'x');
s(@ \ $);
s(/* comment */ x /* another */ y);
xs(__LINE__) xs(s(q));
#define EMPTY
xs(EMPTY) s(EMPTY) xs(a EMPTY b);
#define F(x) [x]
xs(F( 1 )) xs(F(1)F(2));
