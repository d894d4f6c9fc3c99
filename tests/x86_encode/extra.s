# Hand-picked instruction lines for tests/test_x86_encode.py: prefixes,
# relocation spellings, bare mnemonics and spellings of real .s files.
# Every line is assembled by GNU as and by lcc's encoder and compared.
	.text
	fld (%rax)
	fst (%rax)
	fstp (%rax)
	fild (%rax)
	fist (%rax)
	fistp (%rax)
	fisttp (%rax)
	fadd (%rax)
	fmul (%rax)
	fcom (%rax)
	fiadd (%rax)
	fadd %st(2)
	fmul %st(3)
	fsub %st(3)
	fdivr %st(3)
	faddp %st(2)
	fcomi %st(1)
	fstp %st(0)
	fstp %st
	fxch
	fucomip %st(1), %st
	faddp %st, %st(1)
	fsubrp %st, %st(1)
	fdivrp %st, %st(1)
	fsubp
	fnstsw %ax
	lock addw $1,(%rax)
	lock xaddq %rax,(%rdx)
	lock cmpxchgl %ecx, (%rdi)
	lock incl 8(%rsp)
	lock orl $0, (%rsp)
	lock cmpxchg16b (%rdi)
	rep stosq
	rep movsq
	rep movsb
	rep stosb
	repne scasb
	repe cmpsb
	rep ret
	notrack jmp *%rax
	data16 leaq tv@tlsgd(%rip), %rdi
	data16 rex64 call __tls_get_addr@PLT
	leaq tv2@tlsld(%rip), %rdi
	leaq tv5@TLSDESC(%rip), %rax
	call *tv5@TLSCALL(%rax)
	movq tv3@gottpoff(%rip), %rax
	addq tv3@gottpoff(%rip), %r12
	movq %fs:0, %rax
	movl %fs:tv4@tpoff, %eax
	leaq tv4@tpoff(%rax), %rcx
	movq $tv4@tpoff, %rax
	leaq tv2@dtpoff(%rax), %rdx
	movl tv2@dtpoff(%rax), %edx
	movw %fs:(%rax), %ax
	lock orl $0, %fs:(%rsp)
	movsd %fs:(%rax), %xmm0
	popcntw %fs:(%rax), %ax
	movl %gs:16, %eax
	movl %eax, %ds:(%rax)
	movl %ss:8(%rbp), %eax
	movl %es:(%rdi), %eax
	movl %ss:(%r13), %eax
	movl %ss:(%r12,%rax), %eax
	movl %ds:(%r12), %eax
	movl %ds:(%rsp), %eax
	movl %ds:foo(%rip), %eax
	movl %ds:16, %eax
	movl %ss:16, %eax
	movl %ss:(,%rbp,2), %eax
	movl %ds:(,%rbp,2), %eax
	movq %fs:40, %rax
	xorq %fs:40, %rdx
	subq %fs:0x28, %rax
	movsbl %fs:-1(%rax,%rbx,2), %ecx
	jmp foo
	call foo
	call foo@PLT
	jne foo
	jmp *foo@GOTPCREL(%rip)
	call *foo@GOTPCREL(%rip)
	call *%rax
	call *(%rax)
	call *8(%rbx,%rcx,8)
	jmp *%r11
	jmp *.Ltab(,%rax,8)
	movabs foo, %al
	movabs foo, %rax
	movabs %eax, foo
	movabsq $foo@GOTOFF, %rax
	movabsq $foo, %rdx
	movabsq $-1, %rax
	movq $foo, %rax
	movl $foo, %eax
	movl $foo+16, 8(%rax)
	pushq $foo
	pushq $1
	pushq $1000
	pushq foo@GOTPCREL(%rip)
	leaq foo@GOTPCREL(%rip), %rax
	movq foo@GOTPCREL(%rip), %rax
	movl foo@GOTPCREL(%rip), %eax
	movq foo@GOTPCREL(%rip), %r8
	movq foo@GOTPCREL(%rip), %xmm0
	testq %rax, foo@GOTPCREL(%rip)
	cmpq foo@GOTPCREL(%rip), %rax
	addl foo@GOTPCREL(%rip), %r9d
	movq foo+8(%rip), %rax
	movl $5, foo(%rip)
	movw $5, foo(%rip)
	movb $5, foo+3(%rip)
	cmpl $0, foo(%rip)
	movl foo(,%rax,4), %eax
	movl foo, %eax
	leaq foo(%rip), %rax
	leaq .Ltab(%rip), %rax
	movzx %al, %eax
	movzx %ax, %rbx
	movsx %al, %rcx
	movsx %ax, %edx
	movsxd %eax, %rdx
	movzbl (%rax), %eax
	movzb (%rax), %eax
	movzw (%rax), %eax
	movsbq (%rax), %rax
	cltq
	cwtl
	cqto
	cltd
	cbw
	cwde
	cdqe
	cqo
	cdq
	cwd
	imul $10, %eax
	imul $1000, %rcx
	imull $-3, (%rax), %edx
	imul %rcx, %rdx
	mul %rcx
	divq (%rsp)
	shl %eax
	shlq %cl, (%rax)
	sarl $1, %edx
	rolw $8, %ax
	shrd $3, %rax, %rdx
	shldl %cl, %eax, (%rbx)
	shldq %rax, %rdx
	shrd %rsi, (%r8)
	rep movsw
	rep stosw
	lock xchgw %ax, (%rbx)
	lock addb $1, (%rax)
	fs movl (%rax), %eax
	xacquire lock incl (%rax)
	bt $3, %eax
	btsq %rax, (%rdx)
	bsrl %eax, %ecx
	tzcnt %rax, %rcx
	lzcntl (%rdi), %eax
	popcnt %ecx, %eax
	bswap %eax
	bswap %r12
	xchg %eax, %ecx
	xchg %rax, %r8
	xchgl %eax, %eax
	xchgq %rax, %rax
	xchgb %al, %ah
	xchg (%rdi), %ecx
	cmpxchg %ecx, (%rdi)
	xadd %eax, (%rdx)
	sete %al
	setne %sil
	setg (%rax)
	cmovzl %ecx, %eax
	cmovnel (%rax), %r12d
	cmovaq %rdx, %rax
	movb %ah, %al
	movb %ah, (%rax)
	movb %sil, %dil
	movb %r8b, %al
	movb %spl, (%rax)
	nop
	nopl (%rax)
	nopl 0(%rax)
	nopl 0(%rax,%rax,1)
	nopw 0(%rax,%rax,1)
	nopw %cs:0(%rax,%rax,1)
	cs nopw 0(%rax,%rax,1)
	subb $1, %al
	testb $1, %ah
	xchg %eax, %r8d
	movq $0x80000000, %rax
	movq $-0x80000000, %rax
	movl $-1, %eax
	addq $-128, %rax
	addq $128, %rax
	andl $0xffffff00, %ecx
	andw $0xff00, %cx
	orb $0x80, %dl
	cmpb $0, (%rdi)
	xchg %ax, %ax
	endbr64
	ud2
	pause
	hlt
	int3
	int $0x80
	syscall
	cpuid
	rdtsc
	rdtscp
	mfence
	lfence
	sfence
	leave
	leaveq
	ret
	retq
	ret $8
	enter $16, $0
	pushfq
	popfq
	pushf
	popf
	push %rbp
	pop %r15
	pushq (%rax)
	popq 8(%rsp)
	pushw %ax
	clc
	cld
	movaps %xmm0, %xmm15
	movaps (%rax), %xmm8
	movaps %xmm9, -16(%rbp)
	movups 16(%rsp), %xmm1
	movdqu %xmm3, (%rdi,%rsi)
	movdqa .LC0(%rip), %xmm2
	movss .LC0(%rip), %xmm0
	movsd %xmm0, -8(%rbp)
	movsd %xmm1, %xmm2
	movd %eax, %xmm0
	movd %xmm0, %eax
	movd %xmm0, (%rax)
	movq %rax, %xmm0
	movq %xmm0, %rax
	movq %xmm1, %xmm2
	movq (%rax), %xmm3
	movq %xmm3, (%rax)
	movsd
	movsl
	cmpsb
	cvtsi2sd %eax, %xmm0
	cvtsi2sd %rax, %xmm0
	cvtsi2sdl (%rax), %xmm0
	cvtsi2sdq (%rax), %xmm0
	cvtsi2ssq %r8, %xmm15
	cvttsd2si %xmm0, %eax
	cvttsd2si %xmm0, %rax
	cvttss2si (%rax), %r9
	cvtsd2ss %xmm1, %xmm1
	cvtss2sd (%rax), %xmm1
	ucomisd %xmm1, %xmm0
	comiss (%rax), %xmm0
	xorps %xmm0, %xmm0
	andpd .LC0(%rip), %xmm1
	pxor %xmm8, %xmm9
	punpckldq %xmm1, %xmm0
	unpcklps %xmm1, %xmm0
	shufps $0x1b, %xmm1, %xmm0
	pshufd $0, %xmm1, %xmm0
	cmpltsd %xmm1, %xmm0
	cmpsd $1, %xmm1, %xmm0
	sqrtsd %xmm1, %xmm0
	maxss %xmm1, %xmm0
	psrldq $8, %xmm0
	pslld $3, %xmm5
	pextrw $1, %xmm0, %eax
	pinsrw $2, %eax, %xmm0
	pmovmskb %xmm0, %eax
	movmskpd %xmm3, %ecx
	pshufb %xmm1, %xmm0
	roundsd $4, %xmm1, %xmm0
	ldmxcsr (%rax)
	stmxcsr -4(%rsp)
	fnstcw -2(%rsp)
	fldcw -2(%rsp)
	fstcw (%rax)
	prefetcht0 (%rax)
	prefetchnta 64(%rdi)
	clflush (%rdi)
	crc32b %al, %ecx
	crc32q (%rax), %rcx
	crc32l %eax, %ecx
	movbe (%rax), %ecx
	rdrand %eax
	fxsave (%rsp)
	fxrstor64 (%rsp)
	loop .Lnext
	jrcxz .Lnext
.Lnext:
	jmp .Lnext
	jmp .Ltab
	je .Ltab
.LC0:
	.quad 0
.Ltab:
	.quad 0
