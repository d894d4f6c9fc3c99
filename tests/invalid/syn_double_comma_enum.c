/* C11 6.7.2.2p1: enumerator list with an empty item */
enum E { A,, B };
