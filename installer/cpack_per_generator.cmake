# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE): what differs
# between them. The .deb strips its programs itself when it splits their debug
# information into the .ddeb, which needs them unstripped; the others strip.
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_STRIP_FILES OFF)
else()
    set(CPACK_STRIP_FILES ON)
endif()
