/* C11 6.7.3p9: qualified function type */
typedef int F(void);
const F f;
