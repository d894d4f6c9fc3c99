# .set aliases of a local common (placed at the end of .bss).
	.local	a
	.comm	a,4,4
	.globl	b
	.set	b,a
	.set	c,a+2
	.data
	.quad b, c
