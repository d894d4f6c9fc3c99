# Every data, symbol and section directive the assembler knows, checked
# against GNU as (tests/test_asm.py).
	.file	"directives.c"
	.text
	.globl	gfun
	.type	gfun, @function
gfun:
	pushq	%rbp; movq %rsp, %rbp	/* two statements, one line */
	movl	$.Lend-.Lstart, %eax
	leaq	.LC0(%rip), %rax
	leaq	.LC1+2(%rip), %rax
	movq	gvar(%rip), %rax
	movq	lvar+8(%rip), %rax
	movl	$N*2+1, %ecx
	movq	ext@GOTPCREL(%rip), %rax
	call	ext@PLT
	call	lfun
	call	gfun
	jmp	1f
	nop
1:	jmp	1b
	movl	%fs:tlsvar@tpoff, %eax
	movq	tlsext@gottpoff(%rip), %rax
	addl	$1, (%rax)
	leave
	ret
	.size	gfun, .-gfun
	.p2align 4,,10
	.p2align 3
	.type	lfun, @function
lfun:
.Lstart:
	ret
.Lend:
	.size	lfun, .-lfun
	.set	N, 21
	.equ	M, N+1
	K = M * 2
	.section	.rodata.str1.1,"aMS",@progbits,1
.LC0:	.string	"hello\n\t\"q\"\\ \101\x42"
.LC1:	.asciz	"abc", "def"
	.ascii	"no nul"
	.section	.rodata
	.p2align 3
.Ltab:
	.long	.L2-.Ltab
	.long	.L3-.Ltab
.L2:	.byte	1, 2, -1, 0x7f, 'a, 'b'
.L3:	.short	1000, -2
	.value	3
	.word	4
	.2byte	5
	.int	6
	.4byte	7
	.8byte	8
	.quad	gvar+16, lvar, .LC0, ext, K, M, -1
	.float	1.5, -0.25
	.double	3.141592653589793, 1e300
	.uleb128 0, 127, 128, 624485
	.sleb128 -1, 63, -64, -123456
	.zero	3
	.skip	2, 0xaa
	.space	2
	.fill	3, 2, 0x1234
	.balign	8
	.long	gfun - .
	.quad	ext - .
	.data
	.globl	gvar
	.p2align 4
	.type	gvar, @object
	.size	gvar, 24
gvar:
	.quad	1, 2, 3
lvar:
	.quad	gfun, lfun, lvar
	.align	8
	.weak	wsym
	.quad	wsym
	.hidden	hsym
	.globl	hsym
hsym:	.long	7
	.protected psym
	.globl	psym
psym:	.long	8
	.local	loc2
	.comm	loc2, 8, 8
	.comm	common1, 40, 32
	.comm	common2, 4
	.lcomm	lcomm1, 16
	.bss
	.p2align 5
bssvar:	.zero	64
	.section	.tbss,"awT",@nobits
	.p2align 2
	.type	tlsvar, @object
	.size	tlsvar, 4
tlsvar:	.zero	4
	.section	.tdata,"awT",@progbits
tdat:	.long	5
	.section	.data.rel.ro,"aw"
	.quad	gfun
	.section	.init_array,"aw"
	.p2align 3
	.quad	lfun
	.section	.fini_array,"aw"
	.quad	lfun
	.pushsection .text.unlikely,"ax",@progbits
cold:	ret
	.popsection
	.quad	cold
	.section	.text.hot,"ax",@progbits
	nop
	.previous
	.quad	2
	.ident	"lcc test"
	.section	.note.GNU-stack,"",@progbits
