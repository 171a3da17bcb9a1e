# The module layering (docs/architecture.md): which project folders each
# module may include, and what the simulator and the stages may not use at all
# (no TOML, JSON or filesystem; no threads, clock or global RNG: determinism).
# Also: no comment names the design notes kept outside the repository.
# Run as `cmake -DSOURCE_DIR=... -P check_layering.cmake`; prints every
# offending file:line and fails if there is one.
set(problems "")

# module;allowed include prefixes
set(rules
  "core/sim|core/sim/"
  "core/scenario|core/sim/ core/scenario/"
  "core/search|core/sim/ core/scenario/ core/search/"
  "core/compare|core/sim/ core/scenario/ core/compare/"
  "core/lessons|core/sim/ core/scenario/ core/lessons/"
  "core/sweep|core/sim/ core/scenario/ core/sweep/"
  "stages|core/sim/ stages/")
set(forbidden_system "toml\\+\\+|nlohmann|filesystem|fstream|thread|chrono|random|mutex|atomic|ctime")

function(check_file path module allowed strict)
  file(STRINGS "${path}" lines)
  string(JOIN ", " allowed_text ${allowed})
  set(n 0)
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    if(line MATCHES "^#include \"([^\"]+)\"")
      set(inc "${CMAKE_MATCH_1}")
      set(ok FALSE)
      foreach(prefix IN LISTS allowed)
        string(FIND "${inc}" "${prefix}" at)
        if(at EQUAL 0)
          set(ok TRUE)
        endif()
      endforeach()
      if(NOT ok)
        set(problems "${problems}${path}:${n}: ${module} includes \"${inc}\" (it may include only: ${allowed_text})\n")
      endif()
    elseif(strict AND line MATCHES "^#include <(${forbidden_system})")
      set(problems "${problems}${path}:${n}: ${module} includes <${CMAKE_MATCH_1}...> (no files, formats, threads, clocks or RNGs here)\n")
    endif()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

foreach(rule IN LISTS rules)
  string(REPLACE "|" ";" parts "${rule}")
  list(GET parts 0 module)
  list(GET parts 1 allowed)
  string(REPLACE " " ";" allowed "${allowed}")
  set(strict FALSE)
  if(module STREQUAL "core/sim" OR module STREQUAL "stages")
    set(strict TRUE)
  endif()
  file(GLOB_RECURSE files "${SOURCE_DIR}/${module}/*.cpp" "${SOURCE_DIR}/${module}/*.hpp")
  foreach(f IN LISTS files)
    check_file("${f}" "${module}" "${allowed}" ${strict})
  endforeach()
endforeach()

# Comments cite the paper and docs/, never the design notes outside the repository.
file(GLOB_RECURSE sources "${SOURCE_DIR}/core/*.?pp" "${SOURCE_DIR}/stages/*.?pp" "${SOURCE_DIR}/gui/*.?pp"
     "${SOURCE_DIR}/cli/*.?pp" "${SOURCE_DIR}/tests/*.?pp" "${SOURCE_DIR}/tests/*.toml"
     "${SOURCE_DIR}/scenarios/*.toml" "${SOURCE_DIR}/lessons/*.toml")
foreach(f IN LISTS sources)
  file(STRINGS "${f}" hits REGEX "[^/]stages\\.md|seed-notes|shared/design")
  foreach(h IN LISTS hits)
    set(problems "${problems}${f}: names a file outside the repository: ${h}\n")
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "layering:\n${problems}")
endif()
message(STATUS "layering: every module includes only what it may")
