"""ELF64 objects: constants, the relocatable-object writer and a reader
for objects, shared libraries and archives (see docs/asm-link.md)."""
