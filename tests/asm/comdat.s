# COMDAT groups: .group sections first, members with their relocations,
# a defined and an undefined signature.
	.text
	nop
	.section .text.foo,"axG",@progbits,foo,comdat
	call x
	.section .text.foo3,"axG",@progbits,foo,comdat
	ret
	.section .data.bar,"awG",@progbits,nosuch,comdat
	.long 1
	.section .text.foo2,"axG",@progbits,foo,comdat
	call bar
	.section .text.foo,"axG",@progbits,foo,comdat
	.weak foo
foo:	ret
	.section	.note.GNU-stack,"",@progbits
