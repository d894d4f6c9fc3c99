/* C11 6.7.5p3: alignment must be a valid alignment (power of two) */
_Alignas(3) int x;
