/* C11 6.4p2: @ is not a valid token outside strings and comments */
int x = 1 @ 2;
