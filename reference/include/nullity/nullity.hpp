#pragma once
/// \file
/// Umbrella header: numerical rank, null space, row space and minimum-norm least squares by an
/// SVD path and a QR (complete orthogonal decomposition) path, under one tolerance rule.

#include "certificate.hpp"
#include "factorization.hpp"
#include "invalid_input.hpp"
#include "options.hpp"
#include "rank_by_rule.hpp"
#include "scalar_traits.hpp"
#include "shortcuts.hpp"
