# Runs EXE with ARGS and fails unless it exits with EXPECT (ctest's WILL_FAIL cannot tell 1 from 2).
execute_process(COMMAND ${EXE} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${rc}" STREQUAL "${EXPECT}")
  message(FATAL_ERROR "expected exit ${EXPECT}, got ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if("${err}${out}" STREQUAL "")
  message(FATAL_ERROR "exit ${rc} but nothing was printed: errors must be explained")
endif()
message(STATUS "exit ${rc} as expected:\n${err}${out}")
