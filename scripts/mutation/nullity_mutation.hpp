#pragma once
// Mutant schemata for scripts/mutate.py: injected with -include into every translation unit of
// build/mutate. A schema'd header calls these helpers at each sampled site; each behaves as the
// original code unless NULLITY_MUTANT names its site id, and then as the mutant. One build
// serves every sampled mutant. Nothing here includes Eigen: the helpers only name the
// expressions' own members, so a translation unit without Eigen compiles as before.

#include <cstdlib>
#include <type_traits>
#include <utility>

namespace nullity_mutation {

// The selected site, read once (the tests never change it).
inline long selected() {
  static const long id = [] {
    const char* s = std::getenv("NULLITY_MUTANT");
    return s && *s ? std::strtol(s, nullptr, 10) : -1L;
  }();
  return id;
}
inline bool on(long id) { return selected() == id; }

// `- 1` and `+ 1` become `- one<ID>()` and `+ one<ID>()`: the sign flips under the mutant.
template <int ID>
int one() { return on(ID) ? -1 : 1; }

// Relational and equality operators as "named operators": `a < b` becomes
// `a < lt<ID>{} < b`, which parses as `(a < lt<ID>{}) < b` with the original precedence and
// associativity. The first operator keeps a reference to a, the second compares.
#define NULLITY_MUTATION_RELATION(NAME, OP, MUTANT)                                              \
  template <int ID>                                                                              \
  struct NAME {};                                                                                \
  template <class A, int ID>                                                                     \
  struct NAME##_lhs {                                                                            \
    const A& a;                                                                                  \
  };                                                                                             \
  template <class A, int ID>                                                                     \
  NAME##_lhs<A, ID> operator OP(const A& a, NAME<ID>) {                                         \
    return {a};                                                                                  \
  }                                                                                              \
  template <class A, int ID, class B>                                                            \
  bool operator OP(NAME##_lhs<A, ID> l, const B& b) {                                           \
    return on(ID) ? bool(l.a MUTANT b) : bool(l.a OP b);                                         \
  }
NULLITY_MUTATION_RELATION(lt, <, <=)
NULLITY_MUTATION_RELATION(le, <=, <)
NULLITY_MUTATION_RELATION(gt, >, >=)
NULLITY_MUTATION_RELATION(ge, >=, >)
NULLITY_MUTATION_RELATION(eq, ==, !=)
NULLITY_MUTATION_RELATION(ne, !=, ==)
#undef NULLITY_MUTATION_RELATION

// x.leftCols(n) → left_cols<ID>(x, n): leftCols and rightCols (topRows and bottomRows) return
// the same block type, so one expression serves both.
template <int ID, class X, class N>
auto left_cols(X&& x, N n) { return on(ID) ? x.rightCols(n) : x.leftCols(n); }
template <int ID, class X, class N>
auto right_cols(X&& x, N n) { return on(ID) ? x.leftCols(n) : x.rightCols(n); }
template <int ID, class X, class N>
auto top_rows(X&& x, N n) { return on(ID) ? x.bottomRows(n) : x.topRows(n); }

template <class X, class = void>
struct has_plain_object : std::false_type {};
template <class X>
struct has_plain_object<X, std::void_t<typename X::PlainObject>> : std::true_type {};
template <class>
inline constexpr bool dependent_false = false;

// x.transpose() → transpose<ID>(x). The two have different types, so both are evaluated into
// one: the same type when transposing does not change it (a real Householder sequence), else
// x's plain object (a dense matrix, or a permutation). Anything else does not compile, and the
// script drops the site as not applicable.
template <int ID, class X>
auto transpose(const X& x) {
  using T = std::decay_t<decltype(x.transpose())>;
  if constexpr (std::is_same_v<T, X>) {
    return on(ID) ? X(x) : X(x.transpose());
  } else if constexpr (has_plain_object<X>::value) {
    using P = typename X::PlainObject;
    return on(ID) ? P(x) : P(x.transpose());
  } else {
    static_assert(dependent_false<X>, "nullity_mutation: no common type for a dropped transpose");
  }
}

}  // namespace nullity_mutation
