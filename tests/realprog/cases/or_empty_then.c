/* From SQLite's sqlite3WhereBegin (lcc-built sqlite3.c crashed at the first
   statement: the OP_OpenRead of the schema table was never emitted).
   `if (a || b) { } else ...` lowers to `jcc(a) THEN; jcc(!b) ELSE; THEN: jmp
   END; ELSE: ...`. The selector folded `jcc ELSE; jmp END; ELSE:` into
   `jncc END` although THEN was still a jump target, so a false `b` fell into
   THEN's `jmp END` and skipped the else-chain. Owner: selection
   (lcc/target/x86_64/isel.py _fold_branches), exposed by the lowering change
   that drops jumps to the next block (790ab33); fixed in 35d71be. */
#include <stdio.h>

struct tab { unsigned flags; unsigned char type; };
static int opened, vopen;

static void begin(struct tab *t, unsigned ws, int virt) {
    int i;
    for (i = 0; i < 2; i++) {
        if ((t->flags & 0x4000) != 0 || t->type == 2) {
            /* Do nothing */
        } else if ((ws & 0x400) != 0) {
            vopen++;
        } else if (virt) {
            /* noop */
        } else {
            opened++;
        }
    }
}

int main(void) {
    struct tab a = {0, 0}, b = {0x4000, 0}, c = {0, 2};
    begin(&a, 0, 0);
    begin(&b, 0, 0);
    begin(&c, 0, 0);
    begin(&a, 0x400, 0);
    begin(&a, 0, 1);
    printf("%d %d\n", opened, vopen);
    return 0;
}
