/* C11 6.7p2: a declaration must declare a declarator, tag or enumeration member */
int;
