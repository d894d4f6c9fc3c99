/* C11 6.10.5p1: #error stops translation */
int x;
#error this configuration is not supported
