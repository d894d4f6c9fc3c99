# Alignment padding: multi-byte NOPs in code for every pad size, the
# max-skip form, explicit fills; zeros in data.
	.text
	.byte 0xc3
	.balign 256
	.skip 255, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 254, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 253, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 252, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 251, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 250, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 249, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 248, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 247, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 246, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 245, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 244, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 243, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 242, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 241, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 240, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 235, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 224, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 192, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 155, 0xcc
	.balign 256
	.byte 0xc3
	.balign 256
	.skip 125, 0xcc
	.balign 256
	ret
	.p2align 4,,3
	ret
	.p2align 4,,15
	ret
	.p2align 5,0x90
	ret
	.balign 8, 0xcc
	ret
	.align 16
	ret
	.p2align 3,,7
	.data
	.byte 1
	.p2align 3
	.byte 2
	.balign 16, 0xff
	.byte 3
	.p2align 2,,1
	.long 4
	.section .mytext,"ax",@progbits
	.byte 1
	.p2align 3
	.byte 2
