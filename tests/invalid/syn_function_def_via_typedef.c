/* C11 6.9.1p2: a function definition's declarator cannot come from a typedef */
typedef int F(void);
F f { return 0; }
