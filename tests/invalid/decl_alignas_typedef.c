/* C11 6.7.5p2: _Alignas in a typedef */
typedef _Alignas(16) int T;
