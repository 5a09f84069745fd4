// The accuracy sweep (design §8): every contender on X = U diag(σ) Vᵀ with κ = 1 … 1e16 by
// decades, 20×40 and 40×20, zero and non-zero residual, against the MPFR oracle (256 bits):
//   - forward error ‖ŵ − w⁺‖/‖w⁺‖, w⁺ the oracle's minimum-norm solution truncated at the
//     oracle's rank under nullity's default rule (τ = max(n,d)·ε·σ₁ on the exact σ's);
//   - backward error: the Karlson–Waldén estimate (within √2 of the optimal normwise backward
//     error; Higham ASNA §20.7; Waldén, Karlson & Sun 1995), with θ = ∞,
//       η̃ = (1/‖ŵ‖)·(Σ σ_i²(u_iᵀr)²/(σ_i² + φ²))^{1/2},  φ = ‖r‖/‖ŵ‖,  r = y − Xŵ (in MPFR),
//     reported relative to ‖X‖₂ = σ₁;
//   - the rank decision, right or wrong against the oracle's rank (or "ambiguous" when an exact
//     σ_i lies within δ = √max(n,d)·ε·σ₁ of τ, where any answer is defensible — certificate.hpp);
//   - the theoretical forward-error bound per point, for a backward error of size
//     u = max(n,d)·ε in X and y (the scale the default tolerance assumes): Björck's bound
//     (Numerical Methods for Least Squares Problems, 1996, Thm 1.4.6; research notes §5)
//       κ_r/(1−η)·(u + (u‖y‖ + η‖r‖)/(σ₁‖w⁺‖)) + η,  η = κ_r·u < 1,
//     without the trailing η when r = d (full column rank: no null space to drift into). It is
//     Higham's Thm 20.1 when r = p. Null where η ≥ 1 (no bound exists).
// A 20×40 matrix of full row rank has no residual: its "non-zero residual" rows are omitted.
//
// Usage: nullity_accuracy_sweep [output.json]   (default: accuracy.json)
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nullity/nullity.hpp>
#include <nullity_oracle/mpfr.hpp>
#include <nullity_solvers/solvers.hpp>

#include "build_info.hpp"
#include "problems.hpp"

