/* C11 6.7p3: enumerator redeclares an object in the same scope */
int A;
enum E { A };
