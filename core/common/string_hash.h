#pragma once

// A hash for std::string keys that also takes std::string_view, so that maps
// keyed by strings can be searched with a view into a page without building a
// string first (with std::equal_to<> as the key comparison).

#include <functional>
#include <string_view>

namespace opsdeck {

struct TransparentStringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

} // namespace opsdeck
