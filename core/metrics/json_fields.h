#pragma once

// The JSON readers of common/json_fields.h, and labels read as the metrics
// layer keeps them. Private to core's decoders.

#include "common/json_fields.h"
#include "metrics/series_store.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace opsdeck::json_fields {

// An object of string values as sorted labels; other values are skipped.
inline Labels labels(const nlohmann::json &object, const char *key)
{
    Labels out;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_object())
        return out;
    out.reserve(it->size());
    for (const auto &[name, value] : it->items()) {
        if (value.is_string())
            out.emplace_back(name, value.get<std::string>());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace opsdeck::json_fields
