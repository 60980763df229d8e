#include "GiftwiseEmbeddings.h"

extern const unsigned char gw_semantic_table_start[];
extern const unsigned char gw_semantic_table_end[];

const unsigned char *gw_semantic_table_bytes(void) { return gw_semantic_table_start; }

size_t gw_semantic_table_size(void) { return (size_t)(gw_semantic_table_end - gw_semantic_table_start); }
