/* C11 6.7.6.2p2: file-scope array size must be an integer constant */
int n = 3;
int a[n];
