# Runs EXE with ARGS and fails unless it exits with EXPECT (ctest's WILL_FAIL cannot tell 1 from 2).
# Optional:
#   -DMATCH=regex            what it prints (stderr + stdout) must match regex
#   -DBIG_FILE=path -DBIG_SIZE=n -DBIG_HEAD=text
#                            first writes path: BIG_HEAD then 'x' up to n bytes in all
#   -DABSENT=path            path is removed first and must not exist afterwards
if(DEFINED BIG_FILE)
  string(LENGTH "${BIG_HEAD}" head_length)
  math(EXPR pad "${BIG_SIZE} - ${head_length}")
  string(REPEAT "x" ${pad} padding)
  file(WRITE "${BIG_FILE}" "${BIG_HEAD}${padding}")
endif()
if(DEFINED ABSENT)
  file(REMOVE "${ABSENT}")
endif()
execute_process(COMMAND ${EXE} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(DEFINED BIG_FILE)
  file(REMOVE "${BIG_FILE}")
endif()
if(NOT "${rc}" STREQUAL "${EXPECT}")
  message(FATAL_ERROR "expected exit ${EXPECT}, got ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if("${err}${out}" STREQUAL "")
  message(FATAL_ERROR "exit ${rc} but nothing was printed: errors must be explained")
endif()
if(DEFINED MATCH AND NOT "${err}${out}" MATCHES "${MATCH}")
  message(FATAL_ERROR "exit ${rc} as expected, but the message does not match \"${MATCH}\":\n${err}${out}")
endif()
if(DEFINED ABSENT AND EXISTS "${ABSENT}")
  message(FATAL_ERROR "exit ${rc} as expected, but ${ABSENT} was written")
endif()
message(STATUS "exit ${rc} as expected:\n${err}${out}")
