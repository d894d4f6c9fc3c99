/* C11 6.9p1: } at file scope */
int x;
}
