# Local labels kept by relocations (merge sections): where GNU as puts
# them in the symbol table (first instruction reference to an existing
# label, 64-bit rip-relative mov, else at the end).
	.section .rodata.str1.1,"aMS",@progbits,1
.LC0:	.string "x"
	.text
	leaq .LC0(%rip), %rsi
	.section .foo,"ax",@progbits
zz:	leaq .LC1(%rip), %rsi
	.section .bar,"ax",@progbits
yy:	nop
	.section .rodata.str1.1,"aMS",@progbits,1
.LC1:	.string "y"
	.text
	call	.Lf
	.section .baz,"ax",@progbits
.Lf:	ret
	.data
	.quad .LC0+1
	.text
	movq	.LLA(%rip), %r8
b1:	movq	%r9, .LLB(%rip)
b2:	movw	.LLC(%rip), %ax
b3:	movb	.LLD(%rip), %al
b4:	movq	.LLE(%rax), %rax
b5:	movq	.LLF(%rip), %xmm0
b6:	movq	$.LLG, %rax
b7:	movq	.LLH, %rax
b8:	movq	$5, .LLI(%rip)
b9:	movl	.LLJ(%rip), %r8d
b10:	nop
	.section .rodata.cst16,"aM",@progbits,16
.LLA:	.quad 1,2
.LLB:	.quad 1,2
.LLC:	.quad 1,2
.LLD:	.quad 1,2
.LLE:	.quad 1,2
.LLF:	.quad 1,2
.LLG:	.quad 1,2
.LLH:	.quad 1,2
.LLI:	.quad 1,2
.LLJ:	.quad 1,2
	.text
	movdqa	.LMA(%rip), %xmm0
c1:	movq	.LMB(%rip), %rax
c2:	movl	.LMC(%rip), %eax
c3:	leaq	.LMD(%rip), %rax
c4:	movss	.LME(%rip), %xmm0
c5:	addq	.LMF(%rip), %rax
c6:	cmpl	.LMG(%rip), %eax
c7:	movq	%rax, .LMH(%rip)
c8:	nop
	.section .rodata.cst16,"aM",@progbits,16
.LMA:	.quad 1,2
.LMB:	.quad 1,2
.LMC:	.quad 1,2
.LMD:	.quad 1,2
.LME:	.quad 1,2
.LMF:	.quad 1,2
.LMG:	.quad 1,2
.LMH:	.quad 1,2
	.section .rodata.str1.1,"aMS",@progbits,1
.LNA:	.string "a"
.LNB:	.string "a"
.LNC:	.string "a"
.LND:	.string "a"
.LNE:	.string "a"
.LNF:	.string "a"
.LNG:	.string "a"
.LNH:	.string "a"
	.text
	leaq .LNA+1(%rip), %rsi
d1:	leaq 1+.LNB(%rip), %rsi
d2:	leaq (.LNC+1)(%rip), %rsi
d3:	leaq -1+.LND(%rip), %rsi
d4:	movl .LNE(%rip), %esi
d5:	movl $.LNF, %esi
d6:	leaq .LNG-1(%rip), %rsi
d7:	call .LNH
d8:	nop
	.data
	.long .LNH - .
	.section .rodata.str1.1,"aMS",@progbits,1
.LOA:	.string "a"
.LOB:	.string "a"
.LOC:	.string "a"
	.text
	movl $.LOA+1, %esi
e1:	movl .LOB+1, %esi
e2:	pushq $.LOC+1
e3:	nop
	.section	.note.GNU-stack,"",@progbits
