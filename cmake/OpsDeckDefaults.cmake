# One INTERFACE target carries the language level, the warnings and the strict Qt
# defines, so every OpsDeck target gets the same rules by linking it.
add_library(opsdeck_defaults INTERFACE)
target_compile_features(opsdeck_defaults INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(opsdeck_defaults INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    OPSDECK_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(opsdeck_defaults INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual)
elseif(MSVC)
    target_compile_options(opsdeck_defaults INTERFACE /W4 /permissive- /utf-8)
endif()

# Sanitizers for the asan preset.
option(OPSDECK_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
if(OPSDECK_SANITIZE)
    # UBSan only prints and carries on by default: make undefined behaviour fail the test.
    target_compile_options(opsdeck_defaults INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(opsdeck_defaults INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

# Fuzzing builds instrument every library, so a fuzzer sees into core.
if(OPSDECK_BUILD_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "OPSDECK_BUILD_FUZZERS needs clang (CMAKE_CXX_COMPILER=clang++)")
    endif()
    target_compile_options(opsdeck_defaults INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    target_link_options(opsdeck_defaults INTERFACE -fsanitize=address,undefined)
endif()

# What each OS shows of a program: on Windows its icon and version (a resource
# compiled into the .exe), on macOS the bundle's icon, identifier and version.
# The version is the project's, the one place it is set.
function(opsdeck_platform_resources target)
    if(WIN32)
        configure_file(${PROJECT_SOURCE_DIR}/installer/windows/opsdeck.rc.in
            ${CMAKE_CURRENT_BINARY_DIR}/${target}.rc @ONLY)
        target_sources(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/${target}.rc)
    elseif(APPLE)
        get_target_property(bundle ${target} MACOSX_BUNDLE)
        if(NOT bundle)
            return()  # a command-line program: nothing to show
        endif()
        set(icns ${PROJECT_SOURCE_DIR}/resources/icons/opsdeck.icns)
        target_sources(${target} PRIVATE ${icns})
        set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
        set_target_properties(${target} PROPERTIES
            MACOSX_BUNDLE_ICON_FILE opsdeck.icns
            MACOSX_BUNDLE_GUI_IDENTIFIER io.opsdeck.OpsDeck
            MACOSX_BUNDLE_BUNDLE_NAME OpsDeck
            MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
            MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION})
    endif()
endfunction()
