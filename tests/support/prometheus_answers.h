#pragma once

// The answers of a PrometheusClient, kept from its creation on (an answer may
// arrive before the test asks for it), for integration tests against real
// Prometheus-compatible servers. Header-only: tests that use it link core.

#include "prometheus/prometheus_api.h"

#include <QSignalSpy>

namespace testsupport {

class PrometheusAnswers
{
public:
    explicit PrometheusAnswers(opsdeck::PrometheusClient *client)
        : m_spy(client, &opsdeck::PrometheusClient::finished)
    {
    }

    // The answer to request id; a "test" error after 30 s, never a fatal stop, so
    // that the test ends normally and its servers are stopped.
    opsdeck::PromApiResult wait(quint64 id)
    {
        for (int i = 0; i < 300; ++i) {
            for (const auto &args : std::as_const(m_spy)) {
                if (args.at(0).toULongLong() == id)
                    return args.at(1).value<opsdeck::PromApiResult>();
            }
            m_spy.wait(100);
        }
        opsdeck::PromApiResult none;
        none.errorType = QStringLiteral("test");
        none.error = QStringLiteral("no answer within 30 s");
        return none;
    }

private:
    QSignalSpy m_spy;
};

} // namespace testsupport
