// The thread-local default precision of variable-precision MPFR numbers, set and restored.

#include "nullity_oracle/mpfr.hpp"

namespace nullity::oracle {

PrecisionScope::PrecisionScope(unsigned bits) : saved_digits10_(Real::default_precision()), bits_(0) {
  // Boost 1.74 sets the default in decimal digits; take the smallest count giving ≥ bits, and
  // record the precision a freshly constructed Real really has.
  unsigned digits10 = bits * 301u / 1000u;  // ≤ bits·log10(2): a lower bound
  if (digits10 == 0) digits10 = 1;
  for (;; ++digits10) {
    Real::default_precision(digits10);
    const Real probe;
    bits_ = static_cast<unsigned>(mpfr_get_prec(probe.backend().data()));
    if (bits_ >= bits) break;
  }
}

PrecisionScope::~PrecisionScope() { Real::default_precision(saved_digits10_); }

}  // namespace nullity::oracle
