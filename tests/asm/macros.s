# .macro (positional, named, default, vararg, \@, \()), .irp, .irpc,
# conditionals (.if/.elseif/.else/.endif, .ifdef, .ifb, .ifc, .ifeq...).
	.macro	push2 a, b
	pushq	\a
	pushq	\b
	.endm
	.macro	sum r, n=1, rest:vararg
	addq	$\n, \r
	.ifnb \rest
	.quad \rest
	.endif
	.endm
	.macro lbl
1\@:	nop
	jmp 1\@b
	.endm
	.text
f:	push2	%rax, %rbx
	push2 %rcx %rdx
	sum	%rax
	sum	%rbx, 5
	sum	%rbx, n=7
	lbl
	lbl
	.irp	reg, rax, rbx, r12
	popq	%\reg
	.endr
	.irpc	c, 123
	.byte	\c
	.endr
	.irp	x, 1, 2
	.long	\x\()0
	.endr
	.set	MODE, 2
	.macro	pick v
	.if	\v == 1
	movl	$1, %eax
	.elseif	\v == 2
	movl	$2, %eax
	.else
	movl	$3, %eax
	.endif
	.endm
	pick	1
	pick	MODE
	pick	7
	.ifdef	MODE
	nop
	.endif
	.ifndef	NOPE
	int3
	.endif
	.ifdef	NOPE
	ud2
	.else
	.ifc	abc,abc
	cltq
	.endif
	.ifnc	abc,abd
	cqto
	.endif
	.endif
	.ifeq	MODE-2
	hlt
	.endif
	.ifne	MODE
	pause
	.endif
	.iflt	-1
	clc
	.endif
	.ifgt	0
	stc
	.endif
	.macro	outer x
	.irp	r, \x, %rcx
	incq	\r
	.endr
	.exitm
	decq	\x
	.endm
	outer	%rsi
lab:	push2	%r8, %r9
	.section	.note.GNU-stack,"",@progbits
