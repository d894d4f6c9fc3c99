/* C11 6.7.9p2: string initializer longer than the array */
char s[2] = "abc";
