#pragma once
#include <ares.h>

// The socket-bitmask helpers of ares.h are function-like macros, which Swift does not import.
static inline int bw_ares_readable(int bits, int index) {
    return ARES_GETSOCK_READABLE(bits, index) != 0;
}
static inline int bw_ares_writable(int bits, int index) {
    return ARES_GETSOCK_WRITABLE(bits, index) != 0;
}
