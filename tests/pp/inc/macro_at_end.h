#define fn(x) fn_called(x)
int before;
fn
