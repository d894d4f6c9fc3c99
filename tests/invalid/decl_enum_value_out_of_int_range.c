/* C11 6.7.2.2p2: enumerator value must be representable as int */
enum E { A = 0x80000000 };
