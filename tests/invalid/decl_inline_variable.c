/* C11 6.7.4p1: inline on an object */
inline int x;
