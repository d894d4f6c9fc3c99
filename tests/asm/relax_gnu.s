# From gcc -O2 output (SQLite's memjrnlTruncate): a jcc whose reach depends
# on how relaxation meets '.p2align 4,,10' (GNU as's relax_segment order).
	.text
	.p2align 4
memjrnlTruncate.part.0:
.LFB2669:
	.cfi_startproc
	pushq	%r13
	.cfi_def_cfa_offset 16
	.cfi_offset 13, -16
	movq	%rdi, %r13
	pushq	%r12
	.cfi_def_cfa_offset 24
	.cfi_offset 12, -24
	movq	%rsi, %r12
	pushq	%rbp
	.cfi_def_cfa_offset 32
	.cfi_offset 6, -32
	pushq	%rbx
	.cfi_def_cfa_offset 40
	.cfi_offset 3, -40
	subq	$8, %rsp
	.cfi_def_cfa_offset 48
	movq	16(%rdi), %rbx
	testq	%rsi, %rsi
	je	.L2568
	movslq	8(%rdi), %rdx
	cmpq	%rdx, %rsi
	jle	.L2544
	testq	%rbx, %rbx
	je	.L2542
	movq	%rdx, %rax
	.p2align 4,,10
	.p2align 3
.L2545:
	movq	(%rbx), %rbx
	addq	%rdx, %rax
	testq	%rbx, %rbx
	je	.L2542
	cmpq	%rax, %r12
	jg	.L2545
.L2544:
	testq	%rbx, %rbx
	je	.L2542
	movq	(%rbx), %rbp
	testq	%rbp, %rbp
	je	.L2549
	.p2align 4,,10
	.p2align 3
.L2547:
	movq	%rbp, %rdi
	movq	0(%rbp), %rbp
	call	sqlite3_free
	testq	%rbp, %rbp
	jne	.L2547
.L2549:
	movq	$0, (%rbx)
.L2548:
	movq	%rbx, 32(%r13)
	movq	%r12, 24(%r13)
	movq	$0, 48(%r13)
	movq	$0, 40(%r13)
	addq	$8, %rsp
	.cfi_remember_state
	.cfi_def_cfa_offset 40
	popq	%rbx
	.cfi_def_cfa_offset 32
	popq	%rbp
	.cfi_def_cfa_offset 24
	popq	%r12
	.cfi_def_cfa_offset 16
	popq	%r13
	.cfi_def_cfa_offset 8
	ret
	.p2align 4,,10
	.p2align 3
.L2541:
	.cfi_restore_state
	movq	%rbx, %rdi
	movq	(%rbx), %rbx
	call	sqlite3_free
.L2568:
	testq	%rbx, %rbx
	jne	.L2541
	movq	$0, 16(%r13)
.L2542:
	xorl	%ebx, %ebx
	jmp	.L2548
	.cfi_endproc
.LFE2669:
	.size	memjrnlTruncate.part.0, .-memjrnlTruncate.part.0
	.section	.note.GNU-stack,"",@progbits
