# .zero/.skip/.space in NOBITS sections, and local commons: sizes only.
# (gcc -O0 emits `.zero 1200000000000000012` for a huge array: torture
# compile/pr65680.c.)
	.globl	a
	.bss
	.p2align	5
	.type	a, @object
	.size	a, 1200000000000000012
a:
	.zero	1200000000000000012
	.type	b, @object
	.size	b, 3
b:
	.skip	3
c:
	.space	5, 0
	.p2align	3
d:
	.zero	8
	.section	.tbss,"awT",@nobits
	.p2align	4
t:
	.zero	68719476736
u:
	.zero	4
	.section	.bss.big,"aw",@nobits
big:
	.zero	1099511627776
	.local	lc
	.comm	lc,17179869184,64
	.lcomm	lc2,3
	.text
	.globl	f
f:
	movq	a+1200000000000000000(%rip), %rax
	leaq	d(%rip), %rcx
	leaq	big+1099511627775(%rip), %rdx
	movq	$lc, %rsi
	movq	$lc2, %rdi
	ret
	.quad	u-t
	.quad	.-f
