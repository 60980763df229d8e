#ifndef GIFTWISE_EMBEDDINGS_H
#define GIFTWISE_EMBEDDINGS_H

#include <stddef.h>
#include <stdint.h>

/// The static word-piece embedding table distilled from all-MiniLM-L6-v2
/// (tools/distill_embeddings.py documents the format), as linked into the binary.
const unsigned char *gw_semantic_table_bytes(void);

/// The table's size in bytes.
size_t gw_semantic_table_size(void);

/// Whether this processor and its operating system run AVX2 code (x86-64 only; false elsewhere).
int gw_cpu_has_avx2(void);

/// `sum[i] = sum[i] + (float)row[i] * factor` for `dimensions` components (a multiple of 8), with
/// AVX2: each component is one IEEE multiply, then one add, as the scalar code does (no fused
/// multiply-add), so the sums are bit for bit the same. Call only when `gw_cpu_has_avx2()`.
void gw_accumulate_row_avx2(const int8_t *row, float factor, float *sum, size_t dimensions);

#endif