namespace {

namespace ns = nullity::solvers;
namespace no = nullity::oracle;
using Eigen::Index;
const double kEps = std::numeric_limits<double>::epsilon();

struct Outcome {
  Eigen::VectorXd w;
  std::optional<Index> rank;  // not every contender reports one
};

struct Contender {
  std::string name;
  std::function<Outcome(const Eigen::MatrixXd&, const Eigen::VectorXd&)> solve;
};

std::vector<Contender> contenders() {
  // factorize(X).solve(y), on the default backend (LAPACK for double) unless told otherwise.
  auto nullity_path = [](nullity::Method m, nullity::Backend b = nullity::Backend::automatic) {
    return [m, b](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
      nullity::Options o;
      o.method = m;
      o.backend = b;
      const auto f = nullity::factorize(X, o);
      return Outcome{f.solve(y), f.rank()};
    };
  };
  // The one-shot min_norm_solve: on the SVD path, the xGELSD route (no rank reported).
  auto one_shot = [](nullity::Method m) {
    return [m](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
      nullity::Options o;
      o.method = m;
      return Outcome{nullity::min_norm_solve(X, y, o), std::nullopt};
    };
  };
  auto lapack = [](auto driver) {
    return [driver](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
      const auto s = driver(X, y, ns::numpy_rcond(X));
      return Outcome{s.w, s.rank};
    };
  };
  return {
      {"qr", nullity_path(nullity::Method::qr)},
      {"svd", nullity_path(nullity::Method::svd)},
      {"svd-eigen", nullity_path(nullity::Method::svd, nullity::Backend::eigen)},
      {"svd-one-shot", one_shot(nullity::Method::svd)},
      {"gelsy", lapack(ns::lapack_gelsy)},
      {"gelsd", lapack(ns::lapack_gelsd)},
      {"gelss", lapack(ns::lapack_gelss)},
      {"eigen-cod",
       [](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
         return Outcome{ns::eigen_cod_solve(X, y, ns::numpy_rcond(X)), ns::eigen_cod_rank(X, ns::numpy_rcond(X))};
       }},
      {"eigen-bdcsvd",
       [](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
         return Outcome{ns::eigen_bdcsvd_solve(X, y, ns::numpy_rcond(X)),
                        ns::eigen_bdcsvd_rank(X, ns::numpy_rcond(X))};
       }},
      {"normal-equations",
       [](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) { return Outcome{ns::normal_equations(X, y), {}}; }},
  };
}

std::string number(double v) {
  if (!std::isfinite(v)) return "null";
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

/// Karlson–Waldén estimate of the normwise backward error of ŵ, from the oracle's SVD.
double karlson_walden(const no::SvdAnswer& svd, const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                      const Eigen::VectorXd& w) {
  no::PrecisionScope scope(svd.bits);
  const no::RealVector r = y.cast<no::Real>() - X.cast<no::Real>() * w.cast<no::Real>();
  const no::Real wnorm = w.cast<no::Real>().norm();
  if (wnorm == 0) return 0;
  const no::Real phi2 = r.squaredNorm() / (wnorm * wnorm);
  const no::RealVector c = svd.U.transpose() * r;
  no::Real sum = 0;
  for (Index i = 0; i < svd.s.size(); ++i) {
    const no::Real s2 = svd.s(i) * svd.s(i);
    if (s2 + phi2 > 0) sum += s2 * c(i) * c(i) / (s2 + phi2);
  }
  return static_cast<double>(no::Real(sqrt(sum) / wnorm));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string out_path = argc > 1 ? argv[1] : "accuracy.json";
  std::ofstream out(out_path);
  if (!out) {
    std::cerr << "nullity_accuracy_sweep: error: cannot write " << out_path << "\n";
    return 1;
  }
  const auto all = contenders();
  out << "{\n  \"context\": {\"commit\": \"" << nullity_bench::kCommit << "\", \"compiler\": \""
      << nullity_bench::kCompiler
      << "\", \"oracle_bits\": 256, \"rule\": \"numpy: tau = max(n,d)*eps*s_1\", "
      << "\"bound_backward_error\": \"max(n,d)*eps\"},\n  \"points\": [";
  bool first_point = true;
  std::printf("%-6s %-8s %-8s %5s %9s | %s\n", "shape", "kappa", "resid", "rank", "bound", "forward error per contender");

  for (auto [n, d] : {std::pair<Index, Index>{20, 40}, {40, 20}}) {
    const Index p = std::min(n, d);
    for (int k = 0; k <= 16; ++k) {
      for (bool residual : {false, true}) {
        if (residual && n <= d) continue;  // full row rank: every y is consistent
        const double kappa = std::pow(10.0, k);
        const std::uint64_t seed = nullity_bench::seed_for(n, d, k);
        const auto problem = nullity_bench::with_condition_number(n, d, kappa, seed);
        const Eigen::MatrixXd& X = problem.X;
        nullity_bench::Normal g(seed ^ 0xabcdefULL);
        const Eigen::VectorXd c = g.matrix(p, 1);
        Eigen::VectorXd y = X * (problem.V.leftCols(p) * c);
        if (residual) {  // add a component orthogonal to range(X) of the same size as Xw
          const Eigen::VectorXd perp = problem.U.rightCols(n - p) * g.matrix(n - p, 1);
          y += perp * (y.norm() / perp.norm());
        }

        const no::SvdAnswer svd = no::mpfr_svd(X, 256);
        const Eigen::VectorXd sigma = no::to_double(svd.s);
        const double s1 = sigma(0), tau = double(std::max(n, d)) * kEps * s1;
        const double delta = std::sqrt(double(std::max(n, d))) * kEps * s1;
        Index rank = 0;
        bool ambiguous = false;
        for (Index i = 0; i < p; ++i) {
          if (sigma(i) > tau) ++rank;
          if (std::abs(sigma(i) - tau) <= delta) ambiguous = true;
        }
        const Eigen::VectorXd w_plus = rank > 0 ? no::to_double(no::mpfr_min_norm_solve(svd, y, rank))
                                                : Eigen::VectorXd::Zero(d);
        const double kappa_r = rank > 0 ? s1 / sigma(rank - 1) : 1;
        const double u = double(std::max(n, d)) * kEps;
        const double eta = kappa_r * u;
        const double rnorm = (y - X * w_plus).norm();
        double bound = std::numeric_limits<double>::infinity();
        if (eta < 1 && w_plus.norm() > 0)
          bound = kappa_r / (1 - eta) * (u + (u * y.norm() + eta * rnorm) / (s1 * w_plus.norm())) + (rank == d ? 0 : eta);

        out << (first_point ? "\n" : ",\n") << "    {\"shape\": \"" << n << "x" << d << "\", \"rows\": " << n
            << ", \"cols\": " << d << ", \"kappa_nominal\": " << number(kappa)
            << ", \"kappa\": " << number(s1 / sigma(p - 1)) << ", \"residual\": \"" << (residual ? "nonzero" : "zero")
            << "\", \"rank_true\": " << rank << ", \"ambiguous\": " << (ambiguous ? "true" : "false")
            << ", \"kappa_r\": " << number(kappa_r) << ", \"bound\": " << number(bound) << ", \"contenders\": {";
        first_point = false;
        std::printf("%-6s %-8.0e %-8s %2td%s %9.1e |", (std::to_string(n) + "x" + std::to_string(d)).c_str(), kappa,
                    residual ? "nonzero" : "zero", rank, ambiguous ? "?" : " ", bound);
        bool first_contender = true;
        for (const auto& c0 : all) {
          const Outcome o = c0.solve(X, y);
          const bool finite = o.w.allFinite();
          const double forward = finite ? (o.w - w_plus).norm() / std::max(w_plus.norm(), 1e-300)
                                        : std::numeric_limits<double>::infinity();
          const double backward = finite ? karlson_walden(svd, X, y, o.w) / s1 : std::numeric_limits<double>::infinity();
          std::string verdict = "null";
          if (o.rank) verdict = ambiguous ? "\"ambiguous\"" : (*o.rank == rank ? "\"right\"" : "\"wrong\"");
          out << (first_contender ? "" : ", ") << "\"" << c0.name << "\": {\"forward_error\": " << number(forward)
              << ", \"backward_error\": " << number(backward)
              << ", \"rank\": " << (o.rank ? std::to_string(*o.rank) : "null") << ", \"rank_decision\": " << verdict
              << "}";
          first_contender = false;
          std::printf(" %s=%.1e%s", c0.name.c_str(), forward, o.rank && !ambiguous && *o.rank != rank ? "(rank!)" : "");
        }
        out << "}}";
        std::printf("\n");
      }
    }
  }
  out << "\n  ]\n}\n";
  std::cerr << "wrote " << out_path << "\n";
  return out ? 0 : 1;
}
