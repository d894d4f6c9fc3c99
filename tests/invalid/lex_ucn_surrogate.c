/* C11 6.4.3p2: a UCN may not name a surrogate code point */
const char *s = "\ud800";
