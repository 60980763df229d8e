#pragma STDC FP_CONTRACT OFF  // a multiply then an add, never fused: results must match the Swift code bit for bit

#include "GiftwiseEmbeddings.h"

// The embedder adds a weighted table row to a running sum for every word piece of every product
// an import embeds; the Swift code is built for baseline x86-64 (SSE2), which widens int8 to
// float in four steps per four components. AVX2 does eight in two (issue 15).

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

int gw_cpu_has_avx2(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    // The OS saves the YMM registers: OSXSAVE set and XCR0 has the SSE and AVX state bits.
    if (!(ecx & bit_OSXSAVE) || !(ecx & bit_AVX)) return 0;
    unsigned int xcr0_low, xcr0_high;
    __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 0x6) != 0x6) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx & bit_AVX2) != 0;
}

__attribute__((target("avx2"))) void gw_accumulate_row_avx2(
    const int8_t *row, float factor, float *sum, size_t dimensions) {
    const __m256 scale = _mm256_set1_ps(factor);
    for (size_t index = 0; index < dimensions; index += 8) {
        const __m128i bytes = _mm_loadl_epi64((const __m128i *)(row + index));
        const __m256 values = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(bytes));
        const __m256 current = _mm256_loadu_ps(sum + index);
        _mm256_storeu_ps(sum + index, _mm256_add_ps(current, _mm256_mul_ps(values, scale)));
    }
}

#else

int gw_cpu_has_avx2(void) { return 0; }

void gw_accumulate_row_avx2(const int8_t *row, float factor, float *sum, size_t dimensions) {
    for (size_t index = 0; index < dimensions; index++) sum[index] = sum[index] + (float)row[index] * factor;
}

#endif
