/* C11 6.7.2.2p2: enumerator value must be an integer constant expression */
int n = 3;
enum E { A = n };
