/* C11 6.7.2.1p1: the last member declaration needs ; */
struct S { int a };
