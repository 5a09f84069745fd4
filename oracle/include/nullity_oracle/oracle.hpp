#pragma once
/// \file
/// The oracles of the nullity verification suite: exact (GMP rationals) and MPFR. Independent of
/// the reference library by construction — they share none of its code.

#include "nullity_oracle/exact.hpp"
#include "nullity_oracle/mpfr.hpp"
