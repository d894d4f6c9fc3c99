/* C11 6.4.4.4p1: character constant missing its closing quote */
int c = 'a;
