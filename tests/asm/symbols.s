# Symbols: aliases through .set/.equ, ifunc, weak and hidden undefined
# symbols, TLS models, numeric labels in data, label differences in
# .uleb128, merge sections, NOBITS alignment.
	.file	"symbols.c"
	.text
	.globl	impl
	.type	impl, @function
impl:	ret
	.size	impl, 1
	.set	alias, impl
	.globl	alias2
	.equ	alias2, impl+0
	.set	local_off, .Ldat+4
	.type	resolver, @gnu_indirect_function
	.globl	resolver
resolver:
	leaq	impl(%rip), %rax
	ret
	.weak	wfn
	.hidden	hfn
	.protected pfn
	.globl	pfn
pfn:	call	wfn
	call	hfn
	call	alias
	jmp	alias
	jmp	wfn
	jmp	resolver
	call	resolver
	leaq	tv@tlsgd(%rip), %rdi
	call	__tls_get_addr@PLT
	leaq	tl@tlsld(%rip), %rdi
	call	__tls_get_addr@PLT
	movl	tl@dtpoff(%rax), %edx
	movq	$tv@tpoff, %rax
	movq	%fs:0, %rax
	leaq	tv@tpoff(%rax), %rax
	movq	ev@gottpoff(%rip), %rax
	jmp	1f
	.p2align 4
1:	ret
	.section	.tbss,"awT",@nobits
	.globl	tv
tv:	.zero	8
tl:	.zero	4
	.section	.rodata.cst16,"aM",@progbits,16
	.p2align 4
.LC16:	.quad	1, 2
	.section	.rodata.str1.1,"aMS",@progbits,1
.LCs:	.string	"h\303\251llo"
	.data
.Ldat:	.quad	1f, 1b
1:	.long	(1 << 31) - 1, 'a' + 1, -2147483648
	.byte	-128, 255
	.quad	0xffffffffffffffff, .LCs+1, .LC16, .LC16+8, local_off
	.uleb128 .Lu2 - .Lu1
.Lu1:	.long	0
.Lu2:	.sleb128 .Lu1 - .Lu2
	.section	.bss.big,"aw",@nobits
	.p2align 6
big:	.zero	100
	.balign	32
after:	.zero	1
	.section	.note.GNU-stack,"",@progbits
