// Puts semantic-table.bin (beside this file) into the binary's read-only data, as is: no array
// literal for a compiler to parse, no copy at start-up. The table is paged in by the OS only when
// something reads it. The target's header search path (Package.swift) lets .incbin find the file.
#if defined(__APPLE__)
#define SYMBOL(name) _##name
    .section __TEXT,__const
#else
#define SYMBOL(name) name
    .section .rodata.gw_semantic_table,"a",@progbits
#endif
    .globl SYMBOL(gw_semantic_table_start)
    .globl SYMBOL(gw_semantic_table_end)
    .p2align 6
SYMBOL(gw_semantic_table_start):
    .incbin "semantic-table.bin"
SYMBOL(gw_semantic_table_end):
    .byte 0
#if defined(__linux__) && defined(__ELF__)
    .section .note.GNU-stack,"",@progbits
#endif
