# Runs paxos-lab under xvfb-run on a lesson with --layout-report at 1280x800
# (lesson column open) and fails if any text label overlaps another or any
# text is cut off with no way to scroll to it.
# Variables: XVFB_RUN, APP, LESSON, OUT, ARGS (extra flags, space-separated).
file(REMOVE ${OUT})
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --lesson ${LESSON} ${args} --size 1280x800
          --layout-report ${OUT} --frames 4 --exit
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 100)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "paxos-lab exited with ${rc}\n${out}\n${err}")
endif()
file(READ ${OUT} report)
string(JSON overlaps LENGTH "${report}" overlaps)
string(JSON clipped LENGTH "${report}" clipped)
if(NOT overlaps EQUAL 0 OR NOT clipped EQUAL 0)
  message(FATAL_ERROR "${LESSON} ${ARGS}: ${overlaps} overlapping and ${clipped} clipped texts:\n${report}")
endif()
message(STATUS "${LESSON} ${ARGS}: no overlapping or clipped text")
