/* C11 6.7.8p1: [a ... b] designators are not C11 syntax */
int a[5] = { [1 ... 3] = 7 };
