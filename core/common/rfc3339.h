#pragma once

// Times as Alertmanager, Prometheus and Kubernetes write them.

#include <QString>

#include <optional>
#include <string_view>

namespace opsdeck {

// RFC 3339 with any number of fractional digits and a Z or ±hh:mm offset.
std::optional<qint64> parseRfc3339Ms(std::string_view text);
QString formatRfc3339Ms(qint64 ms);

} // namespace opsdeck
