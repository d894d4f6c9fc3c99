/* valid twin of ../pp_paste_at_end.c: the violation corrected */
#define F(a) a ## _x
int x;
