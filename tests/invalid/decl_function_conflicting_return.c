/* C11 6.7p4: function declared with different return types */
int f(void);
long f(void);
