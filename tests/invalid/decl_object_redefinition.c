/* C11 6.9p3: two external definitions of one object */
int x = 1;
int x = 2;
