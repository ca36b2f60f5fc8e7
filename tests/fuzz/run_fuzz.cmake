# One fuzz target as a ctest test (see tests/CMakeLists.txt, EM_FUZZ):
# first every saved input in the regressions folder, each run once, then a
# bounded fuzzing session on a fresh, writable copy of the seed corpus.
#   cmake -DFUZZER=<exe> -DSEEDS=<dir> -DREGRESSIONS=<dir> -DWORK=<dir>
#         -DSECONDS=<n> [-DDICT=<file, used when it exists>] -P run_fuzz.cmake
# A finding leaves its input in WORK/artifacts/ and fails the test.
foreach(var FUZZER SEEDS REGRESSIONS WORK SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzz.cmake: -D${var}=... is missing")
  endif()
endforeach()
set(limits -timeout=10 -rss_limit_mb=2048)

file(GLOB saved LIST_DIRECTORIES false "${REGRESSIONS}/*")
list(FILTER saved EXCLUDE REGEX "/(README[^/]*|\\.[^/]*)$")
if(saved)
  list(LENGTH saved count)
  message(STATUS "regressions: ${count} saved input(s) in ${REGRESSIONS}")
  # Given files rather than a folder, libFuzzer runs each once.
  execute_process(COMMAND ${FUZZER} ${limits} ${saved} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "a saved input in ${REGRESSIONS} fails again (exit ${rc})")
  endif()
endif()

set(dictionary "")
if(DEFINED DICT AND EXISTS "${DICT}")
  set(dictionary "-dict=${DICT}")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
file(GLOB seeds LIST_DIRECTORIES false "${SEEDS}/*")
file(COPY ${seeds} DESTINATION "${WORK}/corpus")
execute_process(COMMAND ${FUZZER} ${limits} -max_total_time=${SECONDS} -print_final_stats=1
                        ${dictionary} -artifact_prefix=${WORK}/artifacts/ ${WORK}/corpus
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzzing found a problem (exit ${rc}); its input is in "
                      "${WORK}/artifacts/: move it to ${REGRESSIONS}/")
endif()
