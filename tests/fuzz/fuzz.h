/* fuzz.h: what the fuzz harnesses share. Each tests/fuzz/fuzz_NAME.c defines
 * LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize); built with
 * clang -fsanitize=fuzzer by 'make fuzz', or with replay.c's main() into
 * replay_NAME, which 'make check' runs over tests/fuzz/corpus/NAME. */
#ifndef EALA_FUZZ_H
#define EALA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
