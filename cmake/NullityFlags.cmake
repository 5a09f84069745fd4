# Build flags for nullity's own targets, carried by one INTERFACE target instead of global
# flags, so a consumer of nullity::nullity never inherits them.
add_library(nullity_flags INTERFACE)
add_library(nullity::flags ALIAS nullity_flags)

target_compile_options(nullity_flags INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<AND:$<BOOL:${NULLITY_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)

if(NULLITY_SANITIZE)
  set(_nullity_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(nullity_flags INTERFACE ${_nullity_san})
  target_link_options(nullity_flags INTERFACE ${_nullity_san})
endif()
