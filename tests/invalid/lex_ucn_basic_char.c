/* C11 6.4.3p2: a UCN may not name a basic source character */
const char *s = "\u0041";
