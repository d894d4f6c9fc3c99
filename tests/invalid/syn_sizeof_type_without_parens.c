/* C11 6.5.3p1: sizeof of a type name needs parentheses */
unsigned long n = sizeof int;
