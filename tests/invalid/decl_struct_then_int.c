/* C11 6.7.2p2: struct specifier and int in one declaration */
struct S { int a; } int x;
