/* C11 6.4.4.1p1: invalid suffix on an integer constant */
int x = 12abc;
