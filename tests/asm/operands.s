# Operand forms: registers of every width (%ah, %r8b, %st(1)), memory with
# base/index/scale, %rip, absolute addresses, segment overrides, indirect
# jumps and calls, immediates with expressions, relocation suffixes,
# prefixes, numeric local labels, quoted names, mnemonics without suffix.
	.text
	.globl	ops
	.type	ops, @function
ops:
	mov	%eax, %ebx
	mov	%rax, %r15
	mov	%al, %ah
	movb	%r8b, %sil
	movw	%dx, (%rsi)
	push	%rbx
	pop	%r12
	lea	8(%rax,%rbx,4), %rcx
	lea	-16(%rbp), %rdx
	lea	(,%rcx,8), %rdx
	lea	0x7fffffff(%r13), %rax
	movq	(%rsp), %rax
	movq	(%r12), %rax
	movq	(%rbp), %rax
	movq	(%r13,%r14,2), %rax
	movl	-(4*3)(%rbp), %eax
	movl	(8+4)(%rax), %eax
	movl	data, %eax
	movl	data+4, %eax
	movl	0x1000, %eax
	movq	%fs:0, %rax
	movq	%fs:(%rax), %rbx
	movl	%gs:8(%rdi), %ecx
	movl	$0x12345678, %eax
	movq	$-1, %rax
	movabsq	$0x123456789abcdef0, %rdx
	addq	$1, %rax
	addl	$128, %eax
	subl	$-129, (%rdi)
	andb	$0x0f, %al
	orw	$0x100, %cx
	movl	$(1 << 10) | 3, %eax
	movl	$~0, %eax
	movl	$'a', %eax
	movl	$(.Lend - .Lbegin), %ecx
	movq	$data, %rax
	movl	$data+8, %eax
	leaq	data(%rip), %rax
	leaq	data+16(%rip), %rax
	movq	ext@GOTPCREL(%rip), %rax
	addq	ext@GOTPCREL(%rip), %rax
	call	*ext@GOTPCREL(%rip)
	jmp	*ext@GOTPCREL(%rip)
	call	*%rax
	call	*(%rax)
	call	*8(%rax,%rbx,8)
	jmp	*%r11
	jmp	*.Ltab(,%rax,8)
	call	ext
	call	ext@PLT
	call	"quoted name"
	lock addl $1, (%rax)
	lock; incl (%rdi)
	rep movsb
	rep stosq
	repne scasb
	rep; movsl
	data16 nop
.Lbegin:
	fldt	16(%rsp)
	fld	%st(1)
	fxch	%st(3)
	faddp	%st, %st(1)
	fstpt	(%rsp)
	fildll	8(%rsp)
	movsd	.LCd(%rip), %xmm0
	addsd	%xmm1, %xmm8
	cvtsi2sdq %rax, %xmm2
	movaps	%xmm15, 16(%rsp)
	movq	%xmm0, %rax
	movd	%eax, %xmm3
.Lend:
1:	decl	%ecx
	jnz	1b
	jmp	2f
	nop
2:	jmp	1b
1:	jmp	1b
	imul	$12, %eax, %edx
	imulq	%rbx, %rcx
	shl	%cl, %eax
	sarq	$3, %rdx
	shrl	%eax
	movzbl	%al, %eax
	movsbq	(%rax), %rdx
	movswl	%ax, %ecx
	movslq	%eax, %rax
	cltq
	cqto
	setne	%al
	cmovge	%edx, %eax
	xchg	%rax, %rbx
	bswap	%eax
	ud2
	ret
	.size	ops, .-ops
	.section .rodata
	.p2align 3
.Ltab:	.quad	.Lbegin, .Lend
.LCd:	.double	2.5
	.data
data:	.quad	1, 2, 3
"quoted name":
	.long	0
	.section	.note.GNU-stack,"",@progbits
