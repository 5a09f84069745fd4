// The speed suite (design §8): rank, null space and minimum-norm solve by nullity's QR and SVD
// paths and by the foreign contenders, on the same pre-built inputs, single-threaded.
//
// Names: <Operation>/<contender>/<n>x<d>/r<rank>, e.g. MinNorm/qr/1000x2000/r1000; plus the
// GEMM rows (Gemm/<library>/<m>x<k>x<n>), the physical limit of one core. The LAPACK contenders
// are the cheapest LAPACK routes to each answer (results.md's "Pay only for what you ask"):
//   Rank/gesdd       dgesdd JOBZ='N' (values only)      Rank/qp3       dgeqp3, r off |R_kk|
//   NullSpace/gesdd  dgesdd JOBZ='A' ('S' when n ≥ d)   NullSpace/qp3  dgeqp3(Xᵀ) + dorgqr
//   NullSpace/gesvd  dgesvd JOBU='N', JOBVT='A'
//   MinNorm/gelsd, gelsy, gelss, gels: the drivers of those names; MinNorm/gesdd: JOBZ='A' + solve
//
// GFLOPS counter: a nominal count per problem, the same for every contender of an operation,
// so that it is a speed and not a measure of the work each one happens to do — the Householder
// QR of the tall orientation, 2mp² − 2p³/3 flops (m = max(n,d), p = min(n,d); LAPACK Working
// Note 41), which every solver here performs at least once. GEMM counts 2mkn.
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <malloc.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <Eigen/Core>
#include <nullity/nullity.hpp>
#include <nullity_solvers/solvers.hpp>

#include "build_info.hpp"
#include "problems.hpp"

