# An immediate's relocation modifier picks the form: $x takes movq's
# 4-byte field, $x@GOTOFF only movabs's 8-byte one (R_X86_64_GOTOFF64),
# also when the plain form was chosen just before for the same shape.
	.text
	.globl	f
f:
	movq	$lc, %rsi
	movq	$ext@GOTOFF, %rdi
	movq	$lc+8, %rax
	movq	$ext@GOTOFF+8, %rax
	movq	$ext, %rdx
	ret
	.data
lc:
	.quad	0
