#pragma once

// Decoding nlohmann JSON answers, and reading their fields leniently: a missing
// or mistyped field reads as empty, so answers of other versions (extra or
// absent fields) still decode. Private to core's decoders.

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace opsdeck::json_fields {

inline QString string(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
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
