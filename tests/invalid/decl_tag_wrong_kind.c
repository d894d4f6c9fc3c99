/* C11 6.7.2.3p2: tag used as struct then as union */
struct S;
union S *p;
