/*
 * The one entry point every harness defines (libFuzzer's), so the same
 * file builds as a libFuzzer binary (clang -fsanitize=fuzzer) and as a
 * corpus replayer (replay.c's main) with any compiler.
 */
#ifndef SV_FUZZ_H
#define SV_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
