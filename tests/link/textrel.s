.section .rodata
.align 8
tab: .quad puts
     .quad msg
msg: .asciz "textrel ok"
.text
.globl main
main:
    push %rbx
    lea tab(%rip), %rbx
    mov 8(%rbx), %rdi
    call *(%rbx)
    xor %eax, %eax
    pop %rbx
    ret
.section .note.GNU-stack,"",@progbits
