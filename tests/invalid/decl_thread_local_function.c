/* C11 6.7.1p4: _Thread_local on a function */
_Thread_local int f(void);
