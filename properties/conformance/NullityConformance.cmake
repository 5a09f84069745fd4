# The nullity conformance kit for your own CMake project.
#
#   add_subdirectory(path/to/nullity)          # provides nullity::oracle (and nullity::nullity)
#   include(path/to/nullity/properties/conformance/NullityConformance.cmake)
#   nullity_add_conformance_test(my_solver_conformance SOURCES my_solver_conformance.cpp
#                                LIBRARIES my_solver)
#
# builds a GoogleTest executable whose sources call
# nullity_conformance::register_conformance_tests(...) and registers every property as a ctest
# test labelled `conformance` (or LABELS, a single label). RC_PARAMS (seed, depth) defaults to
# NULLITY_RC_PARAMS; SIZE (e.g. 24x48) sets the largest matrices drawn.
include_guard(GLOBAL)
include(GoogleTest)

set(NULLITY_CONFORMANCE_DIR ${CMAKE_CURRENT_LIST_DIR})
set(NULLITY_RC_PARAMS "seed=20261122" CACHE STRING
    "RC_PARAMS for the property and conformance tests (a fixed seed makes CI reproducible)")

if(NOT TARGET nullity_conformance)
  find_package(GTest REQUIRED)
  find_package(rapidcheck REQUIRED)
  add_library(nullity_conformance INTERFACE)
  add_library(nullity::conformance ALIAS nullity_conformance)
  target_include_directories(nullity_conformance INTERFACE ${NULLITY_CONFORMANCE_DIR}/include
                                                           ${NULLITY_CONFORMANCE_DIR}/../support)
  target_link_libraries(nullity_conformance INTERFACE nullity::oracle rapidcheck GTest::gtest Eigen3::Eigen)
  target_compile_features(nullity_conformance INTERFACE cxx_std_17)
endif()

function(nullity_add_conformance_test NAME)
  cmake_parse_arguments(ARG "" "RC_PARAMS;SIZE;TIMEOUT;LABELS" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_RC_PARAMS)
    set(ARG_RC_PARAMS "${NULLITY_RC_PARAMS}")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS conformance)
  endif()
  # gtest_discover_tests splits PROPERTIES values at ';': one label and one environment entry.
  add_executable(${NAME} ${ARG_SOURCES})
  if(ARG_SIZE)
    target_compile_definitions(${NAME} PRIVATE NULLITY_CONFORMANCE_DEFAULT_SIZE="${ARG_SIZE}")
  endif()
  target_link_libraries(${NAME} PRIVATE nullity::conformance GTest::gtest_main ${ARG_LIBRARIES})
  gtest_discover_tests(${NAME} DISCOVERY_TIMEOUT 120
                       PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "RC_PARAMS=${ARG_RC_PARAMS}" TIMEOUT ${ARG_TIMEOUT})
endfunction()

# Registers the tests of an existing conformance executable once more under a prefix, with
# other RC_PARAMS (the `deep` runs).
function(nullity_add_conformance_run TARGET PREFIX)
  cmake_parse_arguments(ARG "" "RC_PARAMS;TIMEOUT;LABELS" "" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 3600)
  endif()
  gtest_discover_tests(${TARGET} TEST_PREFIX "${PREFIX}." DISCOVERY_TIMEOUT 120
                       PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "RC_PARAMS=${ARG_RC_PARAMS}" TIMEOUT ${ARG_TIMEOUT})
endfunction()
