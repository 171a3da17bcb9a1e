# Runs paxos-lab under xvfb-run to write a screenshot, then checks it.
# Variables: XVFB_RUN, APP, SCENARIO, OUT, CHECKER.
file(REMOVE ${OUT})
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --scenario ${SCENARIO} --steps 30
          --screenshot ${OUT} --frames 3 --exit
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 100)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "paxos-lab exited with ${rc}\n${out}\n${err}")
endif()
execute_process(COMMAND ${CHECKER} ${OUT} 1280 800 RESULT_VARIABLE crc OUTPUT_VARIABLE cout ERROR_VARIABLE cerr)
if(NOT crc EQUAL 0)
  message(FATAL_ERROR "screenshot check failed: ${cout}${cerr}")
endif()
message(STATUS "${cout}")
