/* C11 6.7p3: enumerator declared twice in one scope */
enum E { A, A };
