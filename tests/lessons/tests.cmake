# Every lesson of the track passes `paxos-lab-cli lessons verify`:
# scripted runs meet their [expect], pause points happen, every exercise's
# solution achieves its goal and the goal does not hold without it.
if(TARGET paxos-lab-cli)
  add_test(NAME lessons.verify COMMAND paxos-lab-cli lessons verify ${PROJECT_SOURCE_DIR}/lessons)
  set_tests_properties(lessons.verify PROPERTIES TIMEOUT 900)
endif()
# The unit tests also drive the `lessons` command in-process (exit codes, output).
if(TARGET paxoslab_lesson_tests AND TARGET paxoslab_cli_lib)
  target_link_libraries(paxoslab_lesson_tests PRIVATE paxoslab_cli_lib)
endif()
