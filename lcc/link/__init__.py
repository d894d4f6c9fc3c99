"""lcc's own linker: ELF objects, archives and shared libraries to
executables (see docs/asm-link.md)."""
