#pragma once

// A real Alertmanager on a free loopback port, for the tests of actions that
// silence alerts while they run (a restore, a rollback): started with a
// minimal route, waited for until ready, killed with the object.

#include "demo_environment.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QString>
#include <QTest>

namespace testsupport {

class LoopbackAlertmanager
{
public:
    ~LoopbackAlertmanager()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

    // dir: a folder of the test's own, for the configuration and the storage.
    bool start(const QString &dir)
    {
        QFile config(dir + QStringLiteral("/am.yml"));
        if (!config.open(QIODevice::WriteOnly))
            return false;
        config.write("route: {receiver: console}\nreceivers: [{name: console}]\n");
        config.close();
        m_url = QStringLiteral("http://127.0.0.1:%1").arg(freePorts(1).front());
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start(QStringLiteral("prometheus-alertmanager"),
                        {QStringLiteral("--config.file=%1").arg(config.fileName()), QStringLiteral("--storage.path=%1/am").arg(dir),
                         QStringLiteral("--web.listen-address=%1").arg(m_url.mid(7)), QStringLiteral("--cluster.listen-address=")});
        if (!m_process.waitForStarted())
            return false;
        return QTest::qWaitFor([&] { return get(QStringLiteral("/-/ready")).has_value(); }, 20000);
    }

    const QString &url() const { return m_url; }

    QJsonArray silences() const
    {
        const std::optional<QByteArray> body = get(QStringLiteral("/api/v2/silences"));
        return body ? QJsonDocument::fromJson(*body).array() : QJsonArray();
    }

    // Posts alerts as Prometheus does (a JSON array of {labels, annotations}).
    bool postAlerts(const QJsonArray &alerts) const
    {
        QProcess curl;
        curl.start(QStringLiteral("curl"), {QStringLiteral("-fsS"), QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
                                            QStringLiteral("--data-binary"), QString::fromUtf8(QJsonDocument(alerts).toJson(QJsonDocument::Compact)),
                                            m_url + QStringLiteral("/api/v2/alerts")});
        return curl.waitForFinished(5000) && curl.exitCode() == 0;
    }

private:
    std::optional<QByteArray> get(const QString &path) const
    {
        QProcess curl;
        curl.start(QStringLiteral("curl"), {QStringLiteral("-fsS"), m_url + path});
        if (!curl.waitForFinished(5000) || curl.exitCode() != 0)
            return std::nullopt;
        return curl.readAllStandardOutput();
    }

    QProcess m_process;
    QString m_url;
};

} // namespace testsupport
