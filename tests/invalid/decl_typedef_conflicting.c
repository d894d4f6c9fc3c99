/* C11 6.7p3: typedef redefined with a different type */
typedef int T;
typedef long T;
