# .rept blocks (nested) and .org (constant and label-relative, with fill).
	.text
start:
	.rept	3
	nop
	.rept	2
	incl	%eax
	.endr
	.endr
	jmp	later
	.org	0x40, 0xcc
later:
	ret
	.org	later + 0x10
	.byte	1
	.data
	.long	1
	.org	16
	.rept	0
	.long	9
	.endr
	.long	2
	.section	.note.GNU-stack,"",@progbits
