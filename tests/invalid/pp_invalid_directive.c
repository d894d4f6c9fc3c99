/* C11 6.10p4: unknown preprocessing directive in a group that is processed */
#frobnicate
int x;
