# tests/cli: the exit-code tests run the real paxos-lab-cli binary.
if(TARGET paxoslab_cli_tests AND TARGET paxos-lab-cli)
  target_compile_definitions(paxoslab_cli_tests PRIVATE PAXOSLAB_CLI_PATH="$<TARGET_FILE:paxos-lab-cli>")
  add_dependencies(paxoslab_cli_tests paxos-lab-cli)
endif()
