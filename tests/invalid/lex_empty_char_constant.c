/* C11 6.4.4.4p1: a character constant needs at least one c-char */
int c = '';
