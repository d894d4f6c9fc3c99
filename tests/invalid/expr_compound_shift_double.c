/* C11 6.5.16.2p2: <<= needs integer operands */
void f(double d)
{
    d <<= 1;
}