namespace {

namespace ns = nullity::solvers;
using Eigen::Index;

struct Problem {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
  Index rank = 0;
  double rcond = 0;
};

const Problem& problem(Index n, Index d, Index r) {
  static std::map<std::tuple<Index, Index, Index>, Problem> cache;
  auto [it, fresh] = cache.try_emplace({n, d, r});
  if (fresh) {
    it->second.X = nullity_bench::planted_rank(n, d, r);
    it->second.y = nullity_bench::right_hand_side(n, nullity_bench::seed_for(n, d, r));
    it->second.rank = r;
    it->second.rcond = ns::numpy_rcond(it->second.X);
  }
  return it->second;
}

double qr_flops(Index n, Index d) {
  const double m = double(std::max(n, d)), p = double(std::min(n, d));
  return 2 * m * p * p - 2 * p * p * p / 3;
}

nullity::Options method(nullity::Method m, nullity::Backend b = nullity::Backend::automatic) {
  nullity::Options o;
  o.method = m;
  o.backend = b;
  return o;
}

// One contender for one operation: runs it and returns the rank it decided (−1: not reported).
using Run = std::function<Index(const Problem&)>;
struct Contender {
  std::string name;
  Run run;
  bool full_rank_only = false;  // e.g. unpivoted dgels: meaningless on rank-deficient input
  Index max_dim = 0;            // largest max(n,d) it is timed at; 0: every shape
};

// Foreign contenders too slow to time at 2500×2500 in every run of the suite are timed up to
// 2000 only (CPU s per iteration quoted at each: one iteration on a loaded 2-core machine).
// The LAPACK routes of results.md's ratio table stay, except dgesvd (see there).
constexpr Index kLargest = 2000;
Contender up_to(Index max_dim, Contender c) {
  c.max_dim = max_dim;
  return c;
}

template <class T>
Index keep(T&& result, Index rank) {
  benchmark::DoNotOptimize(result.data());
  benchmark::ClobberMemory();
  return rank;
}

Index rank_of(const Eigen::VectorXd& s, double rcond) {
  Index r = 0;
  while (r < s.size() && s(r) > rcond * s(0)) ++r;
  return r;
}

// nullity's contenders: "qr", "svd" (default backend: LAPACK for double) and "svd-eigen"
// (Backend::eigen), so that both backends of the SVD path appear in the results.
std::vector<Contender> min_norm_contenders() {
  // The one-shot entry point, as a user solving for one y calls it (shortcuts.hpp).
  auto nullity_path = [](nullity::Method m, nullity::Backend b = nullity::Backend::automatic) {
    return [m, b](const Problem& p) { return keep(nullity::min_norm_solve(p.X, p.y, method(m, b)), Index(-1)); };
  };
  // factorize + solve: what a user who also wants the rank or the null space pays.
  auto nullity_factorization = [](nullity::Method m) {
    return [m](const Problem& p) {
      const auto f = nullity::factorize(p.X, method(m));
      // The solve first, then the rank (one statement would leave the order to the compiler,
      // and a factorization computes what its first question needs).
      const Eigen::VectorXd w = f.solve(p.y);
      return keep(w, f.rank());
    };
  };
  return {
      {"qr", nullity_path(nullity::Method::qr)},
      {"svd", nullity_path(nullity::Method::svd)},
      {"svd-eigen", nullity_path(nullity::Method::svd, nullity::Backend::eigen)},
      {"svd-factorize", nullity_factorization(nullity::Method::svd)},
      {"gelsy", [](const Problem& p) { auto s = ns::lapack_gelsy(p.X, p.y, p.rcond); return keep(s.w, s.rank); }},
      {"gelsd", [](const Problem& p) { auto s = ns::lapack_gelsd(p.X, p.y, p.rcond); return keep(s.w, s.rank); }},
      up_to(kLargest, {"gelss",  // 136 s at 2500×2500
                       [](const Problem& p) {
                         auto s = ns::lapack_gelss(p.X, p.y, p.rcond);
                         return keep(s.w, s.rank);
                       }}),
      {"gesdd",
       [](const Problem& p) {
         const auto svd = ns::lapack_gesdd(p.X);
         const Index r = rank_of(svd.s, p.rcond);
         const Eigen::VectorXd t = svd.U.leftCols(r).transpose() * p.y;
         return keep(Eigen::VectorXd(svd.V.leftCols(r) * t.cwiseQuotient(svd.s.head(r))), r);
       }},
      {"eigen-cod", [](const Problem& p) { return keep(ns::eigen_cod_solve(p.X, p.y, p.rcond), Index(-1)); }},
      up_to(kLargest, {"eigen-bdcsvd",  // 11 s at 2500×2500
                       [](const Problem& p) { return keep(ns::eigen_bdcsvd_solve(p.X, p.y, p.rcond), Index(-1)); }}),
      {"gels", [](const Problem& p) { return keep(ns::lapack_gels(p.X, p.y), Index(-1)); }, true},
  };
}

std::vector<Contender> null_space_contenders() {
  auto nullity_path = [](nullity::Method m, nullity::Backend b = nullity::Backend::automatic) {
    return [m, b](const Problem& p) {
      const auto f = nullity::factorize(p.X, method(m, b));
      const Eigen::MatrixXd Z = f.null_space();  // first: see above
      return keep(Z, f.rank());
    };
  };
  auto from_basis = [](const Problem& p, const Eigen::MatrixXd& Z) { return keep(Z, p.X.cols() - Z.cols()); };
  return {
      {"qr", nullity_path(nullity::Method::qr)},
      {"svd", nullity_path(nullity::Method::svd)},
      {"svd-eigen", nullity_path(nullity::Method::svd, nullity::Backend::eigen)},
      {"qp3", [=](const Problem& p) { return from_basis(p, ns::lapack_null_space_qp3(p.X, p.rcond)); }},
      // The cheapest LAPACK routes to the same basis; the ratio table takes the faster of the two.
      {"gesdd", [=](const Problem& p) { return from_basis(p, ns::lapack_null_space_gesdd(p.X, p.rcond)); }},
      // dgesvd accumulates V by plane rotations: 129 s at 2500×2500 against dgesdd's 9 s, so it
      // cannot be the cheaper route there and is not timed (the ratio table says so).
      up_to(kLargest,
            {"gesvd", [=](const Problem& p) { return from_basis(p, ns::lapack_null_space_gesvd(p.X, p.rcond)); }}),
      up_to(kLargest, {"eigen-bdcsvd",  // 12 s at 2500×2500
                       [=](const Problem& p) { return from_basis(p, ns::eigen_bdcsvd_null_space(p.X, p.rcond)); }}),
  };
}

std::vector<Contender> rank_contenders() {
  auto nullity_path = [](nullity::Method m, nullity::Backend b = nullity::Backend::automatic) {
    return [m, b](const Problem& p) {
      const Index r = nullity::rank(p.X, method(m, b));
      benchmark::DoNotOptimize(r);
      return r;
    };
  };
  auto plain = [](Index r) {
    benchmark::DoNotOptimize(r);
    return r;
  };
  return {
      {"qr", nullity_path(nullity::Method::qr)},
      {"svd", nullity_path(nullity::Method::svd)},
      {"svd-eigen", nullity_path(nullity::Method::svd, nullity::Backend::eigen)},
      {"qp3", [=](const Problem& p) { return plain(ns::lapack_rank_qp3(p.X, p.rcond)); }},
      {"gesdd", [=](const Problem& p) { return plain(rank_of(ns::lapack_singular_values(p.X), p.rcond)); }},
      {"eigen-cod", [=](const Problem& p) { return plain(ns::eigen_cod_rank(p.X, p.rcond)); }},
      {"eigen-bdcsvd", [=](const Problem& p) { return plain(ns::eigen_bdcsvd_rank(p.X, p.rcond)); }},
  };
}

void register_operation(const std::string& operation, const std::vector<Contender>& contenders) {
  const std::vector<std::pair<Index, Index>> shapes = {{6, 12},      {64, 128},    {256, 512},  {1000, 2000},
                                                       {2000, 1000}, {1000, 1000}, {2500, 2500}};
  for (auto [n, d] : shapes) {
    const Index p = std::min(n, d);
    for (Index r : {p, p / 2}) {
      for (const auto& c : contenders) {
        if (c.full_rank_only && r < p) continue;
        if (c.max_dim > 0 && std::max(n, d) > c.max_dim) continue;
        const std::string name =
            operation + "/" + c.name + "/" + std::to_string(n) + "x" + std::to_string(d) + "/r" + std::to_string(r);
        benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
          const Problem& prob = problem(n, d, r);  // built before the timed loop
          Index rank = -1;
          for (auto _ : state) rank = c.run(prob);
          state.counters["GFLOPS"] = benchmark::Counter(qr_flops(n, d) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
          state.counters["rank"] = double(rank);
          state.counters["planted_rank"] = double(r);
        })->Unit(benchmark::kMillisecond);
      }
    }
  }
}

