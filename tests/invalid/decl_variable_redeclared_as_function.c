/* C11 6.7p4: object then function with one name */
int f;
int f(void);
