# tests/core: the break-finder's tests (search_test.cpp) need paxoslab_search.
if(TARGET paxoslab_core_tests AND TARGET paxoslab_search)
  target_link_libraries(paxoslab_core_tests PRIVATE paxoslab_search)
endif()
