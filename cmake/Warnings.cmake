# paxoslab_set_warnings(<target>)
#
# Applies the project's warning set to one of *our* targets (never to third-party
# code).  Adds -Werror when PAXOSLAB_WARNINGS_AS_ERRORS is ON (the `ci` preset).
include_guard(GLOBAL)

function(paxoslab_set_warnings target)
  get_target_property(_type ${target} TYPE)
  if(_type STREQUAL "INTERFACE_LIBRARY")
    set(_scope INTERFACE)
  else()
    set(_scope PRIVATE)
  endif()

  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} ${_scope}
      -Wall -Wextra -Wpedantic -Wshadow
      $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>)
    if(PAXOSLAB_WARNINGS_AS_ERRORS)
      target_compile_options(${target} ${_scope} -Werror)
    endif()
    # GCC 12 at -O3 reports false -Wrestrict / -Wstringop-overflow /
    # -Warray-bounds hits inside libstdc++'s std::string (GCC bugs 105329,
    # 105651): keep them as warnings, not errors.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} ${_scope} -Wno-error=restrict -Wno-error=stringop-overflow
                                                  -Wno-error=array-bounds -Wno-error=stringop-overread
                                                  -Wno-error=maybe-uninitialized)
    endif()
  elseif(MSVC)
    target_compile_options(${target} ${_scope} /W4 /permissive-)
    if(PAXOSLAB_WARNINGS_AS_ERRORS)
      target_compile_options(${target} ${_scope} /WX)
    endif()
  endif()
endfunction()
