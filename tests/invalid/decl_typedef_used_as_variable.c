/* C11 6.7p3: typedef name redeclared as an object in the same scope */
typedef int T;
int T;
