/* C11 6.7p4: function declared with incompatible prototypes */
int f(int);
int f(double);
