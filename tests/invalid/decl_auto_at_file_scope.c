/* C11 6.9p2: auto at file scope */
auto int x;
