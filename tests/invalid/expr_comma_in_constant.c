/* C11 6.6p3: a constant expression may not contain a comma operator */
enum { A = (1, 2) };
