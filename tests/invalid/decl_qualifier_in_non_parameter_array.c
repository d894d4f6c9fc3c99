/* C11 6.7.6.2p1: qualifiers in [] outside a parameter */
int a[const 3];
