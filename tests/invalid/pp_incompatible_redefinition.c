/* C11 6.10.3p2: incompatible macro redefinition */
#define N 1
#define N 2
int x = N;
