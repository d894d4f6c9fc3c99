/* C11 6.4.4.4p9: hex escape value out of range for unsigned char */
const char *s = "\x100";
