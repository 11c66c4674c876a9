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
