/* C11 6.4.1p2: a keyword cannot be an identifier */
int while = 3;
