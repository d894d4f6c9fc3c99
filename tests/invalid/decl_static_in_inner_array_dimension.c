/* C11 6.7.6.2p1: static only in the outermost parameter array dimension */
void f(int a[3][static 2]);
