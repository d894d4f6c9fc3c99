/* C11 6.4.4.4p9: octal escape value out of range for unsigned char */
int c = '\777';
