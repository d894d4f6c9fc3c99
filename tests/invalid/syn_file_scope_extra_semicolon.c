/* C11 6.9p1: a stray ; is not an external declaration */
int x;;
