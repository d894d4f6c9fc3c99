/* C11 6.7.2.3p3: enum declared without its enumerator list before being defined */
enum E;
