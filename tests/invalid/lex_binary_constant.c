/* C11 6.4.4.1p1: binary constants are not C11 */
int x = 0b101;
