/* C11 6.4.4.2p1: a floating constant has at most one decimal point */
double d = 1.2.3;
