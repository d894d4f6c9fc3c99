/* C11 6.9p1: statements cannot appear at file scope */
int x;
return 0;
