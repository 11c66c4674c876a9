#pragma once

// Decoding nlohmann JSON answers, and reading their fields leniently: a missing or mistyped
// field reads as empty, so answers of other versions (extra or absent fields)
// still decode. Private to core's decoders.

#include "metrics/series_store.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace opsdeck::json_fields {

inline QString string(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

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

// Parses body and hands the document to read(document, result); a result type
// with ok and error. JSON that does not parse, or a read that sets error, is a
// failed result; nlohmann's exceptions never leave.
template<typename Result, typename Read>
Result decode(const QByteArray &body, Read &&read)
{
    Result result;
    try {
        const nlohmann::json document = nlohmann::json::parse(body.constBegin(), body.constEnd());
        read(document, result);
        result.ok = result.error.isEmpty();
    } catch (const nlohmann::json::exception &e) {
        result.error = QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(e.what()));
    }
    return result;
}

} // namespace opsdeck::json_fields
