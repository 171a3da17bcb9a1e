# Installing Paxos Lab like a desktop application (docs/install.md):
#   bin/paxos-lab, bin/paxos-lab-cli              (gui/, cli/)
#   share/paxos-lab/{lessons,scenarios}           (lessons/, gui/)
#   share/applications/paxos-lab.desktop          (gui/desktop/)
#   share/icons/hicolor/scalable/apps/paxos-lab.svg and NxN PNGs (rsvg-convert)
#   share/man/man1/paxos-lab.1, paxos-lab-cli.1   (help2man, from --help)
# and `cpack -G DEB` (or the `package` target) makes a Debian package of it.
# The programs find their lessons and scenarios relative to their own
# binary (bin/../share/paxos-lab), so the package works from any working
# directory with the source tree gone; $PAXOSLAB_DATA_DIR overrides.
include(GNUInstallDirs)

set(_desktop ${PROJECT_SOURCE_DIR}/gui/desktop)
if(PAXOSLAB_BUILD_GUI)
  install(FILES ${_desktop}/paxos-lab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${_desktop}/paxos-lab.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  find_program(PAXOSLAB_RSVG_CONVERT rsvg-convert)
  if(PAXOSLAB_RSVG_CONVERT)
    set(_pngs)
    foreach(_px 48 128 256)
      set(_png ${CMAKE_BINARY_DIR}/icons/${_px}x${_px}/paxos-lab.png)
      add_custom_command(OUTPUT ${_png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${_px}x${_px}
        COMMAND ${PAXOSLAB_RSVG_CONVERT} -w ${_px} -h ${_px} ${_desktop}/paxos-lab.svg -o ${_png}
        DEPENDS ${_desktop}/paxos-lab.svg VERBATIM)
      install(FILES ${_png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_px}x${_px}/apps)
      list(APPEND _pngs ${_png})
    endforeach()
    add_custom_target(paxoslab_icons ALL DEPENDS ${_pngs})
  else()
    message(STATUS "PaxosLab: rsvg-convert not found - PNG icons are not installed (apt install librsvg2-bin)")
  endif()
endif()

# Manual pages from each program's --help (help2man; the GUI's --help needs no display).
find_program(PAXOSLAB_HELP2MAN help2man)
if(PAXOSLAB_HELP2MAN)
  set(_mans)
  macro(_paxoslab_man target name summary)
    if(TARGET ${target})
      set(_man ${CMAKE_BINARY_DIR}/man/${name}.1)
      add_custom_command(OUTPUT ${_man}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
        COMMAND ${PAXOSLAB_HELP2MAN} --no-info --no-discard-stderr --section=1
                --version-string=${PROJECT_VERSION} --name=${summary}
                --include=${PROJECT_SOURCE_DIR}/cmake/man-extra.h2m
                --output=${_man} $<TARGET_FILE:${target}>
        DEPENDS ${target} ${PROJECT_SOURCE_DIR}/cmake/man-extra.h2m VERBATIM)
      install(FILES ${_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
      list(APPEND _mans ${_man})
    endif()
  endmacro()
  _paxoslab_man(paxos-lab paxos-lab "learn Paxos from scratch, stage by stage, in a desktop app")
  _paxoslab_man(paxos-lab-cli paxos-lab-cli "run, compare, sweep and break Paxos Lab scenarios and lessons headless")
  add_custom_target(paxoslab_man ALL DEPENDS ${_mans})
else()
  message(STATUS "PaxosLab: help2man not found - manual pages are not built (apt install help2man)")
endif()

# ---- the Debian package -----------------------------------------------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "paxos-lab")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Paxos Lab")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Teaching tool: build Paxos up from scratch and watch each stage break")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "Paxos Lab follows the tutorial paper 'Paxos Explained from Scratch' (Meling and Jehl, OPODIS 2013): "
       "five protocol stages, each the previous one plus the paper's one rule, a desktop app with narrated "
       "lessons, fault injection, compare mode and a break-finder, and a headless command-line tool.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Paxos Lab maintainers <paxos-lab@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION "education")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/paxos-lab")
# Shared libraries (GLFW, toml++, md4c, stb, libstdc++...) by dpkg-shlibdeps;
# the font the app draws with is a data package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_STRIP_FILES ON)
include(CPack)
