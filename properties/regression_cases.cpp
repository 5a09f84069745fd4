// Counterexamples found by the properties, pinned as plain tests (filled below as they are found).
#include <gtest/gtest.h>
