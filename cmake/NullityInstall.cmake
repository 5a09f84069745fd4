# Install rules, the CMake package (find_package(nullity)), pkg-config files, the man page and
# the Debian package (CPack). docs/packaging.md describes what a consumer gets.
include(CMakePackageConfigHelpers)

set(NULLITY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/nullity)

# Headers: the core (and the LAPACK kernels' declarations), the oracles, the kit and its generators.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/reference/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# One export set per component, so that the core's consumers never need another component's
# dependencies (nullityConfig.cmake loads a component's file only when it can be satisfied).
set(_nullity_components core)
install(TARGETS nullity EXPORT nullity-core)
install(EXPORT nullity-core NAMESPACE nullity:: FILE nullity-core-targets.cmake DESTINATION ${NULLITY_CMAKE_DIR})
list(APPEND _nullity_components io)
install(TARGETS nullity_io EXPORT nullity-io ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT nullity-io NAMESPACE nullity:: FILE nullity-io-targets.cmake DESTINATION ${NULLITY_CMAKE_DIR})
if(NULLITY_WITH_LAPACK)
  list(APPEND _nullity_components lapack)
  install(TARGETS nullity_lapack EXPORT nullity-lapack ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT nullity-lapack NAMESPACE nullity:: FILE nullity-lapack-targets.cmake DESTINATION ${NULLITY_CMAKE_DIR})
endif()
if(TARGET nullity_oracle)
  list(APPEND _nullity_components oracle)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/oracle/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(TARGETS nullity_oracle EXPORT nullity-oracle ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT nullity-oracle NAMESPACE nullity:: FILE nullity-oracle-targets.cmake DESTINATION ${NULLITY_CMAKE_DIR})
endif()
if(TARGET nullity_conformance)
  list(APPEND _nullity_components conformance)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/properties/conformance/include/ ${PROJECT_SOURCE_DIR}/properties/support/
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(TARGETS nullity_conformance EXPORT nullity-conformance ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT nullity-conformance NAMESPACE nullity:: FILE nullity-conformance-targets.cmake
          DESTINATION ${NULLITY_CMAKE_DIR})
endif()
install(FILES ${PROJECT_SOURCE_DIR}/properties/conformance/NullityConformance.cmake DESTINATION ${NULLITY_CMAKE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/install/nullityConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/nullityConfig.cmake INSTALL_DESTINATION ${NULLITY_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/nullityConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/nullityConfig.cmake ${PROJECT_BINARY_DIR}/nullityConfigVersion.cmake
        DESTINATION ${NULLITY_CMAKE_DIR})

# pkg-config: the header-only core, and the LAPACK backend on top of it.
foreach(pc nullity nullity-lapack)
  if(pc STREQUAL "nullity-lapack" AND NOT NULLITY_WITH_LAPACK)
    continue()
  endif()
  configure_file(${CMAKE_CURRENT_LIST_DIR}/install/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

if(TARGET nullity_cli)
  install(TARGETS nullity_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  # The seed data the demo narrates; the command finds it at ../share/nullity/data from its own path.
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/nullity/data)
  # nullity.1 from the command's own --help texts (help2man), so the two cannot drift.
  find_program(NULLITY_HELP2MAN help2man)
  if(NULLITY_HELP2MAN)
    add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/nullity.1 ${PROJECT_BINARY_DIR}/nullity.1.gz
      COMMAND ${CMAKE_COMMAND} -DNULLITY=$<TARGET_FILE:nullity_cli> -DHELP2MAN=${NULLITY_HELP2MAN}
              -DVERSION=${PROJECT_VERSION} -DOUT=${PROJECT_BINARY_DIR}/nullity.1
              -P ${CMAKE_CURRENT_LIST_DIR}/install/man_page.cmake
      DEPENDS nullity_cli ${CMAKE_CURRENT_LIST_DIR}/install/man_page.cmake
      COMMENT "Writing the man page nullity.1 from nullity --help")
    add_custom_target(nullity_man ALL DEPENDS ${PROJECT_BINARY_DIR}/nullity.1)
    install(FILES ${PROJECT_BINARY_DIR}/nullity.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  else()
    message(WARNING "help2man not found: the man page nullity.1 is not built (scripts/install-deps.sh installs it)")
  endif()
endif()

# The Debian package: `cpack -G DEB` in a build directory, after building.
set(CPACK_PACKAGE_NAME nullity)
set(CPACK_PACKAGE_VENDOR "the nullity developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "the nullity developers")
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
# The command's shared libraries (OpenBLAS, LAPACKE, GMP, MPFR, libzip) from dpkg-shlibdeps; the headers
# need Eigen; each optional component's link dependencies are recommended.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libeigen3-dev (>= 3.4)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "libzip-dev, liblapacke-dev, libopenblas-dev, libboost-dev (>= 1.74), libgmp-dev, libmpfr-dev, libgtest-dev, librapidcheck-dev, pkg-config, cmake (>= 3.25)")
if(NULLITY_BUILD_PYTHON)  # the Python package (python/CMakeLists.txt installs it)
  string(APPEND CPACK_DEBIAN_PACKAGE_RECOMMENDS ", python3, python3-numpy")
endif()
include(CPack)