void register_gemm() {
  const Index m = 1000, k = 1000, n = 1000;
  const std::string shape = std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n);
  auto record = [=](benchmark::State& state) {
    state.counters["GFLOPS"] = benchmark::Counter(2.0 * m * k * n * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  };
  benchmark::RegisterBenchmark(("Gemm/openblas/" + shape).c_str(), [=](benchmark::State& state) {
    nullity_bench::Normal g(7);
    const Eigen::MatrixXd A = g.matrix(m, k), B = g.matrix(k, n);
    Eigen::MatrixXd C(m, n);
    for (auto _ : state) {
      cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, int(m), int(n), int(k), 1.0, A.data(), int(m), B.data(),
                  int(k), 0.0, C.data(), int(m));
      benchmark::DoNotOptimize(C.data());
    }
    record(state);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("Gemm/eigen/" + shape).c_str(), [=](benchmark::State& state) {
    nullity_bench::Normal g(7);
    const Eigen::MatrixXd A = g.matrix(m, k), B = g.matrix(k, n);
    Eigen::MatrixXd C(m, n);
    for (auto _ : state) {
      C.noalias() = A * B;
      benchmark::DoNotOptimize(C.data());
    }
    record(state);
  })->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  // Freed memory stays in the process: glibc otherwise returns every large block to the kernel
  // (mmap/munmap) and each repetition pays first-touch page faults, which on this VM cost about
  // 12 µs per 4 KiB page — 100 ms of a 165 ms QR solve of 1000×2000 (measured with perf: 22 % of
  // samples in the hypervisor's page-fault path). The setting applies to every contender alike;
  // docs/results.md reports it.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  benchmark::AddCustomContext("malloc", "M_MMAP_THRESHOLD = M_TRIM_THRESHOLD = 1 GiB (glibc)");
  // One thread everywhere: OpenBLAS would otherwise use every core, Eigen only with OpenMP.
  openblas_set_num_threads(1);
  Eigen::setNbThreads(1);
  const char* coretype = std::getenv("OPENBLAS_CORETYPE");
  benchmark::AddCustomContext("openblas_corename", openblas_get_corename());
  benchmark::AddCustomContext("openblas_threads", std::to_string(openblas_get_num_threads()));
  benchmark::AddCustomContext("OPENBLAS_CORETYPE", coretype ? coretype : "(unset)");
  benchmark::AddCustomContext("eigen_version", std::to_string(EIGEN_WORLD_VERSION) + "." +
                                                   std::to_string(EIGEN_MAJOR_VERSION) + "." +
                                                   std::to_string(EIGEN_MINOR_VERSION));
  benchmark::AddCustomContext("eigen_simd", Eigen::SimdInstructionSetsInUse());
  benchmark::AddCustomContext("eigen_threads", std::to_string(Eigen::nbThreads()));
  benchmark::AddCustomContext("compiler", nullity_bench::kCompiler);
  benchmark::AddCustomContext("cxx_flags", nullity_bench::kCxxFlags);
  benchmark::AddCustomContext("commit", nullity_bench::kCommit);
  benchmark::AddCustomContext("gflops_convention", "nominal 2mp^2-2p^3/3 (Householder QR of the tall orientation)");

  register_operation("MinNorm", min_norm_contenders());
  register_operation("NullSpace", null_space_contenders());
  register_operation("Rank", rank_contenders());
  register_gemm();

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
