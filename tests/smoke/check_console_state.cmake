# Runs the real console on the offscreen platform and checks what its window
# showed (written by --state-report), not only that it exited 0.
#   cmake -DOPSDECK=… -DCONFIG=… -DPROFILE=… -DWORK=… -DSERVICES=a,b,c -P check_console_state.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{XDG_CONFIG_HOME} "${WORK}/config")
set(ENV{XDG_DATA_HOME} "${WORK}/data")
execute_process(
    COMMAND "${OPSDECK}" --config "${CONFIG}" --profile "${PROFILE}" --quit-after 1500
            --state-report "${WORK}/state.json"
    RESULT_VARIABLE exit_code
    ERROR_VARIABLE log
    TIMEOUT 60)
if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "opsdeck exited with ${exit_code}:\n${log}")
endif()
if(NOT EXISTS "${WORK}/state.json")
    message(FATAL_ERROR "opsdeck wrote no state report:\n${log}")
endif()
file(READ "${WORK}/state.json" state)

string(JSON profile GET "${state}" profile)
if(NOT profile STREQUAL PROFILE)
    message(FATAL_ERROR "the window shows profile '${profile}', not '${PROFILE}'")
endif()

# Every panel of the default layout is there, shown, and not squeezed to nothing.
string(JSON dock_count LENGTH "${state}" docks)
foreach(expected healthDock dashboardsDock alertsDock)
    set(found FALSE)
    math(EXPR last "${dock_count} - 1")
    foreach(i RANGE ${last})
        string(JSON name GET "${state}" docks ${i} name)
        if(name STREQUAL expected)
            set(found TRUE)
            string(JSON visible GET "${state}" docks ${i} visible)
            string(JSON height GET "${state}" docks ${i} height)
            if(NOT visible OR height LESS 100)
                message(FATAL_ERROR "dock ${expected} is not shown (visible=${visible}, height=${height})")
            endif()
        endif()
    endforeach()
    if(NOT found)
        message(FATAL_ERROR "no dock ${expected} in the window:\n${state}")
    endif()
endforeach()

# The Health panel lists the profile's services that have health endpoints.
string(REPLACE "," ";" SERVICES "${SERVICES}")
string(JSON service_count LENGTH "${state}" health)
list(LENGTH SERVICES expected_count)
if(NOT service_count EQUAL expected_count)
    message(FATAL_ERROR "the Health panel lists ${service_count} services, not ${expected_count}:\n${state}")
endif()
math(EXPR last "${service_count} - 1")
foreach(i RANGE ${last})
    string(JSON service GET "${state}" health ${i} service)
    list(FIND SERVICES "${service}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "unexpected service '${service}' in the Health panel")
    endif()
endforeach()
message(STATUS "console showed profile ${profile}: ${dock_count} docks, ${service_count} services")
