/* C11 6.9p2: register at file scope */
register int x;
