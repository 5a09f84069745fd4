# The nullity conformance kit's CMake functions. After find_package(nullity CONFIG REQUIRED)
# (or add_subdirectory of nullity's source tree):
#
#   nullity_add_conformance_test(my_solver_conformance SOURCES my_solver_conformance.cpp
#                                LIBRARIES my_solver [LABELS extra ...] [SIZE 24x48]
#                                [RC_PARAMS "seed=42 max_success=500"] [TIMEOUT 600])
#
# builds a GoogleTest executable whose sources call
# nullity_conformance::register_conformance_tests(...), links nullity::conformance, and
# registers every property as a ctest test labelled `conformance` and LABELS. RC_PARAMS (seed,
# depth) defaults to NULLITY_RC_PARAMS, whose seed is the one the kit uses when run by hand;
# SIZE sets the largest matrices drawn (NULLITY_CONFORMANCE_SIZE in the tests' environment: set
# it yourself to run the binary by hand with that size).
include_guard(GLOBAL)
include(GoogleTest)

# The kit's fixed default seed: the one place it is defined (the library is compiled with it).
set(NULLITY_CONFORMANCE_SEED 20261122)
set(NULLITY_RC_PARAMS "seed=${NULLITY_CONFORMANCE_SEED}" CACHE STRING
    "RC_PARAMS for the property and conformance tests (a fixed seed makes CI reproducible)")

# Sets LABELS and ENVIRONMENT (lists) on the tests gtest_discover_tests finds in LIST_VARIABLE.
# Its own PROPERTIES cannot carry a list (it passes them to the discovery script on a command
# line, where ';' separates values), so a script that ctest reads after the discovered tests
# sets them.
function(_nullity_set_discovered_test_properties LIST_VARIABLE)
  cmake_parse_arguments(ARG "" "" "LABELS;ENVIRONMENT" ${ARGN})
  list(REMOVE_DUPLICATES ARG_LABELS)
  set(script ${CMAKE_CURRENT_BINARY_DIR}/${LIST_VARIABLE}_properties.cmake)
  file(WRITE ${script} "if(${LIST_VARIABLE})\n  set_tests_properties(\${${LIST_VARIABLE}} PROPERTIES\n"
                       "    LABELS [==[${ARG_LABELS}]==] ENVIRONMENT [==[${ARG_ENVIRONMENT}]==])\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${script})
endfunction()

function(nullity_add_conformance_test NAME)
  cmake_parse_arguments(ARG "" "RC_PARAMS;SIZE;TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
  if(NOT TARGET nullity::conformance)
    message(FATAL_ERROR "nullity_add_conformance_test: nullity::conformance is not available "
                        "(${nullity_conformance_NOT_FOUND_MESSAGE}); "
                        "find_package(nullity CONFIG REQUIRED COMPONENTS conformance) says what is missing")
  endif()
  if(NOT ARG_RC_PARAMS)
    set(ARG_RC_PARAMS "${NULLITY_RC_PARAMS}")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  set(environment "RC_PARAMS=${ARG_RC_PARAMS}")
  if(ARG_SIZE)
    list(APPEND environment "NULLITY_CONFORMANCE_SIZE=${ARG_SIZE}")
  endif()
  add_executable(${NAME} ${ARG_SOURCES})
  target_link_libraries(${NAME} PRIVATE nullity::conformance GTest::gtest_main ${ARG_LIBRARIES})
  gtest_discover_tests(${NAME} DISCOVERY_TIMEOUT 120 TEST_LIST ${NAME}_TESTS PROPERTIES TIMEOUT ${ARG_TIMEOUT})
  _nullity_set_discovered_test_properties(${NAME}_TESTS LABELS conformance ${ARG_LABELS} ENVIRONMENT ${environment})
endfunction()

# Registers the tests of an existing conformance executable once more under a prefix, with
# other RC_PARAMS (the `deep` runs).
function(nullity_add_conformance_run TARGET PREFIX)
  cmake_parse_arguments(ARG "" "RC_PARAMS;TIMEOUT" "LABELS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 3600)
  endif()
  gtest_discover_tests(${TARGET} TEST_PREFIX "${PREFIX}." DISCOVERY_TIMEOUT 120 TEST_LIST ${TARGET}_${PREFIX}_TESTS
                       PROPERTIES TIMEOUT ${ARG_TIMEOUT})
  _nullity_set_discovered_test_properties(${TARGET}_${PREFIX}_TESTS LABELS ${ARG_LABELS} ENVIRONMENT "RC_PARAMS=${ARG_RC_PARAMS}")
endfunction()
