// The soft rank measures (spectral_measures.hpp) on spectra whose answers are known in closed
// form, for each built-in scalar, and at the ends of the range where σ_1² or Σσ_i overflow.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <nullity/spectral_measures.hpp>

namespace {

template <class S>
class SpectralMeasures : public ::testing::Test {};
using Scalars = ::testing::Types<float, double, long double>;
TYPED_TEST_SUITE(SpectralMeasures, Scalars);

TYPED_TEST(SpectralMeasures, KnownSpectra) {
  using S = TypeParam;
  using V = Eigen::Matrix<S, Eigen::Dynamic, 1>;
  const S eps = std::numeric_limits<S>::epsilon();
  // k equal values and zeros: the uniform distribution on k values, entropy ln k; Σσ²/σ_1² = k.
  V s(5);
  s << 2, 2, 2, 0, 0;
  EXPECT_NEAR(nullity::effective_rank(s), S(3), 8 * eps * 3);
  EXPECT_NEAR(nullity::stable_rank(s), S(3), 8 * eps * 3);
  // (3, 4)/7: entropy −(3/7)ln(3/7) − (4/7)ln(4/7); stable rank 1 + 9/16.
  V t(2);
  t << 4, 3;
  const S p = S(3) / 7, q = S(4) / 7;
  EXPECT_NEAR(nullity::effective_rank(t), std::exp(-p * std::log(p) - q * std::log(q)), 8 * eps * 2);
  EXPECT_NEAR(nullity::stable_rank(t), S(25) / 16, 8 * eps * 2);
  // The zero and the empty spectrum: 0, by the definition above.
  EXPECT_EQ(nullity::effective_rank(V(V::Zero(3))), S(0));
  EXPECT_EQ(nullity::stable_rank(V(V::Zero(3))), S(0));
  EXPECT_EQ(nullity::effective_rank(V(0)), S(0));
  EXPECT_EQ(nullity::stable_rank(V(0)), S(0));
}

TYPED_TEST(SpectralMeasures, LargeValuesDoNotOverflow) {
  using S = TypeParam;
  using V = Eigen::Matrix<S, Eigen::Dynamic, 1>;
  const S big = std::numeric_limits<S>::max() / 2;  // σ_1² and σ_1 + σ_2 + σ_3 both overflow
  V s(3);
  s << big, big, big;
  const S eps = std::numeric_limits<S>::epsilon();
  EXPECT_NEAR(nullity::effective_rank(s), S(3), 8 * eps * 3);
  EXPECT_NEAR(nullity::stable_rank(s), S(3), 8 * eps * 3);
}

}  // namespace
