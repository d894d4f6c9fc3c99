"""lcc's own assembler: GNU-syntax AT&T assembly to ELF relocatable
objects (see docs/asm-link.md)."""
