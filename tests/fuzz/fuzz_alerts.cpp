// libFuzzer target: any answer from an "Alertmanager" or a "Prometheus" alerts
// endpoint decodes to alerts or an error, and any filter text parses or fails;
// never a crash, a hang or an alert without a fingerprint.
#include "alerts/alertmanager_api.h"
#include "alerts/prometheus_alerts.h"
#include "common/rfc3339.h"
#include "metrics/label_matcher.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const opsdeck::AmDecode &d : {opsdeck::decodeAlertGroups(body, QStringLiteral("fuzz")), opsdeck::decodeSilences(body)}) {
        if (d.ok != d.error.isEmpty())
            std::abort();
        for (const opsdeck::Alert &a : d.alerts) {
            if (a.fingerprint.isEmpty())
                std::abort();
        }
    }
    const auto alerts = opsdeck::decodePrometheusAlerts(body, QStringLiteral("fuzz"));
    const auto rules = opsdeck::decodePrometheusRules(body);
    if (alerts.ok != alerts.error.isEmpty() || rules.ok != rules.error.isEmpty())
        std::abort();
    (void)opsdeck::parseRfc3339Ms(std::string_view(body.constData(), size_t(body.size())));
    const auto matchers = opsdeck::parseMatchers(QString::fromUtf8(body));
    if (!matchers.error.isEmpty() && !matchers.matchers.empty())
        std::abort();
    (void)opsdeck::decodeSilenceId(body);
    return 0;
}
