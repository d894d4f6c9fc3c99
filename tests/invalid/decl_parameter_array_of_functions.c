/* C11 6.7.6.2p1: parameter declared as array of functions */
void f(int a[](void));
