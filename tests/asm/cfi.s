# .cfi_* directives: several FDEs, shared and separate CIEs, every
# instruction kind, long advances, remember/restore, an FDE in another
# section.
	.text
	.globl	f1
	.type	f1, @function
f1:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset 6, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register 6
	pushq	%rbx
	.cfi_offset %rbx, -24
	.skip	70, 0x90
	.cfi_remember_state
	popq	%rbx
	leave
	.cfi_def_cfa 7, 8
	ret
	.cfi_restore_state
	.skip	300, 0x90
	.cfi_restore 3
	.skip	70000, 0x90
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r12, 0
	.cfi_undefined %r13
	.cfi_same_value %r14
	.cfi_register %r15, %rax
	.cfi_escape 0x2e, 0x10
	ret
	.cfi_endproc
	.size	f1, .-f1
	.type	f2, @function
f2:
	.cfi_startproc
	subq	$8, %rsp
	.cfi_def_cfa_offset 16
	jmp	.L9
	.skip	200, 0x90
.L9:
	addq	$8, %rsp
	.cfi_def_cfa_offset 8
	ret
	.cfi_endproc
	.size	f2, .-f2
f3:
	.cfi_startproc
	.cfi_def_cfa_offset 16
	nop
	.cfi_def_cfa_offset 8
	ret
	.cfi_endproc
	.section .text.other,"ax",@progbits
f4:
	.cfi_startproc simple
	.cfi_def_cfa %rsp, 8
	ret
	.cfi_endproc
	.section	.note.GNU-stack,"",@progbits
