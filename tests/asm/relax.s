# Branch relaxation: jumps at the rel8 limits, chains that push each
# other over, backward and forward, jcc and jmp (GNU as is the oracle).
	.text
	.globl	relax
relax:
	jmp	.Lf120
	.skip	120, 0x90
.Lf120:
.Lb120:
	.skip	120, 0x90
	jne	.Lb120
	jmp	.Lf123
	.skip	123, 0x90
.Lf123:
.Lb123:
	.skip	123, 0x90
	jne	.Lb123
	jmp	.Lf124
	.skip	124, 0x90
.Lf124:
.Lb124:
	.skip	124, 0x90
	jne	.Lb124
	jmp	.Lf125
	.skip	125, 0x90
.Lf125:
.Lb125:
	.skip	125, 0x90
	jne	.Lb125
	jmp	.Lf126
	.skip	126, 0x90
.Lf126:
.Lb126:
	.skip	126, 0x90
	jne	.Lb126
	jmp	.Lf127
	.skip	127, 0x90
.Lf127:
.Lb127:
	.skip	127, 0x90
	jne	.Lb127
	jmp	.Lf128
	.skip	128, 0x90
.Lf128:
.Lb128:
	.skip	128, 0x90
	jne	.Lb128
	jmp	.Lf129
	.skip	129, 0x90
.Lf129:
.Lb129:
	.skip	129, 0x90
	jne	.Lb129
	jmp	.Lf130
	.skip	130, 0x90
.Lf130:
.Lb130:
	.skip	130, 0x90
	jne	.Lb130
	je	.Lc0
	.skip	10, 0x90
	je	.Lc1
	.skip	10, 0x90
	je	.Lc2
	.skip	10, 0x90
	je	.Lc3
	.skip	10, 0x90
	je	.Lc4
	.skip	10, 0x90
	je	.Lc5
	.skip	10, 0x90
	je	.Lc6
	.skip	10, 0x90
	je	.Lc7
	.skip	10, 0x90
	je	.Lc8
	.skip	10, 0x90
	je	.Lc9
	.skip	10, 0x90
	je	.Lc10
	.skip	10, 0x90
	je	.Lc11
	.skip	10, 0x90
	.skip	50, 0x90
.Lc0:
	jmp	.Lc5
.Lc1:
	jmp	.Lc6
.Lc2:
	jmp	.Lc7
.Lc3:
	jmp	.Lc8
.Lc4:
	jmp	.Lc9
.Lc5:
	jmp	.Lc10
.Lc6:
	jmp	.Lc11
.Lc7:
	jmp	.Lc0
.Lc8:
	jmp	.Lc1
.Lc9:
	jmp	.Lc2
.Lc10:
	jmp	.Lc3
.Lc11:
	jmp	.Lc4
	jmp	.Lfar
	jle	.Lfar
	jmp	.Lfar
	jle	.Lfar
	jmp	.Lfar
	jle	.Lfar
	.p2align 4
.Lmid:
	loop	.Lmid
	jrcxz	.Lmid
	.skip 200, 0x90
.Lfar:
	jmp	relax
	jmp	relax@PLT
	jne	external_fn@PLT
	jmp	.Lmid@PLT
	leaq	data_ref(%rip), %rax
	jmp	external_fn
	jg	external_fn
	jmp	.Lother
	ret
	.section .text.other,"ax",@progbits
.Lother:
	jmp	.Lfar
	ret
	.section	.note.GNU-stack,"",@progbits
