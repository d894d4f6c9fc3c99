"""x86-64 instruction table and encoder."""
