#ifndef GIFTWISE_EMBEDDINGS_H
#define GIFTWISE_EMBEDDINGS_H

#include <stddef.h>

/// The static word-piece embedding table distilled from all-MiniLM-L6-v2
/// (tools/distill_embeddings.py documents the format), as linked into the binary.
const unsigned char *gw_semantic_table_bytes(void);

/// The table's size in bytes.
size_t gw_semantic_table_size(void);

#endif
