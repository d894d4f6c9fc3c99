/* valid twin of ../pp_too_many_args.c: the violation corrected */
#define F(a) (a)
int x = F(1 + 2);
