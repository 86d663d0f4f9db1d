// mimalloc's options (Debian's libmimalloc-dev), for the tuning the
// executable applies at start (Sources/noc-report/AllocatorTuning.swift).
#include <mimalloc.h>
