# .symver: versioned aliases of defined symbols (made at the end), an
# undefined symbol renamed to its version.
	.text
	.globl f_new
f_new: ret
f_old: ret
	.symver f_old, f@VER_1
	.symver f_new, f@@VER_2
	.symver ext, ext@VER_1
	call ext
	.section	.note.GNU-stack,"",@progbits
