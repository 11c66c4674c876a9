# Compiles OpsDeck's PostgreSQL code (every core source that uses libpqxx) against
# another libpqxx than the one the build links (Debian 12's 6.4): a release
# archive from ../shared/vendor, configured so that its generated headers exist,
# then each source with -fsyntax-only. Fails, naming the source and the compiler's
# message, on an API that version lacks or deprecates. Linking is not needed.
#   cmake -DARCHIVE=… -DWORK=… -DSOURCE_DIR=… -DCXX=… -DINCLUDES="a|b" -P check_libpqxx.cmake
if(NOT EXISTS "${ARCHIVE}")
    message("OPSDECK-VENDOR-ABSENT: ${ARCHIVE} is not here; this libpqxx is not checked")
    return()
endif()

get_filename_component(archive_name "${ARCHIVE}" NAME)
string(REGEX REPLACE "\\.tar\\.gz$" "" version_dir "${archive_name}")
set(src "${WORK}/${version_dir}")
set(build "${WORK}/build")
if(NOT EXISTS "${src}/CMakeLists.txt")
    file(MAKE_DIRECTORY "${WORK}")
    file(ARCHIVE_EXTRACT INPUT "${ARCHIVE}" DESTINATION "${WORK}")
endif()
if(NOT EXISTS "${build}/include/pqxx/config-public-compiler.h")
    execute_process(COMMAND "${CMAKE_COMMAND}" -S "${src}" -B "${build}" -DSKIP_BUILD_TEST=ON
                            "-DCMAKE_CXX_COMPILER=${CXX}"
                    RESULT_VARIABLE configured OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT configured EQUAL 0)
        message(FATAL_ERROR "configuring ${version_dir} failed:\n${out}")
    endif()
endif()

execute_process(COMMAND pg_config --includedir OUTPUT_VARIABLE pg_include OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE pg_found ERROR_QUIET)
if(NOT pg_found EQUAL 0)
    set(pg_include /usr/include/postgresql)
endif()

set(flags -std=c++20 -fsyntax-only -fPIC -Werror=deprecated-declarations
    "-I${src}/include" "-I${build}/include" "-I${SOURCE_DIR}/core" "-I${pg_include}")
string(REPLACE "|" ";" includes "${INCLUDES}")
foreach(dir IN LISTS includes)
    list(APPEND flags "-I${dir}")
endforeach()

file(GLOB_RECURSE sources "${SOURCE_DIR}/core/*.cpp")
set(checked 0)
foreach(source IN LISTS sources)
    file(STRINGS "${source}" uses REGEX "pqxx::")
    if(NOT uses)
        continue()
    endif()
    execute_process(COMMAND "${CXX}" ${flags} "${source}" RESULT_VARIABLE compiled ERROR_VARIABLE errors OUTPUT_QUIET)
    if(NOT compiled EQUAL 0)
        message(FATAL_ERROR "${source} does not compile against ${version_dir}:\n${errors}")
    endif()
    math(EXPR checked "${checked} + 1")
    message("${version_dir}: ${source}: ok")
endforeach()
if(checked EQUAL 0)
    message(FATAL_ERROR "no source under core/ uses libpqxx: the check checks nothing")
endif()
